import { describe, expect, it } from 'vitest';
import {
  describeAction,
  describeCap,
  describeConditions,
  describeRule,
  describeSchedule,
  describeTag,
  describeValue,
  triggerPhrase,
} from '../../../shared/rules/describe';
import { operatorsFor, VARIABLE_GROUPS, VARIABLE_WORDS } from '../../../shared/rules/words';
import {
  ALWAYS,
  NUMERIC_VARIABLES,
  OPERATORS,
  VARIABLE_VALUES,
  VARIABLES,
  VARIABLES_WITH_ARG,
  type Cap,
  type Condition,
  type ConditionGroup,
  type Operator,
  type Rule,
  type Schedule,
  type TagAction,
  type Trigger,
  type Variable,
} from '../../../shared/schema';

const rule = (variable: Variable, operator: Operator, value: string, arg?: string): Rule => ({ type: 'rule', variable, operator, value, ...(arg ? { arg } : {}) });
const all = (...conditions: Condition[]): ConditionGroup => ({ type: 'all', conditions });
const tag = (over: Partial<{ trigger: Trigger; conditions: ConditionGroup; cap: Cap; schedule: Schedule }> = {}) => ({
  trigger: { type: 'pageview' } as Trigger,
  conditions: all(),
  cap: { type: 'unlimited' } as Cap,
  schedule: ALWAYS,
  ...over,
});
const BERLIN = { timeZone: 'Europe/Berlin' };

describe('describeRule: every variable reads as a clause', () => {
  it.each<[Variable, string | undefined, string]>([
    ['page.url', undefined, 'the page address is x'],
    ['page.host', undefined, 'the page host name is x'],
    ['page.path', undefined, 'the page path is x'],
    ['page.query', 'ref', 'the query parameter ref is x'],
    ['page.hash', undefined, 'the page hash is x'],
    ['page.title', undefined, 'the page title is x'],
    ['referrer.url', undefined, 'the referring address is x'],
    ['referrer.host', undefined, 'the referring host name is x'],
    ['utm.source', undefined, 'the campaign source is x'],
    ['utm.medium', undefined, 'the campaign medium is x'],
    ['utm.campaign', undefined, 'the campaign name is x'],
    ['utm.term', undefined, 'the campaign term is x'],
    ['utm.content', undefined, 'the campaign content is x'],
    ['device.type', undefined, 'the device type is x'],
    ['browser', undefined, 'the browser is x'],
    ['os', undefined, 'the operating system is x'],
    ['language', undefined, 'the browser language is x'],
    ['screen.width', undefined, 'the screen width is x'],
    ['visitor.type', undefined, 'the visitor type is x'],
    ['visitor.sessions', undefined, 'the number of sessions so far is x'],
    ['session.pageviews', undefined, 'the number of page views this session is x'],
    ['session.seconds', undefined, 'the time on site this session is x'],
    ['cookie', 'plan', 'the cookie plan is x'],
    ['dataLayer', 'cart.total', 'the data-layer value cart.total is x'],
    ['event', undefined, 'the event is x'],
    ['country', undefined, 'the country is x'],
    ['consent', 'marketing', 'consent for marketing is x'],
    ['sample', undefined, 'the random sample number is x'],
    ['time.weekday', undefined, 'the day is x'],
    ['time.hour', undefined, 'the hour is x'],
  ])('%s (%s) → %s', (variable, arg, expected) => {
    expect(describeRule(rule(variable, 'equals', 'x', arg))).toBe(expected);
  });

  it('covers every variable of the schema', () => {
    expect(Object.keys(VARIABLE_WORDS).sort()).toEqual([...VARIABLES].sort());
  });
});

