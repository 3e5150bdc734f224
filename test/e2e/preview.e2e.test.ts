// Preview links on the real site, in real Chromium: the browser that opens the link loads the
// draft with the debug panel (in a shadow root), keeps it across pages until it exits, and sees
// for every tag whether it fired or why not; every other browser keeps getting live. A forged
// token is refused and live is served.
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { WAIT_MS } from './browser';
import { labels, useHarness, VIEW, type PublishedSite, type Visit } from './targeting/harness';

const h = useHarness();

const FUTURE = '2099-01-01T09:00';

/** A live site, then a draft with one more tag: what the preview shows and live does not. */
async function siteWithDraft(): Promise<{ site: PublishedSite; draftTagId: string }> {
  const site = await h.publish({ privacy: { consentMode: 'optIn' } }, [
    { label: VIEW, consent: 'necessary' },
    {
      label: 'mobile',
      consent: 'necessary',
      conditions: { type: 'all', conditions: [{ type: 'rule', variable: 'device.type', operator: 'equals', value: 'mobile' }] },
    },
    { label: 'later', consent: 'necessary', schedule: { start: FUTURE } },
    { label: 'once', consent: 'necessary', cap: { type: 'visitor' } },
    { label: 'analytics', consent: 'analytics' },
    { label: 'buy', consent: 'necessary', trigger: { type: 'click', selector: '#buy' } },
  ]);
  const sink = h.sink().origin;
  const draft = await h.api.tags.create.mutate({
    siteId: site.id,
    name: 'Tag draft <b>only</b>',
    action: { kind: 'image', url: `${sink}/px/0/draft?e={{event}}` },
    conditions: { type: 'all', conditions: [] },
    priority: 1,
    status: 'active',
    trigger: { type: 'pageview' },
    cap: { type: 'unlimited' },
    schedule: { start: null, end: null, weekdays: [], hours: null },
    consent: 'necessary',
  });
  return { site, draftTagId: draft.id };
}

const panel = (visit: Visit) => visit.page.locator('pixeltag-debug');
/** The panel's row for a tag (Playwright's CSS locators reach into open shadow roots). */
const row = (visit: Visit, tagId: string): Locator => panel(visit).locator(`li.tag[data-tag-id="${tagId}"]`);
const fired = (visit: Visit, label: string) => visit.pixels.filter((pixel) => pixel.label === label).length;

async function previewUrl(site: PublishedSite, page: string): Promise<string> {
  return (await h.api.sites.preview.mutate({ siteId: site.id, source: 'draft', pageUrl: page })).url;
}

