// Vendor tags in real Chromium: the server's VENDOR_HOSTS points Meta, Google Ads, TikTok and
// LinkedIn at a local stub whose stand-in vendor scripts record what the tags queued for them
// before they loaded, exactly what the real scripts would read. Nothing here waits on a timer.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TagAction } from '../../shared/schema';
import { signUp, startTestApp, type ApiClient, type TestApp } from '../helpers/app';
import { launchBrowser, WAIT_MS } from './browser';
import { jsLiteral, startSiteServer } from './stub';

/** Stand-ins for each vendor's script: they copy the queue the tag left into `window.__seen`. */
const VENDOR_SCRIPTS: Record<string, string> = {
  '/en_US/fbevents.js': `(window.__seen = window.__seen || {}).meta = {
    queue: fbq.queue.map(function (a) { return Array.prototype.slice.call(a); }),
    loaded: fbq.loaded, version: fbq.version
  };`,
  '/gtag/js': `(window.__seen = window.__seen || {}).googleAds = {
    dataLayer: dataLayer.map(function (a) {
      return Array.prototype.slice.call(a).map(function (v) { return v instanceof Date ? 'a Date' : v; });
    }),
    allArguments: dataLayer.every(function (a) { return Object.prototype.toString.call(a) === '[object Arguments]'; })
  };`,
  '/i18n/pixel/events.js': `(window.__seen = window.__seen || {}).tiktok = {
    calls: ttq.slice(), pixels: Object.keys(ttq._i), object: window.TiktokAnalyticsObject
  };`,
  '/li.lms-analytics/insight.min.js': `(window.__seen = window.__seen || {}).linkedin = {
    partner: window._linkedin_partner_id, partners: window._linkedin_data_partner_ids.slice(), queue: lintrk.q.slice()
  };`,
};

/** One local server standing in for all four vendors, which also serves the site's pages. */
interface Stub {
  origin: string;
  /** Request targets (path and query) of every vendor script fetched. */
  scripts: string[];
  pages: Map<string, string>;
  close(): Promise<void>;
}

async function startStub(): Promise<Stub> {
  const scripts: string[] = [];
  const server = await startSiteServer((path, target, res) => {
    const script = VENDOR_SCRIPTS[path];
    if (script === undefined) return false;
    scripts.push(target);
    res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(script);
    return true;
  });
  return { ...server, scripts };
}


const hostPage = (containerSrc: string, dataLayer: unknown) => `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title>
<script>window.pixeltag = [${jsLiteral(dataLayer)}];</script>
<script async src="${containerSrc}"></script>
</head><body><h1>Thanks for your order</h1></body></html>`;

const ALL_VENDORS: TagAction[] = [
  { kind: 'meta', pixelId: '123456789', event: 'PageView', value: '', currency: '' },
  { kind: 'meta', pixelId: '123456789', event: 'Purchase', value: '{{dl.order.value}}', currency: 'EUR' },
  { kind: 'googleAds', conversionId: 'AW-123456789', label: 'AbC-d_1', value: '{{dl.order.value}}', currency: 'EUR' },
  { kind: 'tiktok', pixelId: 'C4ABCDEF12345', event: 'CompletePayment' },
  { kind: 'linkedin', partnerId: '1234567', conversionId: '98765' },
];

interface Seen {
  meta: { queue: unknown[][]; loaded: boolean; version: string };
  googleAds: { dataLayer: unknown[][]; allArguments: boolean };
  tiktok: { calls: unknown[][]; pixels: string[]; object: string };
  linkedin: { partner: string; partners: string[]; queue: unknown[][] };
}

let t: TestApp;
let stub: Stub;
let browser: Browser;
let api: ApiClient;
let clientId: string;
let contexts: BrowserContext[] = [];

beforeAll(async () => {
  stub = await startStub();
  const hosts = { meta: stub.origin, googleAds: stub.origin, tiktok: stub.origin, linkedin: stub.origin };
  [t, browser] = await Promise.all([startTestApp({ VENDOR_HOSTS: JSON.stringify(hosts) }), launchBrowser()]);
  const account = await signUp(t.url, 'vendors-e2e');
  api = account.api;
  clientId = (await api.clients.create.mutate({ orgId: account.orgId, name: 'Acme' })).id;
});

afterEach(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  contexts = [];
});

afterAll(async () => {
  await browser?.close();
  await stub?.close();
  await t?.close();
});

let sites = 0;

/** A site whose vendor tags fire on page views under /checkout/, published; returns its container address. */
async function publishedSite(actions: TagAction[]): Promise<string> {
  const site = await api.sites.create.mutate({ clientId, name: `Shop ${++sites}` });
  for (const [index, action] of actions.entries()) {
    await api.tags.create.mutate({
      siteId: site.id,
      name: `${action.kind} ${index}`,
      action,
      conditions: { type: 'all', conditions: [{ type: 'rule', variable: 'page.path', operator: 'wildcard', value: '/checkout/*' }] },
      priority: 10,
      status: 'active',
    });
  }
  await api.sites.publish.mutate({ siteId: site.id, note: 'e2e' });
  return `${t.url}/c/${site.siteKey}.js`;
}

