// The "test a visit" simulator: given a site's tags and settings and a made-up visit, says which
// tags fire and, for each that does not, the first reason why — checked in the runtime's order
// (schedule, rules, consent) with the runtime's evaluator and the runtime's meaning of each variable.
import type { Privacy } from '../schema/entities';
import type { Condition, ConditionGroup } from '../schema/rules';
import { VARIABLE_VALUES } from '../schema/vocabulary';
import type { Cap, ConsentCategory, Schedule, Trigger } from '../schema/targeting';
import { VarCode } from '../runtime/keys';
import { compactCondition, VARIABLE_CODES } from './compact';
import { evaluate, type Reader } from './evaluate';
import { reasonText, type Explanation, type Reason } from './reasons';
import { scheduleProblem } from './status';
import { PAGE_LOAD_TRIGGERS } from './words';
import { wallClock } from './zone';

/** A made-up visit, as the simulator form fills it in. */
export interface Visit {
  url: string;
  /** Empty when the visitor typed the address or came from a bookmark. */
  referrer: string;
  title?: string;
  /** mobile, tablet or desktop; browser and os in the runtime's words (chrome, ios …). */
  device: string;
  browser: string;
  os: string;
  language: string;
  screenWidth: number;
  /** Sessions so far, this one included: more than one makes a returning visitor, as in the runtime. */
  sessions: number;
  /** Page views this session, this one included. */
  pageviews: number;
  /** Seconds since the session started. */
  seconds: number;
  cookies?: Record<string, string>;
  dataLayer: Record<string, unknown>;
  /** Consent the visitor gave per category; a category left out was never asked. */
  consent: Partial<Record<string, 'granted' | 'denied'>>;
  /** Two-letter code from the CDN header; empty when unknown. */
  country?: string;
  /** An event the page pushes during the visit (`pixeltag.push({event})`); empty for none. */
  event?: string;
  /** The visitor's stable random number, 0–99. */
  sample: number;
  /** When the visit happens (ms since the epoch). */
  at: number;
  dnt?: boolean;
  gpc?: boolean;
  optedOut?: boolean;
}

export interface SimulatedSite {
  timeZone: string;
  privacy: Privacy;
  maxFiresPerPage: number | null;
}

export interface SimulatedTag {
  id: string;
  name: string;
  status: 'active' | 'paused';
  priority: number;
  trigger: Trigger;
  conditions: ConditionGroup;
  cap: Cap;
  schedule: Schedule;
  consent: ConsentCategory;
  /** Audiences the visitor must all be in; the simulator needs them passed to `simulate`. */
  audienceIds?: string[];
}

/** What the simulator needs of an audience: its id and rules. */
export interface SimulatedAudience {
  id: string;
  conditions: ConditionGroup;
}

export type { Explanation, Reason } from './reasons';

export interface Verdict {
  tag: SimulatedTag;
  fires: boolean;
  /** The first reason it does not fire; null when it fires. */
  reason: Reason | null;
  /** The verdict in plain words. */
  text: string;
}

