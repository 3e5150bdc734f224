// What a site's visitors get from the container, in real Chromium: pages served by a local
// "vendor" sink carry the snippet; tags published through the API fire image pixels at that sink
// and report each fire to the collector. Nothing here waits on a timer.
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type ApiClient, type TestApp } from '../helpers/app';
import { launchBrowser, WAIT_MS } from './browser';
import { answerGif, jsLiteral, startSiteServer } from './stub';

/** A stand-in for a vendor's pixel endpoint that also serves the site's pages. */
interface Sink {
  origin: string;
  /** Raw request targets (path and query exactly as the browser sent them) of every pixel. */
  pixels: string[];
  /** Pages to serve, by path. */
  pages: Map<string, string>;
  close(): Promise<void>;
}

async function startSink(): Promise<Sink> {
  const pixels: string[] = [];
  const server = await startSiteServer((path, target, res) => {
    if (!path.startsWith('/px/')) return false;
    pixels.push(target);
    answerGif(res);
    return true;
  });
  return { ...server, pixels };
}


/** A host page: optional scripts of its own around a data-layer push and the container snippet. */
function hostPage(containerSrc: string, dataLayerJs: string, own: { before?: string; after?: string } = {}): string {
  const script = (code?: string) => (code ? `<script>${code}</script>` : '');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title>
${script(`window.pixeltag = [${dataLayerJs}];`)}
${script(own.before)}
<script async src="${containerSrc}"></script>
${script(own.after)}
</head><body><h1>Shop</h1></body></html>`;
}

const HOSTILE = '"&x=</script><script>alert(1)</script>';
const DEFAULT_DATA = jsLiteral({ order: { value: 42 } });

let t: TestApp;
let sink: Sink;
let browser: Browser;
let api: ApiClient;
let clientId: string;
let contexts: BrowserContext[] = [];

beforeAll(async () => {
  [t, sink, browser] = await Promise.all([startTestApp(), startSink(), launchBrowser()]);
  const account = await signUp(t.url, 'pixel-e2e');
  api = account.api;
  clientId = (await api.clients.create.mutate({ orgId: account.orgId, name: 'Acme' })).id;
});

afterEach(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  contexts = [];
});

afterAll(async () => {
  await browser?.close();
  await sink?.close();
  await t?.close();
});

let sites = 0;

/**
 * Creates a site whose tags each fire on `/checkout/*`, publishes it and returns its key, id and
 * tag ids. Each tag's pixel goes to its own sink path, `/px/<label>`, so tests never see each
 * other's fires.
 */
async function publishedSite(tags: { label: string; query: string; priority?: number }[]) {
  const site = await api.sites.create.mutate({ clientId, name: `Shop ${++sites}` });
  const tagIds: Record<string, string> = {};
  for (const tag of tags) {
    const created = await api.tags.create.mutate({
      siteId: site.id,
      name: `Pixel ${tag.label}`,
      action: { kind: 'image', url: `${sink.origin}/px/${tag.label}?${tag.query}` },
      conditions: { type: 'all', conditions: [{ type: 'rule', variable: 'page.path', operator: 'wildcard', value: '/checkout/*' }] },
      priority: tag.priority ?? 10,
      status: 'active',
    });
    tagIds[tag.label] = created.id;
  }
  await api.sites.publish.mutate({ siteId: site.id, note: 'e2e' });
  return { siteId: site.id, siteKey: site.siteKey, containerSrc: `${t.url}/c/${site.siteKey}.js`, tagIds };
}

/** Pixel requests the sink received for one label, parsed. */
const pixelsFor = (label: string) =>
  sink.pixels.filter((target) => target.startsWith(`/px/${label}?`)).map((target) => ({ raw: target, url: new URL(target, sink.origin) }));

interface Visit {
  page: Page;
  pageErrors: string[];
  dialogs: string[];
  /** Collector requests the page made. */
  reports: URL[];
}

/** Opens a fresh browser context on a sink page, recording page errors, dialogs and reports. */
async function open(): Promise<Visit> {
  const context = await browser.newContext();
  contexts.push(context);
  // Shorter than the test's own timeout, so a missing request fails with Playwright's message.
  context.setDefaultTimeout(WAIT_MS);
  const page = await context.newPage();
  const visit: Visit = { page, pageErrors: [], dialogs: [], reports: [] };
  page.on('pageerror', (error) => visit.pageErrors.push(error.message));
  page.on('dialog', (dialog) => {
    visit.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === t.url && url.pathname === '/p.gif') visit.reports.push(url);
  });
  return visit;
}

/** The collector's answer to the report of one tag's fire. */
const reportOf = (page: Page, tagId: string) =>
  page.waitForResponse((response: Response) => {
    const url = new URL(response.url());
    return url.origin === t.url && url.pathname === '/p.gif' && url.searchParams.get('t') === tagId;
  });

/** The sink's answer to one label's pixel. */
const pixelOf = (page: Page, label: string) => page.waitForResponse((response: Response) => response.url().startsWith(`${sink.origin}/px/${label}?`));

/** Loads a page and waits until its container has been fetched and the network has gone quiet. */
async function load(page: Page, url: string, containerSrc: string, ...alsoWaitFor: Promise<unknown>[]) {
  const container = page.waitForResponse(containerSrc);
  const awaited = Promise.all(alsoWaitFor);
  // Still awaited below; this only keeps a failed goto from leaving it unhandled.
  awaited.catch(() => undefined);
  await page.goto(url);
  expect((await container).status()).toBe(200);
  await awaited;
  await page.waitForLoadState('networkidle');
}

const countsFor = async (siteId: string, tagId: string) =>
  (await api.hits.summary.query({ siteId })).filter((row) => row.tagId === tagId);