describe('describeRule: every operator, and its negation for reasons', () => {
  it.each<[Operator, string, string, string]>([
    ['equals', '/a', 'the page path is /a', 'the page path is not /a'],
    ['notEquals', '/a', 'the page path is not /a', 'the page path is /a'],
    ['contains', 'sale', 'the page path contains sale', 'the page path does not contain sale'],
    ['notContains', 'sale', 'the page path does not contain sale', 'the page path contains sale'],
    ['startsWith', '/checkout', 'the page path starts with /checkout', 'the page path does not start with /checkout'],
    ['endsWith', '.html', 'the page path ends with .html', 'the page path does not end with .html'],
    ['wildcard', '/shop/*', 'the page path matches /shop/*', 'the page path does not match /shop/*'],
    ['regex', '^/p/\\d+$', 'the page path matches the pattern ^/p/\\d+$', 'the page path does not match the pattern ^/p/\\d+$'],
    ['inList', '/a, /b\n/c', 'the page path is one of /a, /b or /c', 'the page path is neither /a, /b nor /c'],
    ['inList', '/a', 'the page path is /a', 'the page path is not /a'],
    ['lessThan', '5', 'the page path is less than 5', 'the page path is not less than 5'],
    ['greaterThan', '5', 'the page path is greater than 5', 'the page path is not greater than 5'],
    ['between', '10, 20', 'the page path is between 10 and 20', 'the page path is not between 10 and 20'],
    ['exists', '', 'the page path is set', 'the page path is not set'],
    ['notExists', '', 'the page path is not set', 'the page path is set'],
  ])('%s %j', (operator, value, positive, negative) => {
    expect(describeRule(rule('page.path', operator, value))).toBe(positive);
    expect(describeRule(rule('page.path', operator, value), true)).toBe(negative);
  });

  it.each<[Rule, string]>([
    [rule('screen.width', 'greaterThan', '768'), 'the screen width is greater than 768 px'],
    [rule('session.seconds', 'between', '30, 120'), 'the time on site this session is between 30 seconds and 120 seconds'],
    [rule('browser', 'inList', 'chrome, samsung'), 'the browser is one of Chrome or Samsung Internet'],
    [rule('os', 'equals', 'macos'), 'the operating system is macOS'],
    [rule('time.weekday', 'equals', 'saturday'), 'the day is Saturday'],
    [rule('page.title', 'equals', 'Thank you'), 'the page title is “Thank you”'],
    [rule('page.path', 'equals', ''), 'the page path is …'],
    [rule('page.url', 'contains', 'x'.repeat(80)), `the page address contains ${'x'.repeat(59)}…`],
  ])('words values for people: %j', (r, expected) => {
    expect(describeRule(r)).toBe(expected);
  });

  it('says when a value read from a visit is missing', () => {
    expect(describeValue(rule('dataLayer', 'greaterThan', '5', 'cart.total'), undefined)).toBe('not set');
    expect(describeValue(rule('page.path', 'equals', '/a'), '')).toBe('not set');
    expect(describeValue(rule('screen.width', 'lessThan', '5'), 390)).toBe('390 px');
  });
});

describe('operatorsFor: the builder offers operators that fit the variable', () => {
  it.each(VARIABLES.map((v) => [v]))('%s', (variable) => {
    const ops = operatorsFor(variable);
    expect(ops.every((op) => OPERATORS.includes(op))).toBe(true);
    expect(ops).toContain('equals');
    expect(ops).toContain('exists');
    const numeric = NUMERIC_VARIABLES.includes(variable);
    const free = VARIABLES_WITH_ARG.includes(variable) && variable !== 'consent';
    expect(ops.includes('greaterThan')).toBe(numeric || free);
    expect(ops.includes('contains')).toBe(free || (!numeric && !VARIABLE_VALUES[variable]));
  });

  it('groups every variable under one of the five headings', () => {
    for (const v of VARIABLES) expect(VARIABLE_GROUPS).toContain(VARIABLE_WORDS[v].group);
  });
});

