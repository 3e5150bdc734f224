import { describe, expect, it } from 'vitest';
import { VARIABLE_CODES } from '../../../shared/rules/compact';
import { explain, simulate, visitReader, type SimulatedSite, type SimulatedTag, type Visit } from '../../../shared/rules/simulate';
import { ALWAYS, VARIABLES, type Condition, type ConditionGroup, type Operator, type Rule, type Variable } from '../../../shared/schema';

const rule = (variable: Variable, operator: Operator, value: string, arg?: string): Rule => ({ type: 'rule', variable, operator, value, ...(arg ? { arg } : {}) });
const group = (type: ConditionGroup['type'], ...conditions: Condition[]): ConditionGroup => ({ type, conditions });

/** Monday 1 June 2026, 14:30 in Berlin. */
const MONDAY_AFTERNOON = Date.parse('2026-06-01T12:30:00Z');

const VISIT: Visit = {
  url: 'https://Shop.example.com/checkout/pay?utm_source=Google&utm_medium=cpc&utm_term=&ref=mail#step-2',
  referrer: 'https://www.google.com/search?q=shoes',
  title: 'Pay – Shop',
  device: 'mobile',
  browser: 'safari',
  os: 'ios',
  language: 'de-DE',
  screenWidth: 390,
  sessions: 3,
  pageviews: 2,
  seconds: 95,
  cookies: { plan: 'pro' },
  dataLayer: { cart: { total: 42, items: [1, 2], coupon: null }, member: true, user: { tier: 'gold' } },
  consent: { analytics: 'granted', marketing: 'denied' },
  country: 'DE',
  event: 'purchase',
  sample: 7,
  at: MONDAY_AFTERNOON,
};

const SITE: SimulatedSite = { timeZone: 'Europe/Berlin', privacy: { honorDnt: true, honorGpc: true, consentMode: 'none' }, maxFiresPerPage: null };

let ids = 0;
const tag = (over: Partial<SimulatedTag> = {}): SimulatedTag => ({
  id: `t${++ids}`,
  name: over.name ?? `Tag ${ids}`,
  status: 'active',
  priority: 10,
  trigger: { type: 'pageview' },
  conditions: group('all'),
  cap: { type: 'unlimited' },
  schedule: ALWAYS,
  consent: 'marketing',
  ...over,
});
const only = (site: SimulatedSite, t: SimulatedTag, visit: Visit = VISIT) => simulate(site, [t], visit)[0]!;

