// Publishing in the console, in real Chromium against the real server process: the unpublished
// changes badge opens a field-by-field comparison, rolling live back from the publishing page
// changes what the snippet serves, the history records it, an editor's publish request reaches
// the owner who publishes it, and a preview link is made. Data is set up through the API; the
// steps under test go through the console.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeConditions } from '../../shared/rules/describe';
import { imageTag, signUp } from '../helpers/app';
import { startServerProcess, type ServerProcess } from '../helpers/process';
import { launchBrowser, screenshotPath } from './browser';

const FIRST_URL = 'https://one.example/p';
const SECOND_URL = 'https://two.example/p';
const FIRST_PATH = '/checkout/*';
const SECOND_PATH = '/thank-you';
const ROLLBACK_NOTE = 'The new address double-counts orders';
const REQUEST_NOTE = 'Please ship the thank-you pixel';

let server: ServerProcess;
let dataDir = '';
let browser: Browser;
/** The owner's and the editor's browsers, each with its own login. */
let owner: Page;
let editor: Page;
const site = { id: '', key: '' };

type Owner = Awaited<ReturnType<typeof signUp>>;
let ownerApi: Owner['api'];
let tag: { id: string; revision: number };

/** A page in its own browser context, logged in with the session cookie of an API sign-up. */
async function loggedIn(cookie: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const [name = '', value = ''] = cookie.split('=');
  await context.addCookies([{ name, value, url: server.url }]);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

/** Picks an option of a Mantine select found by its accessible label. */
async function choose(page: Page, scope: Page | ReturnType<Page['getByRole']>, label: string, option: string) {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The text of each cell of a table row, trimmed. */
async function cells(row: ReturnType<Page['getByRole']>): Promise<string[]> {
  return (await row.getByRole('cell').allTextContents()).map((text) => text.trim());
}

async function containerBody(path: string): Promise<string> {
  const res = await fetch(`${server.url}${path}`);
  expect(res.status).toBe(200);
  return res.text();
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pixeltag-publishing-e2e-'));
  server = await startServerProcess({ DATA_DIR: dataDir, DEMO: 'false' }, 60_000);
  const account = await signUp(server.url, 'Robin');
  ownerApi = account.api;
  const client = await ownerApi.clients.create.mutate({ orgId: account.orgId, name: 'Acme Shoes' });
  const created = await ownerApi.sites.create.mutate({ clientId: client.id, name: 'Main shop', domains: ['shop.example.com'] });
  Object.assign(site, { id: created.id, key: created.siteKey });
  tag = await ownerApi.tags.create.mutate(imageTag(created.id, FIRST_URL, FIRST_PATH));

  const colleague = await signUp(server.url, 'Sam');
  await ownerApi.orgs.addMember.mutate({ orgId: account.orgId, email: colleague.email, role: 'editor' });

  browser = await launchBrowser();
  owner = await loggedIn(account.jar.cookie);
  editor = await loggedIn(colleague.jar.cookie);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('publishing', { timeout: 60_000 }, () => {
  it('publishes version 1, and a saved change to a tag reads as 1 unpublished change', async () => {
    await owner.goto(`${server.url}/sites/${site.id}`);
    await owner.getByRole('button', { name: 'Publish', exact: true }).click();
    const dialog = owner.getByRole('dialog');
    await dialog.getByLabel('What changed?').fill('Checkout pixel');
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    await owner.getByText('Live: version 1').waitFor();

    const changed = imageTag(site.id, SECOND_URL, SECOND_PATH);
    await ownerApi.tags.update.mutate({ tagId: tag.id, revision: tag.revision, action: changed.action, conditions: changed.conditions });
    await owner.reload();
    await owner.getByRole('link', { name: '1 unpublished change', exact: true }).waitFor();
  });

  it('opens the comparison of live and the draft from the badge, with the changed fields before and after', async () => {
    await owner.getByRole('link', { name: '1 unpublished change', exact: true }).click();
    await owner.waitForURL(/\/publishing\?from=live&to=draft$/);
    await owner.getByText('1 difference: 1 tag changed', { exact: true }).waitFor();

    const table = owner.getByRole('table', { name: 'Changes to the tag Checkout pixel' });
    await expect(cells(table.getByRole('row').filter({ hasText: 'Pixel address' }))).resolves.toEqual(['Pixel address', FIRST_URL, SECOND_URL]);
    const sentences = [FIRST_PATH, SECOND_PATH].map((value) =>
      describeConditions({ type: 'all', conditions: [{ type: 'rule', variable: 'page.path', operator: 'wildcard', value }] }),
    );
    await expect(cells(table.getByRole('row').filter({ hasText: 'Pages and visitors' }))).resolves.toEqual(['Pages and visitors', ...sentences]);
    await owner.evaluate(() => window.scrollTo(0, 0));
    await owner.screenshot({
      path: screenshotPath('publishing'),
      fullPage: true,
      style: '.mantine-Notifications-root { display: none !important; }',
    });
  });

  it('publishes version 2, rolls live back to version 1, and the snippet serves version 1 within a second', async () => {
    await owner.getByRole('button', { name: 'Publish', exact: true }).click();
    const dialog = owner.getByRole('dialog');
    await dialog.getByLabel('What changed?').fill('Thank-you pixel');
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await owner.getByText('No differences', { exact: true }).waitFor();
    const versionOne = await containerBody(`/c/${site.key}/v1.js`);
    expect(await containerBody(`/c/${site.key}.js`)).toBe(await containerBody(`/c/${site.key}/v2.js`));

    await owner.getByRole('tab', { name: 'Environments' }).click();
    const live = owner.getByRole('region', { name: 'Environment live' });
    await live.getByText('Version 2', { exact: true }).waitFor();
    await live.getByRole('button', { name: 'Roll back / promote' }).click();
    await choose(owner, dialog, 'Version', 'Version 1 — Checkout pixel');
    await dialog.getByLabel('Why?').fill(ROLLBACK_NOTE);
    await dialog.getByText('Points live at version 1. Every server serves it within a second; browsers that already hold the old container pick it up within a minute.', { exact: true }).waitFor();
    const answered = owner.waitForResponse((res) => res.url().includes('sites.rollback'));
    await dialog.getByRole('button', { name: 'Roll back', exact: true }).click();
    expect((await answered).status()).toBe(200);
    const rolledBackAt = Date.now();

    let served = await containerBody(`/c/${site.key}.js`);
    while (served !== versionOne && Date.now() - rolledBackAt < 1_000) served = await containerBody(`/c/${site.key}.js`);
    expect(served).toBe(versionOne);
    await live.getByText('Version 1', { exact: true }).waitFor();

    await owner.getByRole('tab', { name: 'History' }).click();
    const newest = owner.getByRole('table', { name: 'Publishing history' }).getByRole('row').nth(1);
    await newest.getByText(ROLLBACK_NOTE, { exact: true }).waitFor();
    await expect(cells(newest)).resolves.toEqual([expect.any(String), 'Robin', 'Rolled back', 'live', 'Version 1', ROLLBACK_NOTE]);
  });

  it("shows an editor Request publish; the owner publishes the request from the publishing page", async () => {
    await editor.goto(`${server.url}/sites/${site.id}`);
    await editor.getByRole('button', { name: 'Request publish', exact: true }).click();
    await expect(editor.getByRole('button', { name: 'Publish', exact: true }).count()).resolves.toBe(0);
    const dialog = editor.getByRole('dialog', { name: 'Ask to publish Main shop' });
    await dialog.getByLabel('What changed?').fill(REQUEST_NOTE);
    await dialog.getByRole('button', { name: 'Request publish', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });

    await owner.goto(`${server.url}/sites/${site.id}/publishing?tab=requests`);
    const request = owner.getByRole('table', { name: 'Publish requests' }).getByRole('row').filter({ hasText: REQUEST_NOTE });
    await request.getByText('Waiting', { exact: true }).waitFor();
    await expect(request.getByText('Sam', { exact: true }).count()).resolves.toBe(1);
    await request.getByRole('button', { name: 'Publish', exact: true }).click();
    const publish = owner.getByRole('dialog', { name: 'Publish Main shop' });
    await expect(publish.getByLabel('What changed?').inputValue()).resolves.toBe(REQUEST_NOTE);
    await publish.getByRole('button', { name: 'Publish', exact: true }).click();
    await publish.waitFor({ state: 'hidden' });
    await request.getByText('as version 3 by Robin').waitFor();
    expect(await containerBody(`/c/${site.key}.js`)).toBe(await containerBody(`/c/${site.key}/v3.js`));

    await editor.goto(`${server.url}/sites/${site.id}/publishing?tab=requests`);
    const seen = editor.getByRole('table', { name: 'Publish requests' }).getByRole('row').filter({ hasText: REQUEST_NOTE });
    await seen.getByText('as version 3 by Robin').waitFor();
    await expect(seen.getByRole('button', { name: 'Publish', exact: true }).count()).resolves.toBe(0);
  });

  it("creates a preview link of the draft for the site's first domain", async () => {
    await owner.getByRole('tab', { name: 'Preview' }).click();
    await expect(owner.getByLabel('Page address').inputValue()).resolves.toBe('https://shop.example.com/');
    await owner.getByRole('button', { name: 'Create preview link' }).click();
    const link = owner.getByRole('region', { name: 'Preview link' });
    const shown = ((await link.getByTestId('preview-link').textContent()) ?? '').trim();
    expect(shown).toMatch(/^https:\/\/shop\.example\.com\/\?pixeltag_preview=[\w.-]+$/);
    await expect(link.getByRole('link', { name: 'Open' }).getAttribute('href')).resolves.toBe(shown);
    await link.getByText('Only the browser that opens this link sees the preview', { exact: false }).waitFor();
  });
});