describe('describeTag: the sentence', () => {
  it.each<[string, ReturnType<typeof tag>, string]>([
    ['no conditions', tag(), 'Fires on every page'],
    ['one page rule', tag({ conditions: all(rule('page.path', 'startsWith', '/checkout')) }), 'Fires on pages whose path starts with /checkout'],
    [
      'the issue’s example',
      tag({
        conditions: all(
          rule('page.path', 'startsWith', '/checkout'),
          rule('device.type', 'equals', 'mobile'),
          rule('utm.source', 'equals', 'google'),
          rule('utm.medium', 'equals', 'cpc'),
        ),
        cap: { type: 'window', count: 1, every: 1, unit: 'days' },
        schedule: { start: '2026-12-01T09:00', end: '2026-12-24T23:59', weekdays: [], hours: null },
      }),
      'Fires on pages whose path starts with /checkout, for mobile visitors from google / cpc, at most once per visitor per day, from 1 Dec 09:00 to 24 Dec 23:59 Europe/Berlin',
    ],
    [
      'new visitors on mobile or tablet with other audience rules',
      tag({
        conditions: all(
          rule('device.type', 'inList', 'mobile, tablet'),
          rule('visitor.type', 'equals', 'new'),
          rule('browser', 'equals', 'chrome'),
          rule('cookie', 'exists', '', 'plan'),
        ),
      }),
      'Fires on every page, for new mobile or tablet visitors whose browser is Chrome and whose cookie plan is set',
    ],
    [
      'data layer, time and a sub-group go after "when"',
      tag({
        conditions: all(
          rule('page.host', 'equals', 'shop.example.com'),
          rule('dataLayer', 'greaterThan', '50', 'cart.total'),
          { type: 'any', conditions: [rule('time.weekday', 'equals', 'saturday'), rule('time.weekday', 'equals', 'sunday')] },
        ),
      }),
      'Fires on pages whose host name is shop.example.com, when the data-layer value cart.total is greater than 50 and (the day is Saturday or the day is Sunday)',
    ],
    [
      'any of page rules',
      tag({ conditions: { type: 'any', conditions: [rule('page.path', 'equals', '/a'), rule('page.path', 'equals', '/b')] } }),
      'Fires on pages whose path is /a or whose path is /b',
    ],
    [
      'none of page rules',
      tag({ conditions: { type: 'none', conditions: [rule('page.path', 'startsWith', '/admin')] } }),
      'Fires on every page except those whose path starts with /admin',
    ],
    [
      'none of mixed rules',
      tag({ conditions: { type: 'none', conditions: [rule('country', 'equals', 'US'), rule('page.path', 'equals', '/a')] } }),
      'Fires on every page except where the country is US or the page path is /a',
    ],
    ['empty groups say nothing', tag({ conditions: all({ type: 'any', conditions: [] }) }), 'Fires on every page'],
    [
      'a click trigger with a once-per-visitor cap',
      tag({ trigger: { type: 'click', selector: '#buy' }, conditions: all(rule('page.path', 'startsWith', '/product')), cap: { type: 'visitor' } }),
      'Fires on a click on #buy, on pages whose path starts with /product, at most once per visitor',
    ],
    ['a trigger on every page', tag({ trigger: { type: 'event', name: 'purchase' } }), 'Fires on the event purchase'],
    [
      'day-parting only',
      tag({ schedule: { start: null, end: null, weekdays: [1, 2, 3, 4, 5], hours: { from: 9, to: 17 } } }),
      'Fires on every page, on weekdays between 09:00 and 17:00 Europe/Berlin',
    ],
  ])('%s', (_name, t, expected) => {
    expect(describeTag(t, BERLIN)).toBe(expected);
  });

  it('keeps the console’s conditions-only sentence', () => {
    expect(describeConditions(all(rule('page.path', 'startsWith', '/checkout')))).toBe('Fires on pages whose path starts with /checkout');
  });
});

describe('triggerPhrase: every trigger', () => {
  it.each<[Trigger, string]>([
    [{ type: 'pageview' }, 'Fires on every page view'],
    [{ type: 'domReady' }, 'Fires when the page content is ready'],
    [{ type: 'load' }, 'Fires when the page has fully loaded'],
    [{ type: 'click', selector: '.add-to-cart' }, 'Fires on a click on .add-to-cart'],
    [{ type: 'submit', selector: 'form#signup' }, 'Fires when a form matching form#signup is submitted'],
    [{ type: 'event', name: 'purchase' }, 'Fires on the event purchase'],
    [{ type: 'history' }, 'Fires on each page change inside a single-page app'],
    [{ type: 'timer', seconds: 1 }, 'Fires after 1 second on a page'],
    [{ type: 'timer', seconds: 30 }, 'Fires after 30 seconds on a page'],
    [{ type: 'scroll', percent: 75 }, 'Fires when a visitor scrolls 75% down a page'],
    [{ type: 'visible', selector: '#newsletter' }, 'Fires when #newsletter comes into view'],
  ])('%j', (trigger, expected) => {
    expect(triggerPhrase(trigger)).toBe(expected);
  });
});

