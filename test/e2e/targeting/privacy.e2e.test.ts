// Visitors' privacy choices in real Chromium: Do Not Track, Global Privacy Control, opt-out and
// opt-in through the data layer, consent categories (pushed or read from an IAB TCF CMP), and a
// browser that blocks storage. "Nothing" means no pixel and no report to the collector.
import { describe, expect, it } from 'vitest';
import { COOKIES_IGNORED, COOKIES_THROW, DNT_ON, GPC_ON, LOCAL_STORAGE_THROWS, labels, useHarness, VIEW, type Visit } from './harness';

const h = useHarness();

const push = (visit: Visit, item: unknown) =>
  visit.page.evaluate((value) => {
    (window as unknown as { pixeltag: unknown[] }).pixeltag.push(value);
  }, item);

const SIGNALS: { signal: string; init: string; headers: Record<string, string>; setting: 'honorDnt' | 'honorGpc' }[] = [
  { signal: 'Do Not Track', init: DNT_ON, headers: { DNT: '1' }, setting: 'honorDnt' },
  { signal: 'Global Privacy Control', init: GPC_ON, headers: { 'Sec-GPC': '1' }, setting: 'honorGpc' },
];

describe.each(SIGNALS)('$signal', ({ init, headers, setting }) => {
  const tags = [{ label: VIEW }, { label: 'buy', trigger: { type: 'click', selector: 'button' } } as const];

  it('fires nothing and reports nothing, on load or on click, while a visitor without it gets the tags', async () => {
    const site = await h.publish({}, tags);
    const url = site.page('/home', { body: '<button>Buy</button>' });
    const withSignal = await h.visit({ init, headers });
    const without = await h.visit();

    await withSignal.open(url);
    await withSignal.page.click('button');
    await withSignal.barrier();
    await without.open(url);
    await without.page.click('button');
    await without.waitFor('buy');
    await without.barrier();

    expect(withSignal.pixels).toEqual([]);
    expect(withSignal.reports).toEqual([]);
    expect(labels(without)).toEqual([VIEW, 'buy']);
  });

  it('fires as usual when the site chose not to honour it', async () => {
    const site = await h.publish({ privacy: { [setting]: false } }, tags);
    const visit = await h.visit({ init, headers });

    await visit.open(site.page('/home', { body: '<button>Buy</button>' }));
    await visit.page.click('button');
    await visit.waitFor('buy');
    await visit.barrier();

    expect(labels(visit)).toEqual([VIEW, 'buy']);
    expect(visit.reportedTags()).toEqual([site.tagIds[VIEW], site.tagIds.buy]);
  });
});

describe('opt-out and opt-in', () => {
  it('stops every tag and every report after pixeltag.push([“optOut”]), across reloads, until pixeltag.push([“optIn”])', async () => {
    const site = await h.publish({}, [{ label: VIEW }, { label: 'buy', trigger: { type: 'click', selector: 'button' } }]);
    const visit = await h.visit();
    await visit.open(site.page('/home', { body: '<button>Buy</button>' }));
    await visit.waitFor(VIEW);

    await push(visit, ['optOut']);
    await visit.page.click('button');
    await visit.reload();
    await visit.page.click('button');
    await visit.barrier();
    expect(labels(visit)).toEqual([VIEW]);
    expect(visit.reportedTags()).toEqual([site.tagIds[VIEW]]);

    await push(visit, ['optIn']);
    await visit.page.click('button');
    await visit.waitFor('buy');
    await visit.reload();
    await visit.waitFor(VIEW, 2);
    await visit.barrier();
    expect(labels(visit)).toEqual([VIEW, 'buy', VIEW]);
    expect(visit.reportedTags()).toEqual([site.tagIds[VIEW], site.tagIds.buy, site.tagIds[VIEW]]);
  });
});

