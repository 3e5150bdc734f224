// Shared set-up for the targeting browser suites: one app, one local "vendor sink" that serves the
// host pages and records pixels, and one Chromium per file; a fresh context per visit. Sites are
// published through the API and every image tag fires at `/px/<site>/<label>` on the sink.
import type { ServerResponse } from 'node:http';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Cap, ConditionGroup, ConsentCategory, Privacy, Schedule, TagAction, Trigger } from '../../../shared/schema';
import { signUp, startTestApp, type ApiClient, type TestApp } from '../../helpers/app';
import { launchBrowser, WAIT_MS } from '../browser';
import { answerGif, startSiteServer } from '../stub';

/** Stands in for vendors' pixel endpoints and serves the site's pages. */
interface Sink {
  origin: string;
  pages: Map<string, string>;
  /** Answers a held request (`/hold/<id>`) so the page can finish loading. */
  release(id: string): void;
  close(): Promise<void>;
}

async function startSink(): Promise<Sink> {
  const held = new Map<string, ServerResponse>();
  const released = new Set<string>();
  const server = await startSiteServer((path, _target, res) => {
    if (path.startsWith('/px/') || path.startsWith('/barrier/')) answerGif(res);
    else if (path.startsWith('/hold/')) {
      const id = path.slice('/hold/'.length);
      if (released.has(id)) answerGif(res);
      else held.set(id, res);
    } else return false;
    return true;
  });
  return {
    ...server,
    release(id) {
      released.add(id);
      const res = held.get(id);
      if (res) answerGif(res);
      held.delete(id);
    },
  };
}

/** One fire of an image tag, as the page requested it. */
export interface Pixel {
  label: string;
  /** The `{{event}}` that fired it. */
  event: string;
  /** The `{{page_path}}` when it fired. */
  path: string;
  /** The `{{dl.value}}` data-layer value when it fired. */
  value: string;
}

export interface TagSpec {
  label: string;
  trigger?: Trigger;
  cap?: Cap;
  schedule?: Partial<Schedule>;
  consent?: ConsentCategory;
  priority?: number;
  /** Defaults to firing on every page. */
  conditions?: ConditionGroup;
  /** Defaults to an image pixel at the sink's `/px/<site>/<label>`. */
  action?: TagAction;
}

export interface SiteSpec {
  timeZone?: string;
  privacy?: Partial<Privacy>;
  maxFiresPerPage?: number | null;
}

export interface HostPage {
  /** Runs before the snippet (so before the container, whatever the network does). */
  before?: string;
  /** Runs after the snippet. */
  after?: string;
  body?: string;
}

export interface PublishedSite {
  id: string;
  containerSrc: string;
  tagIds: Record<string, string>;
  /** The site's pages live under their own prefix on the sink; this is a page path's full path. */
  path(path: string): string;
  /** Serves a host page carrying the snippet at `path` and answers its URL. */
  page(path: string, host?: HostPage): string;
}

export interface Visit {
  context: BrowserContext;
  page: Page;
  /** Pixels the page requested, in order. */
  pixels: Pixel[];
  /** Reports to the collector (`/p.gif`) the page requested, in order. */
  reports: URL[];
  /** Page errors; the suite fails any visit with errors other than `hostErrors`. */
  pageErrors: string[];
  /** Errors the host page throws on purpose. */
  hostErrors: string[];
  fired(label: string): Pixel[];
  /** Tag ids of the reports, in order. */
  reportedTags(): string[];
  /** Navigates and waits for the page's load event: the container has run by then (async scripts delay it). */
  open(url: string): Promise<void>;
  reload(): Promise<void>;
  /** Waits until `label` has fired at least `count` times. */
  waitFor(label: string, count?: number): Promise<void>;
  /**
   * Every request the page started before this call has been seen once it returns: the page
   * requests a marker image and we wait for it, and the browser reports requests in order.
   */
  barrier(): Promise<void>;
  /** Installs a paused fake clock at `time`; call before the first `open`. */
  clockAt(time: string | number): Promise<void>;
  /**
   * Opens `url` with the visitor's clock paused at `time` and waits for the site's always-firing
   * `view` tag, so everything that fires on the page view has been seen.
   */
  openAt(url: string, time: string | number): Promise<void>;
  /** Sets the visitor's clock to `time`, reloads and waits for `view` to fire once more. */
  reloadAt(time: string | number): Promise<void>;
}

