// The demo a newcomer sees on first start, in real Chromium against the real server process:
// /demo fires the page-view pixel, the checkout page fires the conversion tag too, the console
// API counts those fires, and a restart on the same data keeps everything without seeding twice.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type ApiClient } from '../helpers/app';
import { freePort } from '../helpers/process';
import { launchBrowser, screenshotPath, WAIT_MS } from './browser';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The login the README and the start-up message give newcomers. */
const DEMO_LOGIN = { email: 'demo@pixeltag.dev', password: 'pixeltag-demo' };
const START_TIMEOUT_MS = 30_000;
/** Each readiness probe gives up after this, so one stuck request cannot stall the start-up wait. */
const PROBE_TIMEOUT_MS = 5_000;
const READY_POLL_MS = 100;

type DemoTag = 'pageview' | 'conversion';

interface RunningServer {
  child: ChildProcessWithoutNullStreams;
  /** Everything the process wrote, for failure messages. */
  output: string[];
}

/** The status and body of a GET; status 0 when nothing answered. */
async function get(url: string): Promise<{ status: number; body: string }> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return { status: res.status, body: await res.text() };
  } catch {
    return { status: 0, body: '' };
  }
}

/**
 * Ready when /healthz is green and the demo page and its container are served. /healthz alone is
 * not enough: the server listens (and reports healthy) before it has seeded the demo.
 */
async function demoReady(port: number): Promise<boolean> {
  const base = `http://127.0.0.1:${port}`;
  if ((await get(`${base}/healthz`)).status !== 200) return false;
  const demo = await get(`${base}/demo`);
  const container = demo.status === 200 ? /<script async src="(\/c\/[^"]+\.js)"/.exec(demo.body)?.[1] : undefined;
  return container !== undefined && (await get(`${base}${container}`)).status === 200;
}

/** Starts `server/main.ts` as people do, with the demo left at its default, and waits until it is ready. */
async function startServer(port: number, dataDir: string): Promise<RunningServer> {
  const { DEMO: _demo, MONGODB_URI: _mongo, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...inherited,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      // Hits stay buffered until shutdown, so the restart test sees the shutdown flush at work.
      COLLECT_FLUSH_MS: '60000',
    },
  });
  const output: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = once(child, 'exit');
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await exited;
      throw new Error(`The server exited while starting:\n${output.join('')}`);
    }
    if (await demoReady(port)) return { child, output };
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The server did not serve /healthz, /demo and the demo container within ${START_TIMEOUT_MS} ms:\n${output.join('')}`);
    }
    await delay(READY_POLL_MS);
  }
}

/** SIGTERM, then the exit code once the process has gone. */
async function stopServer(server: RunningServer): Promise<number | null> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return server.child.exitCode;
  const exited = once(server.child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  server.child.kill('SIGTERM');
  const [code] = await exited;
  return code;
}

let port: number;
let dataDir: string;
let server: RunningServer;
let browser: Browser;
/** The browser's view of the server: the demo's pixels point at localhost. */
let origin: string;
let contexts: BrowserContext[] = [];

beforeAll(async () => {
  port = await freePort();
  origin = `http://localhost:${port}`;
  dataDir = mkdtempSync(join(tmpdir(), 'pixeltag-demo-e2e-'));
  [server, browser] = await Promise.all([startServer(port, dataDir), launchBrowser()]);
});

async function closeContexts(): Promise<void> {
  await Promise.all(contexts.map((context) => context.close()));
  contexts = [];
}

afterEach(closeContexts);