describe('a preview link', () => {
  it('shows the draft with its debug panel in that browser only, explaining every tag', async () => {
    const { site, draftTagId } = await siteWithDraft();
    const home = site.page('/home', { body: '<h1>Shop</h1><button id="buy">Buy</button>' });
    const tester = await h.visit();
    const visitor = await h.visit();

    await tester.open(await previewUrl(site, home));
    await tester.waitFor('draft');
    await expect.poll(() => row(tester, draftTagId).textContent(), { timeout: WAIT_MS }).toContain('Fired');
    expect(await panel(tester).locator('header').textContent()).toContain('Pixeltag preview: the draft');

    const why = async (label: string) => (await row(tester, site.tagIds[label] as string).textContent()) ?? '';
    expect(await why('mobile')).toContain('Not fired');
    expect(await why('mobile')).toMatch(/device type is not mobile.*desktop/i);
    expect(await why('later')).toMatch(/campaign starts 1 Jan 2099 09:00/i);
    expect(await why('analytics')).toMatch(/consent for analytics/i);
    expect(await why('buy')).toMatch(/not tried yet.*click on #buy/i);
    expect(await why(VIEW)).toContain('Fired');
    // The tag's name is shown as text, never as markup.
    expect(await row(tester, draftTagId).locator('.tag-name').textContent()).toBe('Tag draft <b>only</b>');
    expect(await row(tester, draftTagId).locator('b').count()).toBe(0);

    // Events are listed as they happen.
    await tester.page.evaluate(() => (window as unknown as { pixeltag: unknown[] }).pixeltag.push({ event: 'purchase', value: 42 }));
    // A value the panel cannot write out as JSON (it refers to itself) is still listed by name.
    await tester.page.evaluate(() => {
      const looped: Record<string, unknown> = { event: 'looped' };
      looped.self = looped;
      (window as unknown as { pixeltag: unknown[] }).pixeltag.push(looped);
    });
    await tester.page.click('#buy');
    await tester.waitFor('buy');
    await expect.poll(() => panel(tester).locator('li.event').allTextContents(), { timeout: WAIT_MS }).toEqual(
      expect.arrayContaining([
        expect.stringContaining('pageview'),
        expect.stringContaining('purchase'),
        expect.stringMatching(/looped.*cannot be shown/),
        expect.stringContaining('click'),
      ]),
    );
    await expect.poll(() => why('buy'), { timeout: WAIT_MS }).toContain('Fired');
    // Someone testing is not a visitor: the preview reports nothing to the collector.
    await tester.barrier();
    expect(tester.reports).toEqual([]);

    // Everyone else keeps live: no draft tag, no panel, reports as usual.
    await visitor.open(home);
    await visitor.waitFor(VIEW);
    await visitor.barrier();
    expect(fired(visitor, 'draft')).toBe(0);
    expect(await panel(visitor).count()).toBe(0);
    expect(visitor.reports.length).toBeGreaterThan(0);

    // The token stays in that browser for the site's other pages, and caps count across them.
    await tester.open(site.page('/other'));
    await tester.waitFor('draft', 2);
    await expect.poll(() => why('once'), { timeout: WAIT_MS }).toMatch(/already fired.*once per visitor/i);
    await tester.page.screenshot({ path: (await import('./browser')).screenshotPath('preview-panel') });

    // Leaving the preview brings live back.
    await panel(tester).getByRole('button', { name: 'Exit preview' }).click();
    await tester.page.waitForLoadState('load');
    await tester.barrier();
    const draftFires = fired(tester, 'draft');
    await tester.open(site.page('/other'));
    await tester.waitFor(VIEW, 3);
    await tester.barrier();
    expect(fired(tester, 'draft')).toBe(draftFires);
    expect(await panel(tester).count()).toBe(0);
  });

  it('keeps its panel readable whatever the host page’s CSS says', async () => {
    const { site, draftTagId } = await siteWithDraft();
    const hostile = '<style>body * { visibility: hidden !important; font-size: 40px !important; color: red !important; } li, header { display: none !important; }</style><h1>Shop</h1>';
    const tester = await h.visit();
    await tester.open(await previewUrl(site, site.page('/hostile', { body: hostile })));
    await tester.waitFor('draft');
    const draftRow = row(tester, draftTagId);
    await expect.poll(() => draftRow.isVisible(), { timeout: WAIT_MS }).toBe(true);
    const style = await draftRow.locator('.tag-name').evaluate((node) => {
      const computed = getComputedStyle(node);
      return { fontSize: computed.fontSize, color: computed.color, visibility: computed.visibility };
    });
    expect(style).toEqual({ fontSize: '13px', color: 'rgb(26, 27, 30)', visibility: 'visible' });
  });

  it('refuses a forged token: the browser gets live, without a panel, and forgets the token', async () => {
    const { site } = await siteWithDraft();
    const home = site.page('/home');
    const real = new URL(await previewUrl(site, home));
    const [payload] = (real.searchParams.get('pixeltag_preview') ?? '').split('.');
    const forged = new URL(home);
    forged.searchParams.set('pixeltag_preview', `${payload}.${'A'.repeat(43)}`);
    // What `window` holds before any script of the page runs, to show the container adds only `pixeltag`.
    const tester = await h.visit({ init: `Object.defineProperty(window, '__baseline', { value: Object.getOwnPropertyNames(window) });` });
    const refused = tester.page.waitForResponse((response) => response.url().includes('?preview='));

    await tester.open(forged.toString());
    expect((await refused).headers()['x-pixeltag-preview']).toBe('refused: signature');
    await tester.waitFor(VIEW);
    await tester.barrier();
    expect(labels(tester)).toContain(VIEW);
    expect(fired(tester, 'draft')).toBe(0);
    expect(await panel(tester).count()).toBe(0);
    expect(await tester.page.evaluate(() => localStorage.getItem('pixeltag_preview'))).toBeNull();
    const added = await tester.page.evaluate(() => {
      const baseline = (window as unknown as { __baseline: string[] }).__baseline;
      return Object.getOwnPropertyNames(window).filter((name) => name !== '__baseline' && !baseline.includes(name));
    });
    expect(added).toEqual(['pixeltag']);
  });
});
