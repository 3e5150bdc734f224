// The preview's debug panel: only in containers served for a preview link (the runtime is built
// twice, and the live build drops every use of this module). It lists the page's events as they
// happen and, for every tag of the previewed version, whether it fired and, if not, why: the first
// failing condition with the value the page gave, or the cap, schedule or consent that held it.
// It lives in a shadow root on its own element, so the host page's CSS cannot reach inside, and it
// writes only text nodes, so no tag name or page value can become markup.
import type { Privacy } from '../schema/entities';
import type { ConditionGroup } from '../schema/rules';
import { describeCap, triggerPhrase } from '../rules/describe';
import { reasonText, type Reason } from '../rules/reasons';
import { rulesReason, type SimulatedTag } from '../rules/simulate';
import { scheduleProblem } from '../rules/status';
import type { Reader } from '../rules/evaluate';
import { Outcome, VarCode } from './keys';

/** A tag as the simulator takes it, plus what the panel needs on the page. */
export interface DebugTag extends Omit<SimulatedTag, 'audienceIds'> {
  /** False when the compiler left the tag out (paused, or its campaign is over). */
  shipped: boolean;
  /** The audiences it requires; name and conditions are null for one that no longer exists. */
  audiences: { id: string; name: string | null; conditions: ConditionGroup | null }[];
}

/** What the compiler tells a preview container beyond its compact config. */
export interface DebugInfo {
  /** "the draft" or "version 12". */
  label: string;
  expiresAt: number;
  timeZone: string;
  privacy: Privacy;
  maxFiresPerPage: number | null;
  tags: DebugTag[];
}

export interface DebugPanel {
  /** Something happened on the page: a page view, a pushed event, a click that a tag listens for … */
  event(name: string, detail?: string): void;
  /** The outcome of one attempt to fire a tag, decided with `read` as it stood then. */
  result(tagId: string, event: string, outcome: Outcome, read: Reader): void;
  /** A privacy signal that stops everything before any tag is tried. */
  privacy(signal: 'dnt' | 'gpc'): void;
  /** A new page view: outcomes start over; the event list goes on. */
  pageView(): void;
}

const MAX_EVENTS = 200;

interface TagState {
  fired: number;
  /** The latest reason it did not fire, in words; empty when it has not been tried on this page. */
  why: string;
}

const time = (at: number) => new Date(at).toTimeString().slice(0, 8);

/** Why one attempt did not fire, in the simulator's words. */
function explainOutcome(tag: DebugTag, outcome: Outcome, read: Reader, info: DebugInfo): string {
  const now = Date.now();
  const words = (reason: Reason) => reasonText(reason, now, info.timeZone);
  switch (outcome) {
    case Outcome.OptedOut:
      return words({ kind: 'privacy', signal: 'optOut' });
    case Outcome.PageLimit:
      return words({ kind: 'pageLimit', limit: info.maxFiresPerPage ?? 0 });
    case Outcome.Schedule: {
      const problem = scheduleProblem(tag.schedule, info.timeZone, now);
      return problem ? words({ kind: 'schedule', problem }) : 'Outside its campaign dates';
    }
    case Outcome.Cap:
      return `Already fired: it fires ${describeCap(tag.cap)}`;
    case Outcome.Rules:
      return words(rulesReason([tag.conditions, ...tag.audiences.map((audience) => audience.conditions)], read) ?? { kind: 'conditions' });
    case Outcome.Consent: {
      const given = read(VarCode.Consent, tag.consent);
      return words({ kind: 'consent', category: tag.consent, given: given === 'granted' || given === 'denied' ? given : undefined });
    }
    case Outcome.Failed:
      return 'It matched, but firing it threw an error (see the browser console)';
    default:
      return '';
  }
}

/** Before any attempt: why a tag has not fired yet on this page. */
function idleText(tag: DebugTag): string {
  if (tag.status === 'paused') return 'Paused: left out of the container';
  if (!tag.shipped) return 'Its campaign is over: left out of the container';
  return `Not tried yet. ${triggerPhrase(tag.trigger)}`;
}