export interface VisitOptions {
  /** Code run in every document before its own scripts. */
  init?: string;
  headers?: Record<string, string>;
  timezoneId?: string;
}

export interface Harness {
  api: ApiClient;
  /** Creates and publishes a site; tags may be written against the site's page paths. */
  publish(site: SiteSpec, tags: TagSpec[] | ((path: (p: string) => string) => TagSpec[])): Promise<PublishedSite>;
  visit(options?: VisitOptions): Promise<Visit>;
  /** The container a visitor would get, as text. */
  container(site: PublishedSite): Promise<string>;
  sink(): Sink;
}

/** The label of a page-view tag, without conditions or caps, that tells a page view has been handled. */
export const VIEW = 'view';
const PIXEL = /^\/px\/(\d+)\/([^/?]+)$/;

/** Registers the file's set-up and clean-up hooks and answers the shared harness. */
export function useHarness(): Harness {
  let app: TestApp;
  let sink: Sink;
  let browser: Browser;
  let api: ApiClient;
  let clientId: string;
  let sites = 0;
  let barriers = 0;
  let visits: Visit[] = [];

  beforeAll(async () => {
    [app, sink, browser] = await Promise.all([startTestApp(), startSink(), launchBrowser()]);
    const account = await signUp(app.url, 'targeting-e2e');
    api = account.api;
    clientId = (await api.clients.create.mutate({ orgId: account.orgId, name: 'Targeting' })).id;
  });

  afterEach(async () => {
    const closing = visits;
    visits = [];
    await Promise.all(closing.map((visit) => visit.context.close()));
    // The container must never add an error of its own to the page.
    for (const visit of closing) expect(visit.pageErrors).toEqual(visit.hostErrors);
  });

  afterAll(async () => {
    await browser?.close();
    await sink?.close();
    await app?.close();
  });

  const publish: Harness['publish'] = async (spec, tagSpecs) => {
    const n = ++sites;
    const path = (p: string) => `/s${n}${p}`;
    const tags = typeof tagSpecs === 'function' ? tagSpecs(path) : tagSpecs;
    const site = await api.sites.create.mutate({
      clientId,
      name: `Site ${n}`,
      timeZone: spec.timeZone ?? 'UTC',
      privacy: { honorDnt: true, honorGpc: true, consentMode: 'none', ...spec.privacy },
      maxFiresPerPage: spec.maxFiresPerPage ?? null,
    });
    const tagIds: Record<string, string> = {};
    for (const tag of tags) {
      const created = await api.tags.create.mutate({
        siteId: site.id,
        name: `Tag ${tag.label}`,
        action: tag.action ?? {
          kind: 'image',
          url: `${sink.origin}/px/${n}/${tag.label}?e={{event}}&p={{page_path}}&v={{dl.value}}&cb={{cachebuster}}`,
        },
        conditions: tag.conditions ?? { type: 'all', conditions: [] },
        priority: tag.priority ?? 10,
        status: 'active',
        trigger: tag.trigger ?? { type: 'pageview' },
        cap: tag.cap ?? { type: 'unlimited' },
        schedule: { start: null, end: null, weekdays: [], hours: null, ...tag.schedule },
        consent: tag.consent ?? 'marketing',
      });
      tagIds[tag.label] = created.id;
    }
    await api.sites.publish.mutate({ siteId: site.id, note: 'targeting e2e' });
    const containerSrc = `${app.url}/c/${site.siteKey}.js`;
    return {
      id: site.id,
      containerSrc,
      tagIds,
      path,
      page(p, host = {}) {
        const script = (code?: string) => (code ? `<script>${code}</script>` : '');
        sink.pages.set(
          path(p),
          `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title>
${script(host.before)}
<script async src="${containerSrc}"></script>
${script(host.after)}
</head><body>${host.body ?? '<h1>Shop</h1>'}</body></html>`,
        );
        return sink.origin + path(p);
      },
    };
  };

  const visit = async (options: VisitOptions = {}): Promise<Visit> => {
    const context = await browser.newContext({ extraHTTPHeaders: options.headers, timezoneId: options.timezoneId });
    context.setDefaultTimeout(WAIT_MS);
    if (options.init) await context.addInitScript(options.init);
    const page = await context.newPage();
    const pixels: Pixel[] = [];
    const reports: URL[] = [];
    const pageErrors: string[] = [];
    context.on('request', (request: Request) => {
      const url = new URL(request.url());
      const match = PIXEL.exec(url.pathname);
      if (url.origin === sink.origin && match) {
        const q = url.searchParams;
        pixels.push({ label: match[2] as string, event: q.get('e') ?? '', path: q.get('p') ?? '', value: q.get('v') ?? '' });
      } else if (url.origin === app.url && url.pathname === '/p.gif') reports.push(url);
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const loaded = async (go: () => Promise<unknown>) => {
      const container = page.waitForResponse((response) => response.url().startsWith(`${app.url}/c/`));
      container.catch(() => undefined);
      await go();
      expect((await container).status()).toBe(200);
    };
    const v: Visit = {
      context,
      page,
      pixels,
      reports,
      pageErrors,
      hostErrors: [],
      fired: (label) => pixels.filter((pixel) => pixel.label === label),
      reportedTags: () => reports.map((url) => url.searchParams.get('t') ?? ''),
      open: (url) => loaded(() => page.goto(url, { waitUntil: 'load' })),
      reload: () => loaded(() => page.reload({ waitUntil: 'load' })),
      async waitFor(label, count = 1) {
        await expect
          .poll(() => v.fired(label).length, { timeout: WAIT_MS, message: `tag "${label}" fires at least ${count} time(s)` })
          .toBeGreaterThanOrEqual(count);
      },
      async barrier() {
        const marker = `${sink.origin}/barrier/${++barriers}`;
        const seen = page.waitForRequest(marker);
        await page.evaluate((src) => {
          new Image().src = src;
        }, marker);
        await seen;
      },
      async clockAt(time) {
        const at = typeof time === 'number' ? time : Date.parse(time);
        // Installed a minute early, then paused at the instant: pausing needs a time still ahead.
        await page.clock.install({ time: at - 60_000 });
        await page.clock.pauseAt(at);
      },
      async openAt(url, time) {
        await v.clockAt(time);
        await v.open(url);
        await v.waitFor(VIEW);
        await v.barrier();
      },
      async reloadAt(time) {
        const views = v.fired(VIEW).length;
        await page.clock.setSystemTime(typeof time === 'number' ? time : Date.parse(time));
        await v.reload();
        await v.waitFor(VIEW, views + 1);
        await v.barrier();
      },
    };
    visits.push(v);
    return v;
  };

  return {
    get api() {
      return api;
    },
    publish,
    visit,
    container: async (site) => (await fetch(site.containerSrc)).text(),
    sink: () => sink,
  };
}

/** Labels of the pixels, in the order the page requested them. */
export const labels = (visit: Visit) => visit.pixels.map((pixel) => pixel.label);

/** Init script: the browser says Do Not Track, as `navigator.doNotTrack` (the header alone is not enough). */
export const DNT_ON = `Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1', configurable: true });`;
/** Init script: the browser sends Global Privacy Control. */
export const GPC_ON = `Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });`;
/** Init script: localStorage throws, as in Safari's private mode or a sandboxed frame. */
export const LOCAL_STORAGE_THROWS = `Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('The operation is insecure.', 'SecurityError'); }, configurable: true });`;
/** Init script: cookies throw on read and write. */
export const COOKIES_THROW = `Object.defineProperty(Document.prototype, 'cookie', { get() { throw new DOMException('The operation is insecure.', 'SecurityError'); }, set() { throw new DOMException('The operation is insecure.', 'SecurityError'); }, configurable: true });`;
/** Init script: cookies are silently dropped (reads are empty, writes ignored). */
export const COOKIES_IGNORED = `Object.defineProperty(Document.prototype, 'cookie', { get() { return ''; }, set() {}, configurable: true });`;
