// Firing caps in real Chromium: per page view, per session, per visitor, per rolling window and
// the site's per-page limit. One browser context per visitor keeps its storage across reloads;
// Playwright's paused clock moves time, so sessions and windows pass without sleeping.
import { describe, expect, it } from 'vitest';
import { LOCAL_STORAGE_THROWS, labels, useHarness, VIEW } from './harness';

const h = useHarness();
const T0 = Date.parse('2027-06-07T10:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('firing caps', { timeout: 60_000 }, () => {
  it('fires a once-per-page-view tag on the first of repeated clicks, and again on the next page view', async () => {
    const site = await h.publish({}, [
      { label: 'once', trigger: { type: 'click', selector: '.buy' }, cap: { type: 'page' }, priority: 20 },
      { label: 'every', trigger: { type: 'click', selector: '.buy' } },
    ]);
    const visit = await h.visit();
    await visit.open(site.page('/product', { body: '<button class="buy">Buy</button>' }));

    for (let i = 0; i < 3; i++) await visit.page.click('.buy');
    await visit.waitFor('every', 3);
    await visit.barrier();
    expect(labels(visit)).toEqual(['once', 'every', 'every', 'every']);

    await visit.reload();
    await visit.page.click('.buy');
    await visit.page.click('.buy');
    await visit.waitFor('every', 5);
    await visit.page.evaluate((path) => history.pushState({}, '', path), site.path('/product/2'));
    await visit.page.click('.buy');
    await visit.waitFor('every', 6);
    await visit.barrier();
    expect(visit.fired('once').map((pixel) => pixel.path)).toEqual([site.path('/product'), site.path('/product'), site.path('/product/2')]);
  });

  it('fires a once-per-session tag on the first page view only, and again after 31 minutes without activity', async () => {
    const site = await h.publish({}, [{ label: 'session', cap: { type: 'session' }, priority: 20 }, { label: VIEW }]);
    const visit = await h.visit();
    await visit.openAt(site.page('/home'), T0);

    await visit.reloadAt(T0 + MINUTE);
    // 29 minutes after the last page view the session is still going, and this view extends it.
    await visit.reloadAt(T0 + 30 * MINUTE);
    await visit.reloadAt(T0 + 59 * MINUTE);
    expect(visit.fired('session')).toHaveLength(1);

    await visit.reloadAt(T0 + 90 * MINUTE);
    expect(visit.fired('session')).toHaveLength(2);
    await visit.reloadAt(T0 + 91 * MINUTE);
    expect(labels(visit)).toEqual(['session', VIEW, VIEW, VIEW, VIEW, 'session', VIEW, VIEW]);
  });

  it('counts a data-layer event as activity that keeps the session going', async () => {
    const site = await h.publish({}, [{ label: 'session', cap: { type: 'session' }, priority: 20 }, { label: VIEW }]);
    const visit = await h.visit();
    await visit.openAt(site.page('/video'), T0);

    await visit.page.clock.setSystemTime(T0 + 25 * MINUTE);
    await visit.page.evaluate(() => (window as unknown as { pixeltag: unknown[] }).pixeltag.push({ event: 'video_progress' }));
    // 45 minutes after the page view, but only 20 after the visitor's last activity.
    await visit.reloadAt(T0 + 45 * MINUTE);

    expect(visit.fired('session')).toHaveLength(1);
  });

  it('fires a once-per-visitor tag once, across reloads, new sessions and days', async () => {
    const site = await h.publish({}, [{ label: 'visitor', cap: { type: 'visitor' }, priority: 20 }, { label: VIEW }]);
    const visit = await h.visit();
    await visit.openAt(site.page('/home'), T0);

    await visit.reloadAt(T0 + MINUTE);
    await visit.reloadAt(T0 + 45 * MINUTE);
    await visit.reloadAt(T0 + 30 * DAY);

    expect(labels(visit)).toEqual(['visitor', VIEW, VIEW, VIEW, VIEW]);
  });

  it('fires at most twice per rolling day: the third is refused until the first fire is a day old', async () => {
    const site = await h.publish({}, [{ label: 'twice', cap: { type: 'window', count: 2, every: 1, unit: 'days' }, priority: 20 }, { label: VIEW }]);
    const visit = await h.visit();
    await visit.openAt(site.page('/home'), T0);

    await visit.reloadAt(T0 + HOUR);
    await visit.reloadAt(T0 + 2 * HOUR);
    await visit.reloadAt(T0 + DAY - 1000);
    expect(visit.fired('twice')).toHaveLength(2);

    // The fire at T0 has left the window; the one at T0 + 1 h has not.
    await visit.reloadAt(T0 + DAY);
    expect(visit.fired('twice')).toHaveLength(3);
    await visit.reloadAt(T0 + DAY + HOUR - 1000);
    expect(visit.fired('twice')).toHaveLength(3);
    await visit.reloadAt(T0 + DAY + HOUR);
    expect(visit.fired('twice')).toHaveLength(4);
  });

  it('fires at most the site’s limit of pixels per page view, highest priority first, counting only tags that match', async () => {
    const site = await h.publish({ maxFiresPerPage: 2 }, [
      { label: 'low', priority: 5 },
      {
        label: 'elsewhere',
        priority: 90,
        conditions: { type: 'all', conditions: [{ type: 'rule', variable: 'page.path', operator: 'equals', value: '/nowhere' }] },
      },
      { label: 'high', priority: 40 },
      { label: 'click', priority: 100, trigger: { type: 'click', selector: 'button' } },
      { label: 'mid', priority: 20 },
    ]);
    const visit = await h.visit();
    await visit.open(site.page('/home', { body: '<button>Go</button>' }));
    await visit.waitFor('mid');
    await visit.page.click('button');
    await visit.barrier();
    expect(labels(visit)).toEqual(['high', 'mid']);

    await visit.page.evaluate((path) => history.pushState({}, '', path), site.path('/next'));
    await visit.waitFor('mid', 2);
    await visit.barrier();
    expect(labels(visit)).toEqual(['high', 'mid', 'high', 'mid']);
    expect(visit.reportedTags()).toEqual([site.tagIds.high, site.tagIds.mid, site.tagIds.high, site.tagIds.mid]);
  });

  it('keeps a once-per-visitor cap in a first-party cookie when localStorage is blocked', async () => {
    const site = await h.publish({}, [{ label: 'visitor', cap: { type: 'visitor' }, priority: 20 }, { label: VIEW }]);
    const visit = await h.visit({ init: LOCAL_STORAGE_THROWS });
    await visit.openAt(site.page('/home'), T0);

    await visit.reloadAt(T0 + MINUTE);
    await visit.reloadAt(T0 + 45 * MINUTE);

    expect(labels(visit)).toEqual(['visitor', VIEW, VIEW, VIEW]);
    expect((await visit.context.cookies()).map((cookie) => cookie.name)).toContain('_pt');
  });
});