interface Visit {
  page: Page;
  pageErrors: string[];
  dialogs: string[];
}

async function open(): Promise<Visit> {
  const context = await browser.newContext();
  contexts.push(context);
  context.setDefaultTimeout(WAIT_MS);
  const page = await context.newPage();
  const visit: Visit = { page, pageErrors: [], dialogs: [] };
  page.on('pageerror', (error) => visit.pageErrors.push(error.message));
  page.on('dialog', (dialog) => {
    visit.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return visit;
}

/** Loads a page and waits until the stand-in scripts of `vendors` have run. */
async function visit(path: string, containerSrc: string, dataLayer: unknown, vendors: (keyof Seen)[]) {
  stub.pages.set(path, hostPage(containerSrc, dataLayer));
  const opened = await open();
  await opened.page.goto(`${stub.origin}${path}`);
  await opened.page.waitForFunction((names) => {
    const seen = (window as unknown as { __seen?: Record<string, unknown> }).__seen;
    return Boolean(seen) && names.every((name) => seen?.[name] !== undefined);
  }, vendors);
  const seen = (await opened.page.evaluate(() => (window as unknown as { __seen: unknown }).__seen)) as Seen;
  return { ...opened, seen };
}

const scriptsSince = (start: number) => stub.scripts.slice(start).sort();

describe('vendor tags on a visitor page', () => {
  it('loads each vendor’s script once from the configured host, with the calls each vendor documents already queued', async () => {
    const containerSrc = await publishedSite(ALL_VENDORS);
    const start = stub.scripts.length;

    const { seen, pageErrors } = await visit('/checkout/all', containerSrc, { order: { value: 42.5 } }, ['meta', 'googleAds', 'tiktok', 'linkedin']);

    expect(scriptsSince(start)).toEqual([
      '/en_US/fbevents.js',
      '/gtag/js?id=AW-123456789',
      '/i18n/pixel/events.js?sdkid=C4ABCDEF12345&lib=ttq',
      '/li.lms-analytics/insight.min.js',
    ]);
    // Two Meta tags for one pixel: one init.
    expect(seen.meta).toEqual({
      queue: [
        ['init', '123456789'],
        ['trackSingle', '123456789', 'PageView'],
        ['trackSingle', '123456789', 'Purchase', { value: 42.5, currency: 'EUR' }],
      ],
      loaded: true,
      version: '2.0',
    });
    expect(seen.googleAds).toEqual({
      dataLayer: [
        ['js', 'a Date'],
        ['config', 'AW-123456789'],
        ['event', 'conversion', { send_to: 'AW-123456789/AbC-d_1', value: 42.5, currency: 'EUR' }],
      ],
      allArguments: true,
    });
    expect(seen.tiktok).toEqual({ calls: [['page'], ['track', 'CompletePayment']], pixels: ['C4ABCDEF12345'], object: 'ttq' });
    expect(seen.linkedin).toEqual({ partner: '1234567', partners: ['1234567'], queue: [['track', { conversion_id: 98765 }]] });
    expect(pageErrors).toEqual([]);
  });

  it('leaves out a value that is not a number, however hostile, and runs none of it', async () => {
    const containerSrc = await publishedSite(ALL_VENDORS.filter((action) => action.kind === 'meta' || action.kind === 'googleAds'));
    const hostile = '"});alert(1);//</script><script>alert(2)</script>';

    const { seen, pageErrors, dialogs } = await visit('/checkout/hostile', containerSrc, { order: { value: hostile } }, ['meta', 'googleAds']);

    expect(seen.meta.queue).toEqual([
      ['init', '123456789'],
      ['trackSingle', '123456789', 'PageView'],
      ['trackSingle', '123456789', 'Purchase', {}],
    ]);
    expect(seen.googleAds.dataLayer[2]).toEqual(['event', 'conversion', { send_to: 'AW-123456789/AbC-d_1' }]);
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('loads no vendor script on a page outside the tags’ conditions', async () => {
    const containerSrc = await publishedSite(ALL_VENDORS);
    const start = stub.scripts.length;
    stub.pages.set('/products/1', hostPage(containerSrc, {}));
    const { page, pageErrors } = await open();

    const container = page.waitForResponse(containerSrc);
    await page.goto(`${stub.origin}/products/1`);
    expect((await container).status()).toBe(200);
    await page.waitForLoadState('networkidle');

    expect(stub.scripts.slice(start)).toEqual([]);
    expect(await page.evaluate(() => ['fbq', 'gtag', 'ttq', 'lintrk'].filter((name) => name in window))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
