// The browser runtime: the part of every container that runs in the visitor's page. It reads
// the site's compiled config, evaluates each tag's rules on page view and fires matching pixels,
// then reports each fire to the collector. Nothing it does may throw into the host page.
import { evaluate, type Reader } from '../rules/evaluate';
import { fillTemplate } from '../rules/template';
import { K, TagKindCode, VarCode, type CompiledConfig, type CompiledTag } from './keys';

/** Bound by the container wrapper the compiler writes around this bundle. */
declare const __pt: CompiledConfig;

type DataLayer = Record<string, unknown>;

(function (config: CompiledConfig) {
  const win = window;
  const doc = document;
  const nav = navigator;
  const loc = location;
  const script = doc.currentScript as HTMLScriptElement | null;

  // --- Privacy: a visitor who asked not to be tracked gets nothing, not even a report.
  const dnt = nav.doNotTrack === '1' || (win as unknown as { doNotTrack?: string }).doNotTrack === '1';
  const gpc = (nav as unknown as { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
  if ((config[K.HonorDnt] && dnt) || (config[K.HonorGpc] && gpc)) return;

  // --- Collector: same origin as the container itself, so sites configure nothing.
  let collector = '';
  try {
    collector = new URL(script ? script.src : '').origin;
  } catch {
    /* no script src (inlined container): reports are skipped */
  }

  // --- Data layer: the `window.pixeltag` array, merged into one object of values.
  const dataLayer: DataLayer = {};
  const absorb = (item: unknown) => {
    try {
      if (item && typeof item === 'object' && !Array.isArray(item)) {
        for (const key in item as DataLayer) dataLayer[key] = (item as DataLayer)[key];
      }
    } catch {
      /* a hostile or broken value (a throwing getter) is skipped; the rest still counts */
    }
  };
  const holder = win as unknown as { pixeltag?: unknown };
  // A page that set `pixeltag` to something other than an array gets it read as one item.
  const queue: unknown[] = Array.isArray(holder.pixeltag) ? holder.pixeltag : holder.pixeltag === undefined ? [] : [holder.pixeltag];
  holder.pixeltag = queue;
  for (let i = 0; i < queue.length; i++) absorb(queue[i]);
  const push = queue.push;
  queue.push = function (...items: unknown[]) {
    for (let i = 0; i < items.length; i++) absorb(items[i]);
    return push.apply(queue, items);
  };

  const readPath = (path: string): unknown => {
    let value: unknown = dataLayer;
    const keys = path.split('.');
    for (let i = 0; i < keys.length; i++) {
      if (value === null || typeof value !== 'object') return undefined;
      value = (value as DataLayer)[keys[i] as string];
    }
    return value;
  };

  const hostOf = (url: string) => {
    try {
      return new URL(url).hostname;
    } catch {
      return '';
    }
  };

  const readCookie = (name: string) => {
    try {
      // Reading cookies throws in sandboxed frames without same-origin access.
      const parts = doc.cookie.split('; ');
      for (let i = 0; i < parts.length; i++) {
        const eq = (parts[i] as string).indexOf('=');
        if ((parts[i] as string).slice(0, eq) === name) return decodeURIComponent((parts[i] as string).slice(eq + 1));
      }
    } catch {
      /* treated as absent */
    }
    return undefined;
  };

  const scalar = (value: unknown) =>
    typeof value === 'string' || typeof value === 'number' ? value : typeof value === 'boolean' ? String(value) : undefined;

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
      case VarCode.Cookie:
        return readCookie(arg as string);
      case VarCode.DataLayer:
        return scalar(readPath(arg as string));
    }
    return undefined;
  };

  // --- Firing and reporting.
  const beacon = (src: string) => {
    const img = new Image();
    img.src = src;
  };

  const report = (tag: CompiledTag, event: string) => {
    if (!collector || !config[K.Collect]) return;
    beacon(
      collector +
        '/p.gif?k=' +
        encodeURIComponent(config[K.SiteKey]) +
        '&t=' +
        encodeURIComponent(tag[K.TagId]) +
        '&e=' +
        encodeURIComponent(event) +
        '&u=' +
        encodeURIComponent(loc.href),
    );
  };

  const fire = (tag: CompiledTag, event: string) => {
    if (tag[K.TagKind] === TagKindCode.Image) {
      beacon(
        fillTemplate(tag[K.TagUrl], (name, path) =>
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
                          : undefined,
        ),
      );
    }
    report(tag, event);
  };

  const run = (event: string) => {
    const tags = config[K.Tags];
    for (let i = 0; i < tags.length; i++) {
      const tag = tags[i] as CompiledTag;
      try {
        if (evaluate(tag[K.TagCondition], read)) fire(tag, event);
      } catch {
        /* one broken tag must not stop the others */
      }
    }
  };

  run('pageview');
})(__pt);