const STYLE = `
:host { all: initial; }
.panel { position: fixed; right: 12px; bottom: 12px; width: 420px; max-height: 70vh; display: flex; flex-direction: column;
  background: #fff; color: #1a1b1e; border: 1px solid #ced4da; border-radius: 8px; box-shadow: 0 8px 24px rgba(0,0,0,.18);
  font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; overflow: hidden; }
.panel.collapsed .body { display: none; }
header { display: flex; align-items: center; gap: 8px; padding: 8px 10px; background: #1c7ed6; color: #fff; }
header strong { flex: 1; font-size: 13px; }
button { font: inherit; font-size: 12px; border: 1px solid rgba(255,255,255,.6); background: transparent; color: inherit; border-radius: 4px; padding: 2px 8px; cursor: pointer; }
.body { overflow: auto; padding: 8px 10px; }
h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: #495057; margin: 8px 0 4px; }
ul { list-style: none; margin: 0; padding: 0; }
li { padding: 4px 0; border-bottom: 1px solid #f1f3f5; }
.tag-name { font-weight: 600; }
.badge { display: inline-block; margin-left: 6px; padding: 0 6px; border-radius: 8px; font-size: 11px; font-weight: 600; }
.fired { background: #d3f9d8; color: #2b8a3e; }
.not-fired { background: #fff3bf; color: #8f5f00; }
.why, .detail, .note { color: #495057; }
.note { font-size: 12px; margin: 4px 0; }
.event-time { color: #868e96; margin-right: 6px; font-variant-numeric: tabular-nums; }
`;

export function createDebugPanel(info: DebugInfo, onExit: () => void): DebugPanel {
  const doc = document;
  const states: Record<string, TagState> = {};
  const events: { at: number; name: string; detail: string }[] = [];
  let stopped = '';
  let collapsed = false;

  // A custom element name: selectors aimed at the page's own divs do not match it, and inline
  // !important declarations win over any the page's stylesheets make.
  const host = doc.createElement('pixeltag-debug');
  host.setAttribute('style', 'all: initial !important; display: block !important; position: fixed !important; z-index: 2147483647 !important;');
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = STYLE;
  const panel = doc.createElement('section');
  panel.className = 'panel';
  panel.setAttribute('aria-label', 'Pixeltag preview');
  root.append(style, panel);

  const el = (tag: string, className: string, text?: string) => {
    const node = doc.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  const render = () => {
    const header = el('header', '');
    header.append(el('strong', '', `Pixeltag preview: ${info.label}`));
    const toggle = el('button', '', collapsed ? 'Show' : 'Hide');
    toggle.addEventListener('click', () => {
      collapsed = !collapsed;
      render();
    });
    const exit = el('button', '', 'Exit preview');
    exit.addEventListener('click', onExit);
    header.append(toggle, exit);

    const body = el('div', 'body');
    body.append(el('p', 'note', `Only this browser sees this preview, until ${new Date(info.expiresAt).toLocaleString()}. Its fires are not counted in the console.`));
    if (stopped) body.append(el('p', 'note stopped', stopped));
    body.append(el('h2', '', 'Tags'));
    const tagList = el('ul', 'tags');
    for (const tag of info.tags) {
      const state = states[tag.id];
      const item = el('li', 'tag');
      item.setAttribute('data-tag-id', tag.id);
      item.append(el('span', 'tag-name', tag.name));
      const fired = !!state && state.fired > 0;
      item.append(el('span', `badge ${fired ? 'fired' : 'not-fired'}`, fired ? (state.fired > 1 ? `Fired ×${state.fired}` : 'Fired') : 'Not fired'));
      if (!fired) item.append(el('div', 'why', stopped || state?.why || idleText(tag)));
      tagList.append(item);
    }
    body.append(tagList, el('h2', '', 'Events'));
    const eventList = el('ul', 'events');
    for (let i = events.length - 1; i >= 0; i--) {
      const event = events[i] as (typeof events)[number];
      const item = el('li', 'event');
      item.append(el('span', 'event-time', time(event.at)), el('span', 'event-name', event.name));
      if (event.detail) item.append(el('div', 'detail', event.detail));
      eventList.append(item);
    }
    body.append(eventList);
    panel.className = collapsed ? 'panel collapsed' : 'panel';
    panel.replaceChildren(header, body);
  };

  // Many events arrive in one task (a page view tries every tag): draw once after them.
  let pending = false;
  const update = () => {
    if (pending) return;
    pending = true;
    setTimeout(() => {
      pending = false;
      render();
    }, 0);
  };

  const attach = () => {
    (doc.body || doc.documentElement).appendChild(host);
    update();
  };
  if (doc.body) attach();
  else doc.addEventListener('DOMContentLoaded', attach);

  const byId: Record<string, DebugTag> = {};
  for (const tag of info.tags) byId[tag.id] = tag;

  return {
    event(name, detail = '') {
      events.push({ at: Date.now(), name, detail });
      if (events.length > MAX_EVENTS) events.shift();
      update();
    },
    result(tagId, event, outcome, read) {
      const tag = byId[tagId];
      if (!tag) return;
      const state = states[tagId] || (states[tagId] = { fired: 0, why: '' });
      if (outcome === Outcome.Fired) state.fired++;
      else state.why = `${explainOutcome(tag, outcome, read, info)} (on ${event})`;
      update();
    },
    privacy(signal) {
      stopped = reasonText({ kind: 'privacy', signal }, Date.now(), info.timeZone);
      update();
    },
    pageView() {
      for (const id in states) delete states[id];
      update();
    },
  };
}
