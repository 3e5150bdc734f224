// The browser runtime: the part of every container that runs in the visitor's page. It reads the
// site's compiled config, wires each tag's trigger, and when one fires checks consent, schedule,
// caps and rules, fires the tag and reports it to the collector. Nothing may throw into the page.
import { evaluate, type Reader } from '../rules/evaluate';
import { fillTemplate } from '../rules/template';
import { wallClock } from '../rules/zone';
import { browserName, deviceType, osName } from './env';
import {
  CapCode,
  ConsentModeCode,
  K,
  TagKindCode,
  TriggerCode,
  VarCode,
  type CompiledConfig,
  type CompiledTag,
} from './keys';
import type { DebugPanel } from './debug';
import { Outcome, PREVIEW_STORAGE_KEY } from './keys';
import { createStorage } from './storage';
import { loadVisitor, recordFire, sample, saveVisitor, touch, UTM_FIELDS } from './visitor';

/** Vendor templates' code by tag id, bound by the container wrapper beside the config. */
export type VendorCode = Record<string, (context: { fill: (template: string) => string; event: string }) => void>;
/** True in the preview build only (an esbuild define); the live build drops every branch it guards. */
declare const PREVIEW: boolean;

type Bag = Record<string, unknown>;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/**
 * Runs one container in the page. `openPanel` (preview builds only) opens the debug panel, which
 * calls back to leave the preview.
 */
