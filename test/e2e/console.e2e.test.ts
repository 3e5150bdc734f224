// The console in a real Chromium, driven like a person would: sign up, add a client, a site and
// a tag, publish, and find the tag in the live container; add a click-triggered tag with a cap
// and read its sentence; test a visit in the simulator; save an audience and require it on a tag;
// log out and back in. Saves a screenshot of each main page to test-output/screenshots/.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SHOTS = join(ROOT, 'test-output', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ACCOUNT = { name: 'Robin Marketer', email: `robin-${Date.now()}@example.com`, password: 'correct horse battery', org: 'Robin Digital' };

let server: ChildProcess;
let dataDir = '';
let serverLog = '';
let base = '';
let browser: Browser;
let page: Page;
/** Filled in as the flow goes. */
const created = { siteKey: '', pixelUrl: '' };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Resolves once /healthz answers; rejects if the server exits first or takes over 45 s. */
async function waitForHealth(url: string): Promise<void> {
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The server exited (${server.exitCode}):\n${serverLog}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The server did not answer /healthz within 45 s:\n${serverLog}`);
}

/** A full-page picture from the top; toasts left over from the previous step are hidden so they do not cover the page. */
async function shot(name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true, style: '.mantine-Notifications-root { display: none !important; }' });
}

/** Picks an option of a Mantine select found by its accessible label. */
async function choose(scope: Page | ReturnType<Page['getByRole']>, label: string, option: string) {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  dataDir = mkdtempSync(join(tmpdir(), 'pixeltag-console-e2e-'));
  server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DEMO: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (chunk) => (serverLog += String(chunk)));
  server.stderr?.on('data', (chunk) => (serverLog += String(chunk)));
  await waitForHealth(base);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(15_000);
  created.pixelUrl = `http://127.0.0.1:${port}/demo/sink.gif?x=1`;
});

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('console', () => {
  it('sends a signed-out visitor to the login page, and signs up into an empty clients list', async () => {
    await page.goto(`${base}/`);
    await page.waitForURL('**/login');
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    await shot('login');

    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Your name').fill(ACCOUNT.name);
    await page.getByLabel('Work email').fill(ACCOUNT.email);
    await page.getByLabel('Password', { exact: true }).fill(ACCOUNT.password);
    await page.getByLabel('Organisation name').fill(ACCOUNT.org);
    await page.getByRole('button', { name: 'Sign up' }).click();

    await page.waitForURL('**/orgs/*/clients');
    await page.getByText('No clients yet').waitFor();
  });

  it('creates a client and a site, and shows the site snippet to install', async () => {
    await page.getByRole('button', { name: 'New client' }).click();
    await page.getByLabel('Client name').fill('Acme Shoes');
    await page.getByRole('button', { name: 'Create client' }).click();

    await page.waitForURL('**/clients/*/sites');
    await page.getByText('No sites yet — add the first one to get its snippet.').waitFor();
    await page.getByRole('button', { name: 'New site' }).click();
    await page.getByLabel('Site name').fill('Main shop');
    const domains = page.getByRole('combobox', { name: 'Domains' });
    await domains.fill('shop.example.com');
    await domains.press('Enter');
    await page.getByRole('button', { name: 'Create site' }).click();

    await page.waitForURL(/\/sites\/[^/]+$/);
    const snippet = (await page.getByTestId('install-snippet').textContent()) ?? '';
    const match = /^<script async src="(.+)\/c\/([\w-]+)\.js"><\/script>$/.exec(snippet.trim());
    expect(match?.[1]).toBe(base);
    created.siteKey = match?.[2] ?? '';
    await page.getByText('No tags yet').waitFor();

    await page.getByRole('link', { name: 'All sites' }).click();
    await page.getByRole('link', { name: 'Main shop' }).first().waitFor();
    await shot('sites');
    await page.getByRole('link', { name: 'Main shop' }).first().click();
    await page.waitForURL(/\/sites\/[^/]+$/);
  });

  it('creates an image tag that fires on paths starting with /checkout', async () => {
    await page.getByRole('link', { name: 'New tag' }).click();
    await page.waitForURL('**/tags/new');
    await page.getByLabel('Tag name').fill('Checkout conversion');
    await page.getByLabel('Pixel address').fill(created.pixelUrl);
    await page.getByRole('button', { name: 'Add condition', exact: true }).click();
    const rule = page.getByRole('group', { name: 'Condition 1' });
    await choose(rule, 'Variable', 'Page path');
    await choose(rule, 'Operator', 'starts with');
    await rule.getByLabel('Value').fill('/checkout');
    await expect(page.getByTestId('tag-summary').textContent()).resolves.toBe('Fires on pages whose path starts with /checkout.');
    await shot('tag-editor');

    await page.getByRole('button', { name: 'Save tag' }).click();
    await page.waitForURL(/\/sites\/[^/]+$/);
    await page.getByText('Fires on pages whose path starts with /checkout').waitFor();
  });

  it('publishes, and the live container carries the tag', async () => {
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('What changed?').fill('Checkout conversion pixel');
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('Live: version 1').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await shot('site');

    const res = await fetch(`${base}/c/${created.siteKey}.js`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(JSON.stringify(created.pixelUrl).slice(1, -1));
  });

  it('creates a tag with a click trigger and a once-per-visitor cap, and shows its sentence', async () => {
    await page.getByRole('link', { name: 'New tag' }).click();
    await page.waitForURL('**/tags/new');
    await page.getByLabel('Tag name').fill('Buy button click');
    await page.getByLabel('Pixel address').fill(created.pixelUrl);
    await choose(page, 'Fires on', 'Click on an element');
    await page.getByLabel('CSS selector').fill('#buy');
    await page.getByRole('button', { name: 'Add condition', exact: true }).click();
    const rule = page.getByRole('group', { name: 'Condition 1' });
    await choose(rule, 'Variable', 'Page path');
    await choose(rule, 'Operator', 'starts with');
    await rule.getByLabel('Value').fill('/product');
    await page.getByRole('radio', { name: 'Once per visitor' }).check();
    const sentence = 'Fires on a click on #buy, on pages whose path starts with /product, at most once per visitor.';
    await expect(page.getByTestId('tag-summary').textContent()).resolves.toBe(sentence);
    await shot('tag-editor-click');

    await page.getByRole('button', { name: 'Save tag' }).click();
    await page.waitForURL(/\/sites\/[^/]+$/);
    const row = page.getByRole('row').filter({ hasText: 'Buy button click' });
    await expect(row.getByTestId('tag-sentence').textContent()).resolves.toBe(sentence);
    await row.getByText('Live', { exact: true }).waitFor();
  });

  it('tests a visit: shows which tags fire, and the first failing condition with the value of the visit', async () => {
    await page.getByRole('link', { name: 'Test a visit' }).click();
    await page.waitForURL(/\/sites\/[^/]+\/test$/);
    const address = page.getByLabel('Page address');
    await expect(address.inputValue()).resolves.toBe('https://shop.example.com/');

    await address.fill('https://shop.example.com/cart?utm_source=google');
    const checkout = page.getByRole('row').filter({ hasText: 'Checkout conversion' });
    const click = page.getByRole('row').filter({ hasText: 'Buy button click' });
    await checkout.getByText('The page path does not start with /checkout (it is /cart).').waitFor();
    await checkout.getByText('Does not fire', { exact: true }).waitFor();
    await click.getByText('The page path does not start with /product (it is /cart).').waitFor();
    await page.getByTestId('simulation-summary').getByText('No tag fires on this visit.').waitFor();

    await address.fill('https://shop.example.com/checkout/pay');
    await checkout.getByText('Fires', { exact: true }).waitFor();
    await page.getByTestId('simulation-summary').getByText('1 of 2 tags fire on this visit.').waitFor();

    await address.fill('https://shop.example.com/product/red-shoes');
    await click.getByText('Waits for a click on #buy; its conditions hold for this visit.').waitFor();
    await click.getByText('Waits', { exact: true }).waitFor();

    await address.fill('https://shop.example.com/cart');
    await checkout.getByText('The page path does not start with /checkout (it is /cart).').waitFor();
    await shot('simulator');
  });

  it('creates an audience, attaches it to a tag, and names it on the tag; refuses to delete it while used', async () => {
    await page.getByRole('link', { name: 'Audiences' }).click();
    await page.waitForURL('**/orgs/*/audiences');
    await page.getByText('No audiences yet — save a group of visitor rules once and reuse it on many tags').waitFor();

    await page.getByRole('button', { name: 'New audience' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Audience name').fill('Mobile paid search');
    await choose(dialog, 'Available to', 'Acme Shoes');
    await dialog.getByRole('button', { name: 'Add condition', exact: true }).click();
    const rule = dialog.getByRole('group', { name: 'Condition 1' });
    await choose(rule, 'Variable', 'Device type');
    await choose(rule, 'Operator', 'equals');
    await choose(rule, 'Value', 'Mobile');
    await dialog.getByRole('button', { name: 'Create audience' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = page.getByRole('row').filter({ hasText: 'Mobile paid search' });
    await expect(row.getByTestId('audience-sentence').textContent()).resolves.toBe('Visits to every page, for mobile visitors.');
    await row.getByText('Acme Shoes', { exact: true }).waitFor();
    await shot('audiences');

    await page.getByRole('link', { name: 'Main shop' }).first().click();
    await page.waitForURL(/\/sites\/[^/]+$/);
    await page.getByRole('link', { name: 'Checkout conversion' }).click();
    await page.waitForURL('**/tags/*');
    await page.getByRole('combobox', { name: 'Only for visitors in these audiences' }).click();
    await page.getByRole('option', { name: 'Mobile paid search', exact: true }).click();
    await expect(page.getByTestId('tag-audiences').textContent()).resolves.toBe('Only for visitors in Mobile paid search.');
    await page.getByRole('button', { name: 'Save tag' }).click();
    await page.waitForURL(/\/sites\/[^/]+$/);
    const tag = page.getByRole('row').filter({ hasText: 'Checkout conversion' });
    await expect(tag.getByTestId('tag-audiences').textContent()).resolves.toBe('Only for visitors in Mobile paid search.');

    await page.getByRole('link', { name: 'Audiences' }).click();
    await page.getByRole('button', { name: 'Actions for Mobile paid search' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page.getByTestId('audience-in-use').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await row.waitFor();
  });

  it('logs out, and logging in again opens the same organisation', async () => {
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Log out' }).click();
    await page.waitForURL('**/login');

    await page.getByLabel('Email', { exact: true }).fill(ACCOUNT.email);
    await page.getByLabel('Password', { exact: true }).fill(ACCOUNT.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/orgs/*/clients');
    await page.getByRole('link', { name: 'Acme Shoes' }).first().waitFor();
    await shot('clients');
  });
});