describe('describeCap: every cap', () => {
  it.each<[Cap, string]>([
    [{ type: 'unlimited' }, ''],
    [{ type: 'page' }, 'at most once per page view'],
    [{ type: 'session' }, 'at most once per session'],
    [{ type: 'visitor' }, 'at most once per visitor'],
    [{ type: 'window', count: 1, every: 1, unit: 'days' }, 'at most once per visitor per day'],
    [{ type: 'window', count: 2, every: 1, unit: 'hours' }, 'at most twice per visitor per hour'],
    [{ type: 'window', count: 5, every: 12, unit: 'hours' }, 'at most 5 times per visitor every 12 hours'],
    [{ type: 'window', count: 3, every: 7, unit: 'days' }, 'at most 3 times per visitor every 7 days'],
  ])('%j', (cap, expected) => {
    expect(describeCap(cap)).toBe(expected);
  });
});

describe('describeSchedule: wall-clock times in the site’s zone', () => {
  const s = (over: Partial<Schedule>): Schedule => ({ ...ALWAYS, ...over });
  it.each<[Schedule, string, number | undefined, string]>([
    [ALWAYS, 'Europe/Berlin', undefined, ''],
    [s({ start: '2026-12-01T09:00' }), 'Europe/Berlin', undefined, 'from 1 Dec 09:00 Europe/Berlin'],
    [s({ end: '2026-12-24T23:59' }), 'America/New_York', undefined, 'until 24 Dec 23:59 America/New_York'],
    [s({ start: '2026-12-20T00:00', end: '2027-01-06T00:00' }), 'UTC', undefined, 'from 20 Dec 2026 00:00 to 6 Jan 2027 00:00 UTC'],
    [s({ start: '2027-03-01T09:00' }), 'Europe/Berlin', Date.UTC(2026, 5, 1), 'from 1 Mar 2027 09:00 Europe/Berlin'],
    [s({ start: '2026-03-01T09:00' }), 'Europe/Berlin', Date.UTC(2026, 5, 1), 'from 1 Mar 09:00 Europe/Berlin'],
    [s({ weekdays: [0, 6] }), 'Europe/Berlin', undefined, 'at weekends (Europe/Berlin time)'],
    [s({ weekdays: [5, 1, 3] }), 'Europe/Berlin', undefined, 'on Mondays, Wednesdays and Fridays (Europe/Berlin time)'],
    [s({ weekdays: [0, 1, 2, 3, 4, 5, 6] }), 'Europe/Berlin', undefined, ''],
    [s({ hours: { from: 18, to: 24 } }), 'Europe/Berlin', undefined, 'between 18:00 and midnight Europe/Berlin'],
    [
      s({ start: '2026-12-01T09:00', end: '2026-12-24T23:59', weekdays: [1, 2, 3, 4, 5], hours: { from: 9, to: 17 } }),
      'Europe/Berlin',
      undefined,
      'from 1 Dec 09:00 to 24 Dec 23:59, on weekdays between 09:00 and 17:00 Europe/Berlin',
    ],
  ])('%j in %s', (schedule, zone, now, expected) => {
    expect(describeSchedule(schedule, zone, now)).toBe(expected);
  });
});

describe('describeAction: every kind', () => {
  it.each<[TagAction, string]>([
    [{ kind: 'image', url: 'https://pixel.example.com/p?u={{page_url}}' }, 'Loads an image pixel from pixel.example.com'],
    [{ kind: 'image', url: '' }, 'Loads an image pixel: add its address'],
    [{ kind: 'script', src: 'https://cdn.vendor.com/tag.js' }, 'Loads a script from cdn.vendor.com'],
    [{ kind: 'html', html: '<script>1</script>' }, 'Adds custom HTML to the page, which can run any code'],
    [
      { kind: 'meta', pixelId: '123456789', event: 'Purchase', value: '{{dl.order.value}}', currency: 'EUR' },
      'Sends the Meta Pixel event Purchase to pixel 123456789 worth {{dl.order.value}} EUR',
    ],
    [{ kind: 'googleAds', conversionId: 'AW-12345', label: 'abc', value: '', currency: '' }, 'Reports a Google Ads conversion to AW-12345 (label abc)'],
    [{ kind: 'tiktok', pixelId: 'C4ABCDEFGHIJ', event: 'CompletePayment' }, 'Sends the TikTok Pixel event CompletePayment to pixel C4ABCDEFGHIJ'],
    [{ kind: 'linkedin', partnerId: '123', conversionId: '' }, 'Sends LinkedIn Insight page views to partner 123'],
    [{ kind: 'linkedin', partnerId: '123', conversionId: '456' }, 'Sends LinkedIn Insight page views to partner 123 and conversion 456'],
  ])('%j', (action, expected) => {
    expect(describeAction(action)).toBe(expected);
  });
});