describe('visitReader: each variable reads from the visit as the runtime reads it from the page', () => {
  const read = visitReader(VISIT, 'Europe/Berlin');
  const table: [Variable, string | undefined, string | number | undefined][] = [
    ['page.url', undefined, 'https://shop.example.com/checkout/pay?utm_source=Google&utm_medium=cpc&utm_term=&ref=mail#step-2'],
    ['page.host', undefined, 'shop.example.com'],
    ['page.path', undefined, '/checkout/pay'],
    ['page.query', 'ref', 'mail'],
    ['page.query', 'missing', undefined],
    ['page.hash', undefined, 'step-2'],
    ['page.title', undefined, 'Pay – Shop'],
    ['referrer.url', undefined, 'https://www.google.com/search?q=shoes'],
    ['referrer.host', undefined, 'www.google.com'],
    ['utm.source', undefined, 'Google'],
    ['utm.medium', undefined, 'cpc'],
    ['utm.campaign', undefined, undefined],
    ['utm.term', undefined, undefined],
    ['utm.content', undefined, undefined],
    ['device.type', undefined, 'mobile'],
    ['browser', undefined, 'safari'],
    ['os', undefined, 'ios'],
    ['language', undefined, 'de-DE'],
    ['screen.width', undefined, 390],
    ['visitor.type', undefined, 'returning'],
    ['visitor.sessions', undefined, 3],
    ['session.pageviews', undefined, 2],
    ['session.seconds', undefined, 95],
    ['cookie', 'plan', 'pro'],
    ['cookie', 'missing', undefined],
    ['dataLayer', 'cart.total', 42],
    ['dataLayer', 'user.tier', 'gold'],
    ['dataLayer', 'member', 'true'],
    ['dataLayer', 'cart.items', undefined],
    ['dataLayer', 'cart.coupon', undefined],
    ['dataLayer', 'cart.total.value', undefined],
    ['event', undefined, 'pageview'],
    ['country', undefined, 'DE'],
    ['consent', 'analytics', 'granted'],
    ['consent', 'marketing', 'denied'],
    ['consent', 'preferences', undefined],
    ['sample', undefined, 7],
    ['time.weekday', undefined, 'monday'],
    ['time.hour', undefined, 14],
  ];
  it.each(table)('%s (%s) → %j', (variable, arg, expected) => {
    expect(read(VARIABLE_CODES[variable], arg)).toEqual(expected);
  });

  it('the table above covers every variable', () => {
    expect(new Set(table.map(([variable]) => variable))).toEqual(new Set(VARIABLES));
  });

  it.each([
    [{ sessions: 1 }, 'new'],
    [{ sessions: 2 }, 'returning'],
  ])('a visitor with %j is %s, as the runtime counts them', (over, expected) => {
    expect(visitReader({ ...VISIT, ...over }, 'UTC')(VARIABLE_CODES['visitor.type'])).toBe(expected);
  });

  it('reads an unknown country, no referrer and no title as the runtime does', () => {
    const read = visitReader({ ...VISIT, country: '', referrer: '', title: undefined }, 'UTC');
    expect(read(VARIABLE_CODES.country)).toBeUndefined();
    expect(read(VARIABLE_CODES['referrer.host'])).toBe('');
    expect(read(VARIABLE_CODES['page.title'])).toBe('');
  });

  it('reads weekday and hour in the site’s zone, across the spring DST change', () => {
    // Sunday 29 March 2026 00:59 UTC is 01:59 CET; a minute later it is 03:00 CEST.
    const before = visitReader({ ...VISIT, at: Date.parse('2026-03-29T00:59:00Z') }, 'Europe/Berlin');
    const after = visitReader({ ...VISIT, at: Date.parse('2026-03-29T01:00:00Z') }, 'Europe/Berlin');
    expect([before(VARIABLE_CODES['time.weekday']), before(VARIABLE_CODES['time.hour'])]).toEqual(['sunday', 1]);
    expect([after(VARIABLE_CODES['time.weekday']), after(VARIABLE_CODES['time.hour'])]).toEqual(['sunday', 3]);
    expect(visitReader({ ...VISIT, at: Date.parse('2026-03-28T23:30:00Z') }, 'UTC')(VARIABLE_CODES['time.weekday'])).toBe('saturday');
  });
});

describe('explain: the first failing rule of a tree', () => {
  const read = visitReader(VISIT, 'Europe/Berlin');
  const pathIsCart = rule('page.path', 'equals', '/cart');
  const pathIsPay = rule('page.path', 'equals', '/checkout/pay');
  const mobile = rule('device.type', 'equals', 'mobile');
  const desktop = rule('device.type', 'equals', 'desktop');
  const bigCart = rule('dataLayer', 'greaterThan', '100', 'cart.total');
  const noOrder = rule('dataLayer', 'exists', '', 'order.id');
  it.each<[string, ConditionGroup, Rule | null, string | number | undefined, boolean]>([
    ['a holding tree', group('all', pathIsPay, mobile), null, undefined, false],
    ['an empty tree', group('all'), null, undefined, false],
    ['all: the first failing child', group('all', mobile, pathIsCart, desktop), pathIsCart, '/checkout/pay', false],
    ['any whose children all fail: the first child', group('any', pathIsCart, desktop), pathIsCart, '/checkout/pay', false],
    ['any that holds', group('any', pathIsCart, mobile), null, undefined, false],
    ['none: the first child that matched', group('none', desktop, mobile, pathIsPay), mobile, 'mobile', true],
    ['nested: into the failing sub-group', group('all', mobile, group('any', desktop, bigCart)), desktop, 'mobile', false],
    ['nested none inside all', group('all', mobile, group('none', pathIsPay)), pathIsPay, '/checkout/pay', true],
    ['none whose sub-group holds: the rule that made it hold', group('none', group('all', mobile, pathIsPay)), mobile, 'mobile', true],
    ['none whose sub-group is a holding any: its holding child', group('none', group('any', desktop, pathIsPay)), pathIsPay, '/checkout/pay', true],
    ['all containing a failing none: the none’s matched child', group('all', group('none', desktop, pathIsPay)), pathIsPay, '/checkout/pay', true],
    ['the value read is reported', group('all', bigCart), bigCart, 42, false],
    ['a missing value reads as undefined', group('all', noOrder), noOrder, undefined, false],
  ])('%s', (_name, tree, expectedRule, actual, matched) => {
    const result = explain(tree, read);
    expect(result).toEqual(expectedRule ? { rule: expectedRule, actual, matched } : null);
  });
});