export function runContainer(config: CompiledConfig, vendors: VendorCode, openPanel?: (onExit: () => void) => DebugPanel): void {
  const win = window;
  const doc = document;
  const nav = navigator;
  const loc = location;
  const now = Date.now;
  const script = doc.currentScript as HTMLScriptElement | null;
  const tags = config[K.Tags];
  const on = (target: EventTarget, type: string, listener: (event: Event) => void) =>
    target.addEventListener(type, listener, { capture: true, passive: true });

  // --- Preview links: a browser holding a preview token loads the previewed container instead.
  // The server answers a token it refuses with this live container again: then it runs as live.
  let panel: DebugPanel | null = null;
  if (PREVIEW) {
    panel = openPanel!(() => {
      try {
        localStorage.removeItem(PREVIEW_STORAGE_KEY);
      } catch {
        /* storage blocked: the token was never kept either */
      }
      loc.reload();
    });
  } else if (script) {
    try {
      const given = /[?&]pixeltag_preview=([^&#]*)/.exec(loc.search);
      const ls = localStorage;
      // An empty value (`?pixeltag_preview=`) leaves the preview.
      if (given && given[1]) ls.setItem(PREVIEW_STORAGE_KEY, decodeURIComponent(given[1]));
      else if (given) ls.removeItem(PREVIEW_STORAGE_KEY);
      const token = ls.getItem(PREVIEW_STORAGE_KEY);
      if (token) {
        const [src, query] = script.src.split('?');
        // Loaded from a preview URL yet live: the server refused the token, so forget it. The
        // script's own address says so, which keeps `window` free of markers of our own.
        if (query && query.indexOf('preview=') >= 0) ls.removeItem(PREVIEW_STORAGE_KEY);
        else {
          const loader = doc.createElement('script');
          loader.src = src + '?preview=' + encodeURIComponent(token);
          (doc.head || doc.documentElement).appendChild(loader);
          return;
        }
      }
    } catch {
      /* storage blocked: no preview, live as usual */
    }
  }

  // --- Privacy: a visitor who asked not to be tracked gets nothing, not even a report.
  const dnt = nav.doNotTrack === '1' || (win as unknown as Bag).doNotTrack === '1';
  const gpc = (nav as unknown as Bag).globalPrivacyControl === true;
  if ((config[K.HonorDnt] && dnt) || (config[K.HonorGpc] && gpc)) {
    if (PREVIEW) panel!.privacy(config[K.HonorDnt] && dnt ? 'dnt' : 'gpc');
    return;
  }

  // --- Collector: same origin as the container itself, so sites configure nothing.
  let collector = '';
  try {
    collector = new URL(script ? script.src : '').origin;
  } catch {
    /* no script src (inlined container): reports are skipped */
  }

  // --- Visitor state: sessions, page views, UTM fields and past fires, in first-party storage.
  const storage = createStorage(win, doc);
  const state = loadVisitor(storage);
  // Many changes in one task (a page view and its fires) are written once, right after it.
  let saving = false;
  const save = () => {
    if (saving) return;
    saving = true;
    Promise.resolve().then(() => {
      saving = false;
      saveVisitor(storage, state);
    });
  };
  const consentMode = config[K.ConsentMode];
  /** Consent from the page's IAB TCF CMP, when there is one, wins over pushed consent. */
  let tcfConsent: Record<string, boolean> | null = null;
  const consentOf = (category: string): boolean | undefined => {
    const given = tcfConsent || state.c || {};
    return category in given ? given[category] : undefined;
  };
  const consentAllows = (category: string) =>
    category === 'necessary' ||
    consentMode === ConsentModeCode.None ||
    (consentMode === ConsentModeCode.OptIn ? consentOf(category) === true : consentOf(category) !== false);

  // --- Data layer: the `window.pixeltag` array, merged into one object of values.
  const dataLayer: Bag = {};
  let currentEvent = 'pageview';
  const readPath = (path: string): unknown => {
    let value: unknown = dataLayer;
    const keys = path.split('.');
    for (let i = 0; i < keys.length; i++) {
      if (value === null || typeof value !== 'object') return undefined;
      value = (value as Bag)[keys[i] as string];
    }
    return value;
  };
  const scalar = (value: unknown) =>
    typeof value === 'string' || typeof value === 'number' ? value : typeof value === 'boolean' ? String(value) : undefined;
  const hostOf = (url: string) => {
    try {
      return new URL(url).hostname;
    } catch {
      return '';
    }
  };
  const readCookie = (name: string) => {
    try {
      const parts = doc.cookie.split('; ');
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i] as string;
        const eq = part.indexOf('=');
        if (part.slice(0, eq) === name) return decodeURIComponent(part.slice(eq + 1));
      }
    } catch {
      /* cookies blocked: treated as absent */
    }
    return undefined;
  };
  const clock = () => wallClock(now(), config[K.TimeZone]);
  const ua = nav.userAgent;

  const read: Reader = (variable, arg) => {
    switch (variable) {
      case VarCode.PageUrl:
        return loc.href;
      case VarCode.PageHost:
        return loc.hostname;
      case VarCode.PagePath:
        return loc.pathname;
      case VarCode.PageQuery: {
        const value = new URLSearchParams(loc.search).get(arg as string);
        return value === null ? undefined : value;
      }
      case VarCode.PageHash:
        return loc.hash.slice(1);
      case VarCode.PageTitle:
        return doc.title;
      case VarCode.ReferrerUrl:
        return doc.referrer;
      case VarCode.ReferrerHost:
        return hostOf(doc.referrer);
      case VarCode.UtmSource:
      case VarCode.UtmMedium:
      case VarCode.UtmCampaign:
      case VarCode.UtmTerm:
      case VarCode.UtmContent:
        return state.u[UTM_FIELDS[Number(variable) - 1] as string];
      case VarCode.DeviceType:
        return deviceType(ua);
      case VarCode.Browser:
        return browserName(ua);
      case VarCode.Os:
        return osName(ua);
      case VarCode.Language:
        return nav.language;
      case VarCode.ScreenWidth:
        return screen.width;
      case VarCode.VisitorType:
        return state.n > 1 ? 'returning' : 'new';
      case VarCode.VisitorSessions:
        return state.n;
      case VarCode.SessionPageviews:
        return state.p;
      case VarCode.SessionSeconds:
        return Math.floor((now() - state.s) / 1000);
      case VarCode.Cookie:
        return readCookie(arg as string);
      case VarCode.DataLayer:
        return scalar(readPath(arg as string));
      case VarCode.Event:
        return currentEvent;
      case VarCode.Country:
        return config[K.Country] || undefined;
      case VarCode.Consent: {
        const given = consentOf(arg as string);
        return given === undefined ? undefined : given ? 'granted' : 'denied';
      }
      case VarCode.Sample:
        return sample(state);
      case VarCode.Weekday:
        return WEEKDAYS[clock().weekday];
      case VarCode.Hour:
        return clock().hour;
    }
    return undefined;
  };

  // --- Firing: each tag kind, then a report to the collector.
  const placeholder = (event: string) => (name: string, path?: string) =>
    name === 'page_url'
      ? loc.href
      : name === 'page_path'
        ? loc.pathname
        : name === 'page_host'
          ? loc.hostname
          : name === 'page_title'
            ? doc.title
            : name === 'referrer'
              ? doc.referrer
              : name === 'cachebuster'
                ? Math.floor(Math.random() * 1e12)
                : name === 'event'
                  ? event
                  : name === 'dl'
                    ? scalar(readPath(path as string))
                    : undefined;
  // fetch never holds up the page's load event the way a pending image does, and keepalive lets a
  // click's pixel outlive the navigation it starts. The body is read so the request completes.
  const beacon = (src: string) => {
    if (win.fetch)
      win
        .fetch(src, { mode: 'no-cors', credentials: 'include', keepalive: true })
        .then((response) => response.arrayBuffer())
        .catch(() => undefined);
    else new Image().src = src;
  };
  let reports = 0;
  const append = (node: Node) => (doc.head || doc.documentElement).appendChild(node);

  // Reports go to our own collector, which always answers at once, so a plain image will do.
  const report = (tag: CompiledTag, event: string) => {
    // A preview's fires are someone testing, not visitors: they stay out of the console's counts.
    if (PREVIEW || !collector || !config[K.Collect]) return;
    new Image().src = (
      collector +
        '/p.gif?k=' +
        encodeURIComponent(config[K.SiteKey]) +
        '&t=' +
        encodeURIComponent(tag[K.TagId]) +
        '&e=' +
        encodeURIComponent(event) +
        '&u=' +
        encodeURIComponent(loc.href) +
        // Repeated fires on one page must each reach the collector, never a cached answer.
        '&n=' +
        ++reports +
        '.' +
        now());
  };

  const fire = (tag: CompiledTag, event: string) => {
    const kind = tag[K.TagKind];
    const payload = tag[K.TagUrl];
    if (kind === TagKindCode.Image) beacon(fillTemplate(payload, placeholder(event)));
    else if (kind === TagKindCode.Script) {
      const element = doc.createElement('script');
      element.async = true;
      element.src = fillTemplate(payload, placeholder(event));
      append(element);
    } else if (kind === TagKindCode.Html) {
      // A contextual fragment runs its <script> elements when inserted, as pasted HTML expects.
      (doc.body || doc.documentElement).appendChild(doc.createRange().createContextualFragment(payload));
    } else if (kind === TagKindCode.Vendor) {
      (vendors[tag[K.TagId]] as (typeof vendors)[string])({ fill: (t) => fillTemplate(t, placeholder(event), String), event });
    }
  };

  // --- When a tag may fire: consent, schedule, caps, then its rules.
  /** Per page view: tags fired and the number of fires (for the site's per-page limit). */
  let firedOnPage: Record<string, number> = {};
  let firesOnPage = 0;
  /** Page-view tags held back only by consent, retried when consent changes. */
  let waiting: [CompiledTag, string][] = [];

  const scheduleAllows = (tag: CompiledTag) => {
    const schedule = tag[K.TagSchedule];
    if (!schedule) return true;
    const t = now();
    if ((schedule[0] && t < schedule[0]) || (schedule[1] && t >= schedule[1])) return false;
    const wall = clock();
    return (!schedule[2] || (schedule[2] & (1 << wall.weekday)) > 0) && wall.hour >= schedule[3] && wall.hour < schedule[4];
  };

  const capAllows = (tag: CompiledTag) => {
    const cap = tag[K.TagCap];
    const fires = state.f[tag[K.TagId]] || [];
    switch (cap[0]) {
      case CapCode.Page:
        return !firedOnPage[tag[K.TagId]];
      case CapCode.Session:
        return !fires.some((t) => t >= state.s);
      case CapCode.Visitor:
        return !fires.length;
      case CapCode.Window: {
        const since = now() - (cap[2] as number);
        return fires.filter((t) => t > since).length < (cap[1] as number);
      }
    }
    return true;
  };

  /** What stops the tag firing now; Outcome.Fired (0) when nothing does. */
  const blocked = (tag: CompiledTag, event: string): Outcome => {
    if (state.o) return Outcome.OptedOut;
    const maxFires = config[K.MaxFires];
    if (maxFires && firesOnPage >= maxFires) return Outcome.PageLimit;
    if (!scheduleAllows(tag)) return Outcome.Schedule;
    if (!capAllows(tag)) return Outcome.Cap;
    currentEvent = event;
    if (!evaluate(tag[K.TagCondition], read)) return Outcome.Rules;
    if (!consentAllows(tag[K.TagConsent])) {
      // Still without consent: keep waiting for a later consent update on this page view.
      if (tag[K.TagTrigger][0] === TriggerCode.PageView) waiting.push([tag, event]);
      return Outcome.Consent;
    }
    return Outcome.Fired;
  };

  const attempt = (tag: CompiledTag, event: string) => {
    try {
      const outcome = blocked(tag, event);
      if (PREVIEW) panel!.result(tag[K.TagId], event, outcome, read);
      if (outcome) return;
      firedOnPage[tag[K.TagId]] = 1;
      firesOnPage++;
      recordFire(state, tag[K.TagId], now());
      save();
      fire(tag, event);
      report(tag, event);
    } catch {
      /* one broken tag must not stop the others */
      if (PREVIEW) panel!.result(tag[K.TagId], event, Outcome.Failed, read);
    }
  };

  const each = (code: TriggerCode, run: (tag: CompiledTag) => void) => {
    for (let i = 0; i < tags.length; i++) if ((tags[i] as CompiledTag)[K.TagTrigger][0] === code) run(tags[i] as CompiledTag);
  };
  const fireAll = (code: TriggerCode, event: string) => {
    if (PREVIEW && code) panel!.event(event);
    each(code, (tag) => attempt(tag, event));
  };

  const retryWaiting = () => {
    const held = waiting;
    waiting = [];
    for (let i = 0; i < held.length; i++) attempt((held[i] as [CompiledTag, string])[0], (held[i] as [CompiledTag, string])[1]);
  };

  // --- Page views: the first, and each single-page-app navigation after it.
  let timers: number[] = [];
  let scrolled: Record<string, number> = {};
  let seen: Record<string, number> = {};
  let observer: IntersectionObserver | null = null;

  const watchVisibility = () => {
    if (observer) observer.disconnect();
    if (!('IntersectionObserver' in win)) return;
    const io = new IntersectionObserver((entries) => {
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[i] as IntersectionObserverEntry;
        if (!entry.isIntersecting) continue;
        each(TriggerCode.Visible, (tag) => {
          try {
            if (!seen[tag[K.TagId]] && entry.target.matches(tag[K.TagTrigger][1] as string)) {
              seen[tag[K.TagId]] = 1;
              if (PREVIEW) panel!.event('visible', tag[K.TagTrigger][1] as string);
              attempt(tag, 'visible');
            }
          } catch {
            /* an invalid selector matches nothing */
          }
        });
      }
    });
    observer = io;
    each(TriggerCode.Visible, (tag) => {
      try {
        const found = doc.querySelectorAll(tag[K.TagTrigger][1] as string);
        for (let i = 0; i < found.length; i++) io.observe(found[i] as Element);
      } catch {
        /* an invalid selector matches nothing */
      }
    });
  };

  const pageView = () => {
    touch(state, now(), loc.search);
    state.p++;
    save();
    firedOnPage = {};
    firesOnPage = 0;
    waiting = [];
    if (PREVIEW) {
      panel!.pageView();
      panel!.event('pageview', loc.href);
    }
    scrolled = {};
    seen = {};
    for (let i = 0; i < timers.length; i++) clearTimeout(timers[i]);
    timers = [];
    fireAll(TriggerCode.PageView, 'pageview');
    each(TriggerCode.Timer, (tag) => {
      timers.push(
        win.setTimeout(() => {
          if (PREVIEW) panel!.event('timer', tag[K.TagTrigger][1] + ' s');
          attempt(tag, 'timer');
        }, (tag[K.TagTrigger][1] as number) * 1000),
      );
    });
    if (doc.readyState !== 'loading') watchVisibility();
  };

  let lastUrl = loc.href;
  const navigated = () => {
    if (loc.href === lastUrl) return;
    lastUrl = loc.href;
    pageView();
    fireAll(TriggerCode.History, 'history');
  };
  const hist = history;
  const wrap = (name: 'pushState' | 'replaceState') => {
    const original = hist[name];
    hist[name] = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      try {
        navigated();
      } catch {
        /* the page's navigation must go on */
      }
      return result;
    };
  };
  wrap('pushState');
  wrap('replaceState');
  on(win, 'popstate', navigated);
  on(win, 'hashchange', navigated);

  // --- Commands and events pushed by the page, before or after the container loaded.
  const setConsent = (given: unknown) => {
    if (!given || typeof given !== 'object') return;
    const next: Record<string, boolean> = state.c || {};
    for (const key in given as Bag) next[key] = (given as Bag)[key] === true || (given as Bag)[key] === 'granted';
    state.c = next;
    save();
    retryWaiting();
  };
  const handle = (item: unknown) => {
    try {
      if (PREVIEW) {
        // Showing the item must not stop it being handled, whatever getters or cycles it has.
        let name = 'data layer';
        let detail = '';
        try {
          name = Array.isArray(item) ? String(item[0]) : item && typeof item === 'object' && typeof (item as Bag).event === 'string' ? String((item as Bag).event) : name;
          detail = JSON.stringify(Array.isArray(item) ? item.slice(1) : item);
        } catch {
          detail = '(a value that cannot be shown)';
        }
        panel!.event(name, detail);
      }
      if (Array.isArray(item)) {
        if (item[0] === 'consent') setConsent(item[1]);
        else if (item[0] === 'optOut') {
          state.o = 1;
          save();
        } else if (item[0] === 'optIn') {
          delete state.o;
          save();
        }
        return;
      }
      if (!item || typeof item !== 'object') return;
      for (const key in item as Bag) dataLayer[key] = (item as Bag)[key];
      const name = (item as Bag).event;
      if (typeof name === 'string') {
        // An event is activity: it keeps the session going like a page view does.
        touch(state, now(), loc.search);
        save();
      }
      if (typeof name === 'string') each(TriggerCode.Event, (tag) => tag[K.TagTrigger][1] === name && attempt(tag, name));
    } catch {
      /* a hostile or broken value (a throwing getter) is skipped; the rest still counts */
    }
  };

  const holder = win as unknown as { pixeltag?: unknown };
  // A page that set `pixeltag` to something other than an array gets it read as one item.
  const queue: unknown[] = Array.isArray(holder.pixeltag) ? holder.pixeltag : holder.pixeltag === undefined ? [] : [holder.pixeltag];
  holder.pixeltag = queue;
  // Commands and values pushed before the container loaded apply first; their events fire after the page view.
  const early = queue.slice();
  const events: unknown[] = [];
  for (let i = 0; i < early.length; i++) {
    const item = early[i];
    if (item && typeof item === 'object' && !Array.isArray(item) && 'event' in (item as Bag)) {
      events.push(item);
      try {
        for (const key in item as Bag) if (key !== 'event') dataLayer[key] = (item as Bag)[key];
      } catch {
        /* a throwing getter is skipped */
      }
    } else handle(item);
  }
  const push = queue.push;
  queue.push = function (...items: unknown[]) {
    for (let i = 0; i < items.length; i++) handle(items[i]);
    return push.apply(queue, items);
  };

  // --- IAB TCF v2: when the page has a CMP, its answer decides the consent categories.
  const tcf = (win as unknown as Bag).__tcfapi;
  if (typeof tcf === 'function') {
    try {
      tcf('addEventListener', 2, (data: { eventStatus?: string; gdprApplies?: boolean; purpose?: { consents?: Record<string, boolean> } }, ok: boolean) => {
        if (!ok || !data || (data.eventStatus !== 'tcloaded' && data.eventStatus !== 'useractioncomplete')) return;
        const p = (data.purpose && data.purpose.consents) || {};
        const storeAccess = data.gdprApplies === false || !!p[1];
        tcfConsent = {
          analytics: storeAccess && !!p[8],
          marketing: storeAccess && !!p[3] && !!p[4],
          preferences: storeAccess && !!p[5],
        };
        retryWaiting();
      });
    } catch {
      /* a broken CMP leaves consent as pushed */
    }
  }

  // --- Triggers.
  pageView();
  for (let i = 0; i < events.length; i++) handle(events[i]);
  const whenReady = () => {
    fireAll(TriggerCode.DomReady, 'domready');
    watchVisibility();
  };
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', whenReady);
  else whenReady();
  if (doc.readyState === 'complete') fireAll(TriggerCode.Load, 'load');
  else win.addEventListener('load', () => fireAll(TriggerCode.Load, 'load'));

  const delegate = (code: TriggerCode, type: string) =>
    on(doc, type, (event) => {
      const target = event.target as Element | null;
      each(code, (tag) => {
        try {
          if (target && target.closest && target.closest(tag[K.TagTrigger][1] as string)) {
            if (PREVIEW) panel!.event(type, tag[K.TagTrigger][1] as string);
            attempt(tag, type);
          }
        } catch {
          /* an invalid selector matches nothing */
        }
      });
    });
  delegate(TriggerCode.Click, 'click');
  delegate(TriggerCode.Submit, 'submit');

  on(win, 'scroll', () => {
    const root = doc.documentElement;
    const percent = ((win.scrollY + win.innerHeight) / Math.max(root.scrollHeight, 1)) * 100;
    each(TriggerCode.Scroll, (tag) => {
      if (!scrolled[tag[K.TagId]] && percent >= (tag[K.TagTrigger][1] as number)) {
        scrolled[tag[K.TagId]] = 1;
        if (PREVIEW) panel!.event('scroll', tag[K.TagTrigger][1] + '%');
        attempt(tag, 'scroll');
      }
    });
  });
}