function readPath(data: unknown, path: string): unknown {
  let value = data;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Only strings and numbers are compared; true/false read as words, objects as absent, as in the runtime. */
const scalar = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' ? value : typeof value === 'boolean' ? String(value) : undefined;

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The runtime's weekday words, 0 = Sunday. */
const WEEKDAYS = VARIABLE_VALUES['time.weekday'] ?? [];

const UTM: Partial<Record<VarCode, string>> = {
  [VarCode.UtmSource]: 'utm_source',
  [VarCode.UtmMedium]: 'utm_medium',
  [VarCode.UtmCampaign]: 'utm_campaign',
  [VarCode.UtmTerm]: 'utm_term',
  [VarCode.UtmContent]: 'utm_content',
};

/**
 * Reads each variable from the visit as the runtime reads it from the page: `event` is what the
 * runtime reports ('pageview', 'domready', 'load', 'click', an event name …); weekday and hour are
 * the site's; UTM fields come from the address (the runtime also remembers them for the session).
 */
export function visitReader(visit: Visit, timeZone: string, event = 'pageview'): Reader {
  const url = parseUrl(visit.url);
  const referrer = parseUrl(visit.referrer);
  const clock = wallClock(visit.at, timeZone);
  return (variable, arg) => {
    switch (variable) {
      case VarCode.PageUrl:
        return url ? url.href : visit.url;
      case VarCode.PageHost:
        return url?.hostname;
      case VarCode.PagePath:
        return url?.pathname;
      case VarCode.PageQuery:
        return url?.searchParams.get(arg ?? '') ?? undefined;
      case VarCode.PageHash:
        return url ? url.hash.slice(1) : undefined;
      case VarCode.PageTitle:
        return visit.title ?? '';
      case VarCode.ReferrerUrl:
        return visit.referrer;
      case VarCode.ReferrerHost:
        return referrer ? referrer.hostname : '';
      case VarCode.UtmSource:
      case VarCode.UtmMedium:
      case VarCode.UtmCampaign:
      case VarCode.UtmTerm:
      case VarCode.UtmContent:
        // The runtime keeps only non-empty UTM fields.
        return url?.searchParams.get(UTM[variable] as string) || undefined;
      case VarCode.DeviceType:
        return visit.device;
      case VarCode.Browser:
        return visit.browser;
      case VarCode.Os:
        return visit.os;
      case VarCode.Language:
        return visit.language;
      case VarCode.ScreenWidth:
        return visit.screenWidth;
      case VarCode.VisitorType:
        return visit.sessions > 1 ? 'returning' : 'new';
      case VarCode.VisitorSessions:
        return visit.sessions;
      case VarCode.SessionPageviews:
        return visit.pageviews;
      case VarCode.SessionSeconds:
        return visit.seconds;
      case VarCode.Cookie:
        return visit.cookies?.[arg ?? ''];
      case VarCode.DataLayer:
        return scalar(readPath(visit.dataLayer, arg ?? ''));
      case VarCode.Event:
        return event;
      case VarCode.Country:
        return visit.country || undefined;
      case VarCode.Consent:
        return visit.consent[arg ?? ''];
      case VarCode.Sample:
        return visit.sample;
      case VarCode.Weekday:
        return WEEKDAYS[clock.weekday];
      case VarCode.Hour:
        return clock.hour;
    }
    return undefined;
  };
}

const holds = (condition: Condition, read: Reader) => evaluate(compactCondition(condition), read);

/** The rule that makes `condition` come out as `outcome`, descending into groups. */
function culprit(condition: Condition, outcome: boolean, read: Reader): Explanation | null {
  if (condition.type === 'rule') return { rule: condition, actual: read(VARIABLE_CODES[condition.variable], condition.arg || undefined), matched: outcome };
  // all: false because of a child that fails; any: true because of a child that holds;
  // none: false because of a child that holds. Otherwise every child agrees: take the first.
  const decisive =
    condition.type === 'all' ? (outcome ? null : false) : condition.type === 'any' ? (outcome ? true : null) : outcome ? null : true;
  const childOutcome = condition.type === 'none' ? !outcome : outcome;
  for (const child of condition.conditions) {
    if (decisive !== null && holds(child, read) !== decisive) continue;
    const found = culprit(child, childOutcome, read);
    if (found) return found;
  }
  return null;
}

/**
 * The first failing rule of a condition tree with the value it read, or null when the tree holds:
 * for `all` the first failing child, for `any` whose children all fail the first child's failure,
 * for `none` the first child that matched (reported with `matched: true`).
 */
export function explain(condition: ConditionGroup, read: Reader): Explanation | null {
  return holds(condition, read) ? null : culprit(condition, false, read);
}

/**
 * Why a visit is left out by a tag's rules: the first failing rule of its own conditions, then of
 * each audience it requires (as the compiler joins them), with the value the visit gave; null
 * when every one holds. A null group is an audience that no longer exists, which nobody is in.
 */
export function rulesReason(groups: readonly (ConditionGroup | null)[], read: Reader): Reason | null {
  for (const conditions of groups) {
    if (!conditions) return { kind: 'missingAudience' };
    const why = explain(conditions, read);
    if (why) return { kind: 'rule', ...why };
    if (!holds(conditions, read)) return { kind: 'conditions' };
  }
  return null;
}

/** The event the runtime reports when a trigger fires, which is what the `event` variable reads. */
function eventOf(trigger: Trigger): string {
  switch (trigger.type) {
    case 'pageview':
      return 'pageview';
    case 'domReady':
      return 'domready';
    case 'event':
      return trigger.name;
    default:
      return trigger.type;
  }
}

/** Whether the site's consent mode lets a tag of this category fire, as the runtime decides. */
export function consentAllows(mode: Privacy['consentMode'], category: string, given: 'granted' | 'denied' | undefined): boolean {
  if (category === 'necessary' || mode === 'none') return true;
  return mode === 'optIn' ? given === 'granted' : given !== 'denied';
}

/** When in the page's life a tag fires, for the site's per-page limit: page view, pushed events, DOM ready, load. */
const PHASES: Record<string, number> = { pageview: 0, event: 1, domReady: 2, load: 3 };

/** Each tag's verdict for the visit, highest priority first (ties keep the given order), as the runtime runs them. */
export function simulate(site: SimulatedSite, tags: SimulatedTag[], visit: Visit, audiences: SimulatedAudience[] = []): Verdict[] {
  const audienceById = new Map(audiences.map((audience) => [audience.id, audience]));
  const ordered = tags.map((tag, index) => ({ tag, index })).sort((a, b) => b.tag.priority - a.tag.priority || a.index - b.index);
  const privacy: Reason | null = visit.optedOut
    ? { kind: 'privacy', signal: 'optOut' }
    : site.privacy.honorDnt && visit.dnt
      ? { kind: 'privacy', signal: 'dnt' }
      : site.privacy.honorGpc && visit.gpc
        ? { kind: 'privacy', signal: 'gpc' }
        : null;
  const reasons = ordered.map(({ tag }): Reason | null => {
    if (tag.status === 'paused') return { kind: 'paused' };
    if (privacy) return privacy;
    const problem = scheduleProblem(tag.schedule, site.timeZone, visit.at);
    if (problem) return { kind: 'schedule', problem };
    const read = visitReader(visit, site.timeZone, eventOf(tag.trigger));
    const groups = [tag.conditions, ...(tag.audienceIds ?? []).map((id) => audienceById.get(id)?.conditions ?? null)];
    const rules = rulesReason(groups, read);
    if (rules) return rules;
    const given = visit.consent[tag.consent];
    if (!consentAllows(site.privacy.consentMode, tag.consent, given)) return { kind: 'consent', category: tag.consent, given };
    const firesNow = PAGE_LOAD_TRIGGERS.includes(tag.trigger.type) || (tag.trigger.type === 'event' && tag.trigger.name === visit.event);
    return firesNow ? null : { kind: 'trigger', trigger: tag.trigger };
  });
  // The site's limit counts fires in the order the runtime makes them.
  const limit = site.maxFiresPerPage;
  if (limit) {
    const firing = ordered
      .map(({ tag }, i) => ({ i, phase: PHASES[tag.trigger.type] ?? 0 }))
      .filter(({ i }) => reasons[i] === null)
      .sort((a, b) => a.phase - b.phase || a.i - b.i);
    for (const { i } of firing.slice(limit)) reasons[i] = { kind: 'pageLimit', limit };
  }
  return ordered.map(({ tag }, i) => {
    const reason = reasons[i] ?? null;
    return { tag, fires: reason === null, reason, text: reason ? reasonText(reason, visit.at, site.timeZone) : 'Fires' };
  });
}