describe('simulate: which tags fire, and the first reason for each that does not', () => {
  const checkout = group('all', rule('page.path', 'startsWith', '/checkout'));
  const cart = group('all', rule('page.path', 'startsWith', '/cart'));
  const necessary = { consent: 'necessary' as const };

  it.each<[string, Partial<SimulatedTag>, Partial<Visit>, Partial<SimulatedSite>, boolean, string]>([
    ['a page-view tag whose rules hold fires', { conditions: checkout }, {}, {}, true, 'Fires'],
    ['a failing rule, with the value read', { conditions: cart }, {}, {}, false, 'The page path does not start with /cart (it is /checkout/pay)'],
    [
      'a failing data-layer rule with no value',
      { conditions: group('all', rule('dataLayer', 'greaterThan', '10', 'order.value')) },
      {},
      {},
      false,
      'The data-layer value order.value is not greater than 10 (it is not set)',
    ],
    [
      'a rule in a "none" group that matched',
      { conditions: group('none', rule('country', 'inList', 'DE, AT')) },
      {},
      {},
      false,
      'Left out because the country is one of DE or AT (it is DE)',
    ],
    ['paused', { status: 'paused', conditions: cart }, {}, {}, false, 'Paused: it does not fire until it is made active and published'],
    ['Do Not Track, respected', {}, { dnt: true }, {}, false, 'The visitor’s browser sends Do Not Track, which this site respects, so nothing fires'],
    ['Do Not Track, not respected', {}, { dnt: true }, { privacy: { honorDnt: false, honorGpc: true, consentMode: 'none' } }, true, 'Fires'],
    ['Global Privacy Control, respected', {}, { gpc: true }, {}, false, 'The visitor’s browser sends Global Privacy Control, which this site respects, so nothing fires'],
    ['opted out', {}, { optedOut: true }, {}, false, 'The visitor opted out, so nothing fires'],
    [
      'before its start, in the site’s zone',
      { schedule: { ...ALWAYS, start: '2026-06-01T15:00' } },
      {},
      {},
      false,
      'Its campaign starts 1 Jun 2026 15:00 Europe/Berlin; this visit is at 1 Jun 2026 14:30 Europe/Berlin',
    ],
    [
      'after its end',
      { schedule: { ...ALWAYS, end: '2026-06-01T14:30' } },
      {},
      {},
      false,
      'Its campaign ended 1 Jun 2026 14:30 Europe/Berlin; this visit is at 1 Jun 2026 14:30 Europe/Berlin',
    ],
    ['outside its weekdays', { schedule: { ...ALWAYS, weekdays: [0, 6] } }, {}, {}, false, 'It fires only at weekends; this visit is on a Monday (Europe/Berlin)'],
    [
      'outside its hours',
      { schedule: { ...ALWAYS, hours: { from: 9, to: 14 } } },
      {},
      {},
      false,
      'It fires only between 09:00 and 14:00; this visit is at 1 Jun 2026 14:30 Europe/Berlin',
    ],
    [
      'the schedule is checked before the rules, as in the runtime',
      { conditions: cart, schedule: { ...ALWAYS, weekdays: [0] } },
      {},
      {},
      false,
      'It fires only on Sundays; this visit is on a Monday (Europe/Berlin)',
    ],
    ['consent mode none ignores consent', { consent: 'marketing' }, {}, {}, true, 'Fires'],
    [
      'opt-in: a category never asked waits',
      { consent: 'preferences' },
      {},
      { privacy: { honorDnt: true, honorGpc: true, consentMode: 'optIn' } },
      false,
      'Waits for consent for preferences, which the visitor has not given',
    ],
    ['opt-in: granted fires', { consent: 'analytics' }, {}, { privacy: { honorDnt: true, honorGpc: true, consentMode: 'optIn' } }, true, 'Fires'],
    [
      'opt-in: denied',
      { consent: 'marketing' },
      {},
      { privacy: { honorDnt: true, honorGpc: true, consentMode: 'optIn' } },
      false,
      'The visitor denied consent for marketing',
    ],
    ['opt-out: never asked fires', { consent: 'preferences' }, {}, { privacy: { honorDnt: true, honorGpc: true, consentMode: 'optOut' } }, true, 'Fires'],
    [
      'opt-out: denied',
      { consent: 'marketing' },
      {},
      { privacy: { honorDnt: true, honorGpc: true, consentMode: 'optOut' } },
      false,
      'The visitor denied consent for marketing',
    ],
    ['necessary always fires', necessary, { consent: { necessary: 'denied' } }, { privacy: { honorDnt: true, honorGpc: true, consentMode: 'optIn' } }, true, 'Fires'],
    [
      'rules are checked before consent, as in the runtime',
      { conditions: cart, consent: 'marketing' },
      {},
      { privacy: { honorDnt: true, honorGpc: true, consentMode: 'optIn' } },
      false,
      'The page path does not start with /cart (it is /checkout/pay)',
    ],
    ['DOM ready fires during the visit', { trigger: { type: 'domReady' } }, {}, {}, true, 'Fires'],
    ['window load fires during the visit', { trigger: { type: 'load' } }, {}, {}, true, 'Fires'],
    ['an event the visit pushes fires', { trigger: { type: 'event', name: 'purchase' } }, {}, {}, true, 'Fires'],
    [
      'an event the visit does not push waits',
      { trigger: { type: 'event', name: 'signup' } },
      {},
      {},
      false,
      'Waits for the event signup, which this visit does not push; its conditions hold for this visit',
    ],
    ['a click waits', { trigger: { type: 'click', selector: '#buy' } }, {}, {}, false, 'Waits for a click on #buy; its conditions hold for this visit'],
    [
      'a form submit waits',
      { trigger: { type: 'submit', selector: 'form.signup' } },
      {},
      {},
      false,
      'Waits for a form matching form.signup to be submitted; its conditions hold for this visit',
    ],
    ['a history change waits', { trigger: { type: 'history' } }, {}, {}, false, 'Waits for a page change inside the single-page app; its conditions hold for this visit'],
    ['a timer waits', { trigger: { type: 'timer', seconds: 30 } }, {}, {}, false, 'Waits until the visitor has spent 30 seconds on the page; its conditions hold for this visit'],
    ['scroll depth waits', { trigger: { type: 'scroll', percent: 50 } }, {}, {}, false, 'Waits until the visitor scrolls 50% down the page; its conditions hold for this visit'],
    ['visibility waits', { trigger: { type: 'visible', selector: '#promo' } }, {}, {}, false, 'Waits for #promo to come into view; its conditions hold for this visit'],
    [
      'a waiting trigger reports a failing rule first',
      { trigger: { type: 'click', selector: '#buy' }, conditions: cart },
      {},
      {},
      false,
      'The page path does not start with /cart (it is /checkout/pay)',
    ],
  ])('%s', (_name, over, visit, site, fires, text) => {
    const verdict = only({ ...SITE, ...site }, tag(over), { ...VISIT, ...visit });
    expect([verdict.fires, verdict.text]).toEqual([fires, text]);
    expect(verdict.reason === null).toBe(fires);
  });

  it.each<[string, string, boolean]>([
    ['pageview', 'pageview', true],
    ['domReady', 'domready', true],
    ['load', 'load', true],
    ['click', 'click', true],
    ['pageview', 'purchase', false],
  ])('the event variable of a %s tag reads %s', (type, name, fires) => {
    const trigger = type === 'click' ? { type: 'click' as const, selector: '#b' } : ({ type } as SimulatedTag['trigger']);
    const verdict = only(SITE, tag({ trigger, conditions: group('all', rule('event', 'equals', name)) }));
    // A click tag whose event rule holds still waits for the click.
    expect(verdict.reason?.kind === 'rule').toBe(!fires);
  });

  it('lists tags highest priority first, ties in the given order', () => {
    const tags = [tag({ name: 'low', priority: 1 }), tag({ name: 'high a', priority: 50 }), tag({ name: 'high b', priority: 50 })];
    expect(simulate(SITE, tags, VISIT).map((v) => v.tag.name)).toEqual(['high a', 'high b', 'low']);
  });

  it('stops at the site’s limit of pixels per page view, by priority and in the order the page fires them', () => {
    const site = { ...SITE, maxFiresPerPage: 2 };
    const tags = [
      tag({ name: 'on load, top priority', priority: 90, trigger: { type: 'load' } }),
      tag({ name: 'page view, high', priority: 50 }),
      tag({ name: 'not matching', priority: 40, conditions: cart }),
      tag({ name: 'page view, low', priority: 10 }),
      tag({ name: 'click', priority: 5, trigger: { type: 'click', selector: '#x' } }),
    ];
    const verdicts = simulate(site, tags, VISIT).map((v) => [v.tag.name, v.fires, v.reason?.kind ?? null]);
    expect(verdicts).toEqual([
      ['on load, top priority', false, 'pageLimit'],
      ['page view, high', true, null],
      ['not matching', false, 'rule'],
      ['page view, low', true, null],
      ['click', false, 'trigger'],
    ]);
    expect(simulate(site, tags, VISIT)[0]!.text).toBe('The site fires at most 2 pixels per page view, and tags with a higher priority used them');
  });

  it('runs the runtime’s evaluator: case-insensitive hosts and UTM values, case-sensitive paths', () => {
    const verdicts = simulate(
      SITE,
      [
        tag({ conditions: group('all', rule('page.host', 'equals', 'SHOP.EXAMPLE.COM'), rule('utm.source', 'equals', 'google')) }),
        tag({ conditions: group('all', rule('page.path', 'startsWith', '/Checkout')) }),
        tag({ conditions: group('all', rule('screen.width', 'between', '320, 480'), rule('time.hour', 'inList', '13, 14')) }),
        tag({ conditions: group('all', rule('page.path', 'regex', '^/checkout/(pay|review)$')) }),
      ],
      VISIT,
    );
    expect(verdicts.map((v) => v.fires)).toEqual([true, false, true, true]);
  });
});

describe('simulate with audiences', () => {
  it('requires every audience a tag names, reporting the audience rule that failed with its value', () => {
    const phonesOnly = tag({ audienceIds: ['phones'] });
    const phones = { id: 'phones', conditions: group('all', rule('device.type', 'equals', 'mobile')) };
    expect(simulate(SITE, [phonesOnly], { ...VISIT, device: 'mobile' }, [phones])[0]!.fires).toBe(true);
    const refused = simulate(SITE, [phonesOnly], { ...VISIT, device: 'desktop' }, [phones])[0]!;
    expect(refused.fires).toBe(false);
    expect(refused.reason).toMatchObject({ kind: 'rule', actual: 'desktop' });
    // An audience the simulator was not given cannot be checked, so the tag does not fire.
    const unknown = simulate(SITE, [phonesOnly], { ...VISIT, device: 'mobile' })[0]!;
    expect(unknown.fires).toBe(false);
    expect(unknown.reason).toEqual({ kind: 'missingAudience' });
    expect(unknown.text).toBe('It requires an audience that no longer exists, so no visitor is in it');
  });
});