describe('consent', () => {
  const byCategory = [
    { label: 'ads', consent: 'marketing' },
    { label: 'stats', consent: 'analytics' },
    { label: VIEW, consent: 'necessary' },
  ] as const;

  it('in opt-in mode fires a marketing page-view tag once, when consent arrives after the page view, and on later pages straight away', async () => {
    const site = await h.publish({ privacy: { consentMode: 'optIn' } }, [{ label: 'ads', consent: 'marketing' }, { label: VIEW, consent: 'necessary' }]);
    const visit = await h.visit();
    await visit.open(site.page('/home'));
    await visit.waitFor(VIEW);
    await visit.barrier();
    expect(labels(visit)).toEqual([VIEW]);

    await push(visit, ['consent', { marketing: true }]);
    await visit.waitFor('ads');
    await push(visit, ['consent', { marketing: true }]);
    await visit.barrier();
    expect(labels(visit)).toEqual([VIEW, 'ads']);
    expect(visit.reportedTags()).toEqual([site.tagIds[VIEW], site.tagIds.ads]);

    await visit.reload();
    await visit.waitFor(VIEW, 2);
    await visit.barrier();
    expect(labels(visit)).toEqual([VIEW, 'ads', 'ads', VIEW]);
  });

  it('in opt-in mode fires each waiting tag when its own category is granted, one category at a time', async () => {
    const site = await h.publish({ privacy: { consentMode: 'optIn' } }, [...byCategory]);
    const visit = await h.visit();
    await visit.open(site.page('/home'));
    await visit.waitFor(VIEW);

    await push(visit, ['consent', { analytics: true, marketing: false }]);
    await visit.waitFor('stats');
    await visit.barrier();
    expect(labels(visit)).toEqual([VIEW, 'stats']);

    await push(visit, ['consent', { marketing: true }]);
    await visit.waitFor('ads');
    await visit.barrier();
    expect(labels(visit)).toEqual([VIEW, 'stats', 'ads']);
  });

  it('in opt-out mode fires a marketing tag until the visitor declines marketing', async () => {
    const site = await h.publish({ privacy: { consentMode: 'optOut' } }, [...byCategory]);
    const visit = await h.visit();
    await visit.open(site.page('/home'));
    await visit.waitFor(VIEW);
    await visit.barrier();
    expect(labels(visit)).toEqual(['ads', 'stats', VIEW]);

    await push(visit, ['consent', { marketing: false }]);
    await visit.reload();
    await visit.waitFor(VIEW, 2);
    await visit.barrier();
    expect(labels(visit)).toEqual(['ads', 'stats', VIEW, 'stats', VIEW]);
  });

  /** A CMP stub speaking IAB TCF v2: answers listeners with `status` now, and with `__tcfAnswer(consents)` later. */
  const cmp = (status: string, consents: Record<number, boolean>) => `
    var listeners = [];
    var answer = function (eventStatus, consents) {
      listeners.forEach(function (callback) { callback({ tcString: 'x', eventStatus: eventStatus, gdprApplies: true, purpose: { consents: consents, legitimateInterests: {} } }, true); });
    };
    window.__tcfapi = function (command, version, callback) {
      if (command !== 'addEventListener') return;
      listeners.push(callback);
      answer(${JSON.stringify(status)}, ${JSON.stringify(consents)});
    };
    window.__tcfAnswer = function (consents) { answer('useractioncomplete', consents); };`;

  it.each<{ given: string; consents: Record<number, boolean>; fired: string[] }>([
    { given: 'storage, ads selection and personalised ads (purposes 1, 3, 4)', consents: { 1: true, 3: true, 4: true }, fired: ['ads', VIEW] },
    { given: 'storage and measurement only (purposes 1, 8)', consents: { 1: true, 8: true }, fired: ['stats', VIEW] },
    { given: 'ads purposes without storage (3, 4, 8)', consents: { 3: true, 4: true, 8: true }, fired: [VIEW] },
  ])('reads consent from a TCF CMP that has loaded: $given', async ({ consents, fired }) => {
    const site = await h.publish({ privacy: { consentMode: 'optIn' } }, [...byCategory]);
    const visit = await h.visit();
    await visit.open(site.page('/home', { before: cmp('tcloaded', consents) }));
    await visit.waitFor(VIEW);
    await visit.barrier();

    expect(labels(visit)).toEqual(fired);
  });

  it('fires the waiting tags once the visitor accepts in the TCF CMP’s dialog', async () => {
    const site = await h.publish({ privacy: { consentMode: 'optIn' } }, [...byCategory]);
    const visit = await h.visit();
    await visit.open(site.page('/home', { before: cmp('cmpuishown', {}) }));
    await visit.waitFor(VIEW);
    await visit.barrier();
    expect(labels(visit)).toEqual([VIEW]);

    await visit.page.evaluate(() => (window as unknown as { __tcfAnswer: (c: object) => void }).__tcfAnswer({ 1: true, 3: true, 4: true, 8: true }));
    await visit.waitFor('ads');
    await visit.waitFor('stats');
    await visit.barrier();
    expect(labels(visit)).toEqual([VIEW, 'ads', 'stats']);
  });
});

describe('storage blocked', () => {
  it.each([
    { cookies: 'throw', init: LOCAL_STORAGE_THROWS + COOKIES_THROW },
    { cookies: 'are silently dropped', init: LOCAL_STORAGE_THROWS + COOKIES_IGNORED },
  ])('with localStorage throwing and cookies that $cookies, tags fire, no error reaches the page and caps hold per page view', async ({ init }) => {
    const site = await h.publish({}, [
      { label: 'visitor', cap: { type: 'visitor' } },
      { label: 'click', trigger: { type: 'click', selector: 'button' }, cap: { type: 'visitor' } },
      { label: VIEW },
    ]);
    const visit = await h.visit({ init });
    await visit.open(site.page('/home', { body: '<button>Buy</button>' }));
    await visit.waitFor(VIEW);
    await visit.page.click('button');
    await visit.page.click('button');
    await visit.reload();
    await visit.waitFor(VIEW, 2);
    await visit.page.click('button');
    await visit.barrier();

    expect(labels(visit)).toEqual(['visitor', VIEW, 'click', 'visitor', VIEW, 'click']);
    expect(visit.reportedTags()).toHaveLength(6);
    const stored = await visit.context.storageState();
    expect(stored.cookies).toEqual([]);
    expect(stored.origins.flatMap((origin) => origin.localStorage)).toEqual([]);
  });
});