afterAll(async () => {
  await browser?.close();
  if (server) await stopServer(server);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function logIn(): Promise<ApiClient> {
  const api = apiClient(`http://127.0.0.1:${port}`);
  await api.auth.login.mutate(DEMO_LOGIN);
  return api;
}

/** Everything the demo account can see, found the way the console finds it. */
async function demoAccount(api: ApiClient) {
  const orgs = await api.orgs.list.query();
  const clients = (await Promise.all(orgs.map((org) => api.clients.list.query({ orgId: org.id })))).flat();
  const sites = (await Promise.all(clients.map((client) => api.sites.list.query({ clientId: client.id })))).flat();
  const site = sites[0];
  if (!site) throw new Error('The demo account has no site');
  const tags = await api.tags.list.query({ siteId: site.id });
  const versions = await api.sites.versions.query({ siteId: site.id });
  const tagId = (name: string) => tags.find((tag) => tag.name === name)?.id ?? `no tag named ${name}`;
  return { orgs, clients, sites, site, tags, versions, tagIds: { pageview: tagId('Page view pixel'), conversion: tagId('Checkout conversion') } };
}

/** Fires counted per demo tag over the last day; the query flushes the collector first. */
async function counts(api: ApiClient, siteId: string, tagIds: Record<DemoTag, string>): Promise<Record<DemoTag, number>> {
  const rows = await api.hits.summary.query({ siteId });
  const count = (tagId: string) => rows.filter((row) => row.tagId === tagId && row.event === 'pageview').reduce((sum, row) => sum + row.count, 0);
  return { pageview: count(tagIds.pageview), conversion: count(tagIds.conversion) };
}

interface Visit {
  page: Page;
  /** The `tag` parameter of every request to the demo's vendor sink. */
  sinkTags: string[];
  /** Every collector request the page made. */
  reports: URL[];
}

const pathOf = (url: string) => new URL(url).pathname;

/**
 * Opens a demo page in a fresh context and waits until the pixels of `expected` tags have been
 * answered, the collector has answered at least as many reports, and the network is quiet.
 */
async function visit(path: string, expected: DemoTag[]): Promise<Visit> {
  const context = await browser.newContext();
  contexts.push(context);
  // Shorter than the test's own timeout, so a missing request fails with Playwright's message.
  context.setDefaultTimeout(WAIT_MS);
  const page = await context.newPage();
  const result: Visit = { page, sinkTags: [], reports: [] };
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/demo/sink.gif') result.sinkTags.push(url.searchParams.get('tag') ?? '');
    if (url.pathname === '/p.gif') result.reports.push(url);
  });
  const pixels = expected.map((tag) =>
    page.waitForResponse((response: Response) => pathOf(response.url()) === '/demo/sink.gif' && new URL(response.url()).searchParams.get('tag') === tag),
  );
  let reportsAnswered = 0;
  const reported = expected.length
    ? page.waitForResponse((response: Response) => pathOf(response.url()) === '/p.gif' && ++reportsAnswered === expected.length)
    : Promise.resolve();
  const answered = Promise.all([...pixels, reported]);
  // Still awaited below; this only keeps a failed goto from leaving it unhandled.
  answered.catch(() => undefined);
  await page.goto(`${origin}${path}`);
  await answered;
  await page.waitForLoadState('networkidle');
  return result;
}

describe('the demo shop', () => {
  it('fires the page-view pixel on /demo and reports it to the collector, but not the conversion tag', async () => {
    const { page, sinkTags, reports } = await visit('/demo', ['pageview']);

    expect(sinkTags).toEqual(['pageview']);
    expect(reports).toHaveLength(1);
    const { tagIds } = await demoAccount(await logIn());
    expect(reports[0]?.searchParams.get('t')).toBe(tagIds.pageview);
    expect(reports[0]?.searchParams.get('u')).toBe(`${origin}/demo`);

    expect(await page.getByRole('heading', { name: 'Demo shop' }).isVisible()).toBe(true);
    const file = screenshotPath('demo');
    await page.screenshot({ path: file, fullPage: true });
    expect(statSync(file).size).toBeGreaterThan(0);
  });

  it('fires the conversion tag on the checkout thank-you page', async () => {
    const { sinkTags, reports } = await visit('/demo/checkout/thank-you', ['conversion', 'pageview']);

    expect([...sinkTags].sort()).toEqual(['conversion', 'pageview']);
    const { tagIds } = await demoAccount(await logIn());
    expect(reports.map((url) => url.searchParams.get('t')).sort()).toEqual([tagIds.conversion, tagIds.pageview].sort());
  });

  it('counts each fire in the hit summary the console reads', async () => {
    const api = await logIn();
    const { site, tagIds } = await demoAccount(api);
    const before = await counts(api, site.id, tagIds);

    for (const [path, tags] of [
      ['/demo', ['pageview']],
      ['/demo/checkout/thank-you', ['conversion', 'pageview']],
    ] as const) {
      await visit(path, [...tags]);
    }

    expect(await counts(api, site.id, tagIds)).toEqual({ pageview: before.pageview + 2, conversion: before.conversion + 1 });
  });

  it('keeps the demo and its hits across a restart without seeding it twice', async () => {
    const api = await logIn();
    const before = await demoAccount(api);
    const countsBefore = await counts(api, before.site.id, before.tagIds);
    expect(before.orgs).toHaveLength(1);
    expect(before.clients).toHaveLength(1);
    expect(before.sites).toHaveLength(1);
    expect(before.tags).toHaveLength(2);
    expect(before.versions).toHaveLength(1);

    // This fire is still in the collector's buffer when the server is told to stop.
    await visit('/demo', ['pageview']);
    await closeContexts();
    expect(await stopServer(server)).toBe(0);
    server = await startServer(port, dataDir);

    const again = await logIn();
    const after = await demoAccount(again);
    const ids = (rows: { id: string }[]) => rows.map((row) => row.id);
    expect(ids(after.orgs)).toEqual(ids(before.orgs));
    expect(ids(after.clients)).toEqual(ids(before.clients));
    expect(ids(after.sites)).toEqual(ids(before.sites));
    expect(after.site.siteKey).toBe(before.site.siteKey);
    expect(ids(after.tags)).toEqual(ids(before.tags));
    expect(ids(after.versions)).toEqual(ids(before.versions));
    expect(await counts(again, after.site.id, after.tagIds)).toEqual({ pageview: countsBefore.pageview + 1, conversion: countsBefore.conversion });

    const { sinkTags } = await visit('/demo', ['pageview']);
    expect(sinkTags).toEqual(['pageview']);
    // A stop and a cold start of the real process, on a machine that may be running other suites.
  }, 120_000);
});