describe('image pixel on a visitor page', () => {
  it('fires once on a matching page, with the page address and data-layer value URL-encoded, and is counted', async () => {
    const label = 'checkout';
    const site = await publishedSite([{ label, query: 'u={{page_url}}&cb={{cachebuster}}&v={{dl.order.value}}' }]);
    sink.pages.set('/checkout/done', hostPage(site.containerSrc, DEFAULT_DATA));
    const pageUrl = `${sink.origin}/checkout/done?coupon=spring%20sale&lang=en`;
    const { page, pageErrors } = await open();
    const tagId = site.tagIds[label] as string;

    await load(page, pageUrl, site.containerSrc, pixelOf(page, label), reportOf(page, tagId));

    const fired = pixelsFor(label);
    expect(fired).toHaveLength(1);
    const [{ raw, url }] = fired as [(typeof fired)[number]];
    expect([...url.searchParams.keys()]).toEqual(['u', 'cb', 'v']);
    expect(raw).toContain(`?u=${encodeURIComponent(pageUrl)}&cb=`);
    expect(url.searchParams.get('u')).toBe(pageUrl);
    expect(url.searchParams.get('cb')).toMatch(/^\d+$/);
    expect(url.searchParams.get('v')).toBe('42');
    expect(pageErrors).toEqual([]);
    expect(await countsFor(site.siteId, tagId)).toEqual([{ tagId, event: 'pageview', count: 1 }]);
  });

  it('fires nothing and records nothing on a page outside the condition', async () => {
    const label = 'products';
    const site = await publishedSite([{ label, query: 'u={{page_url}}&cb={{cachebuster}}&v={{dl.order.value}}' }]);
    sink.pages.set('/products/1', hostPage(site.containerSrc, DEFAULT_DATA));
    const { page, reports, pageErrors } = await open();

    await load(page, `${sink.origin}/products/1`, site.containerSrc);

    expect(pixelsFor(label)).toEqual([]);
    expect(reports).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(await countsFor(site.siteId, site.tagIds[label] as string)).toEqual([]);
  });

  it('URL-encodes hostile data-layer values into the pixel query and opens no dialog', async () => {
    const label = 'hostile';
    const site = await publishedSite([{ label, query: 'u={{page_url}}&cb={{cachebuster}}&v={{dl.order.value}}' }]);
    sink.pages.set('/checkout/hostile', hostPage(site.containerSrc, jsLiteral({ order: { value: HOSTILE } })));
    const { page, dialogs, pageErrors } = await open();

    await load(page, `${sink.origin}/checkout/hostile?q=${encodeURIComponent(HOSTILE)}`, site.containerSrc, pixelOf(page, label));

    const fired = pixelsFor(label);
    expect(fired).toHaveLength(1);
    const [{ raw, url }] = fired as [(typeof fired)[number]];
    expect([...url.searchParams.keys()]).toEqual(['u', 'cb', 'v']);
    expect(raw.endsWith(`&v=${encodeURIComponent(HOSTILE)}`)).toBe(true);
    expect(url.searchParams.get('v')).toBe(HOSTILE);
    expect(url.searchParams.get('u')).toBe(page.url());
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('still fires when the host page’s own scripts throw, and adds no page error of its own', async () => {
    const label = 'host-errors';
    const site = await publishedSite([{ label, query: 'cb={{cachebuster}}&v={{dl.order.value}}' }]);
    const bug = "throw new Error('host page bug')";
    sink.pages.set('/checkout/host-errors', hostPage(site.containerSrc, DEFAULT_DATA, { before: bug, after: bug }));
    const { page, pageErrors } = await open();
    const tagId = site.tagIds[label] as string;

    await load(page, `${sink.origin}/checkout/host-errors`, site.containerSrc, pixelOf(page, label), reportOf(page, tagId));

    expect(pixelsFor(label).map(({ url }) => url.searchParams.get('v'))).toEqual(['42']);
    expect(pageErrors).toEqual(['host page bug', 'host page bug']);
    expect(await countsFor(site.siteId, tagId)).toEqual([{ tagId, event: 'pageview', count: 1 }]);
  });

  it.each([
    ['a string that cannot be URL-encoded (lone surrogate)', jsLiteral({ order: { broken: '\ud800' } })],
    ['a value whose getter throws', "{ order: { get broken() { throw new Error('page data bug'); } } }"],
  ])('a tag whose pixel address breaks on %s does not stop the next matching tag', async (_what, dataLayerJs) => {
    const n = ++sites;
    const broken = `broken-${n}`;
    const healthy = `healthy-${n}`;
    // The broken tag has the higher priority, so it runs first.
    const site = await publishedSite([
      { label: broken, query: 'b={{dl.order.broken}}', priority: 20 },
      { label: healthy, query: 'u={{page_url}}', priority: 10 },
    ]);
    const path = `/checkout/broken-${n}`;
    sink.pages.set(path, hostPage(site.containerSrc, dataLayerJs));
    const { page, pageErrors, reports } = await open();
    const healthyId = site.tagIds[healthy] as string;
    const brokenId = site.tagIds[broken] as string;

    await load(page, `${sink.origin}${path}`, site.containerSrc, pixelOf(page, healthy), reportOf(page, healthyId));

    expect(pixelsFor(healthy).map(({ url }) => url.searchParams.get('u'))).toEqual([`${sink.origin}${path}`]);
    expect(pixelsFor(broken)).toEqual([]);
    expect(reports.map((url) => url.searchParams.get('t'))).toEqual([healthyId]);
    expect(pageErrors).toEqual([]);
    expect(await countsFor(site.siteId, healthyId)).toEqual([{ tagId: healthyId, event: 'pageview', count: 1 }]);
    expect(await countsFor(site.siteId, brokenId)).toEqual([]);
  });
});
