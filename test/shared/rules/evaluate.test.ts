import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactGroup, VARIABLE_CODES } from '../../../shared/rules/compact';
import { evaluate, wildcardMatch } from '../../../shared/rules/evaluate';
import { CASE_INSENSITIVE_CODES, VarCode } from '../../../shared/runtime/keys';
import { CASE_INSENSITIVE_VARIABLES, VARIABLES, type Operator, type Rule, type Variable } from '../../../shared/schema';

const page: Partial<Record<VarCode, string | number>> = {
  [VarCode.UtmSource]: 'Google',
  [VarCode.UtmMedium]: 'cpc',
  [VarCode.UtmCampaign]: 'xmas-2026',
  [VarCode.UtmTerm]: 'running shoes',
  [VarCode.UtmContent]: 'banner-a',
  [VarCode.DeviceType]: 'mobile',
  [VarCode.Browser]: 'safari',
  [VarCode.Os]: 'ios',
  [VarCode.Language]: 'de-DE',
  [VarCode.ScreenWidth]: 390,
  [VarCode.VisitorType]: 'returning',
  [VarCode.VisitorSessions]: 3,
  [VarCode.SessionPageviews]: 5,
  [VarCode.SessionSeconds]: 125,
  [VarCode.Event]: 'purchase',
  [VarCode.Country]: 'DE',
  [VarCode.Sample]: 42,
  [VarCode.Weekday]: 'monday',
  [VarCode.Hour]: 9,
  [VarCode.PageUrl]: 'https://Shop.example.com/checkout/step-2?utm_source=google#pay',
  [VarCode.PageHost]: 'Shop.Example.com',
  [VarCode.PagePath]: '/checkout/step-2',
  [VarCode.PageHash]: 'pay',
  [VarCode.PageTitle]: 'Checkout – Shop',
  [VarCode.ReferrerUrl]: 'https://www.google.com/search?q=shoes',
  [VarCode.ReferrerHost]: 'www.google.com',
};
const query: Record<string, string> = { utm_source: 'google' };
const cookies: Record<string, string> = { plan: 'pro' };
const dataLayer: Record<string, string | number> = { 'cart.total': 42, 'user.tier': 'gold' };
const consent: Record<string, string> = { marketing: 'granted', analytics: 'denied' };

const read = (variable: VarCode, arg?: string) =>
  variable === VarCode.PageQuery
    ? query[arg!]
    : variable === VarCode.Cookie
      ? cookies[arg!]
      : variable === VarCode.DataLayer
        ? dataLayer[arg!]
        : variable === VarCode.Consent
          ? consent[arg!]
          : page[variable];

const holds = (variable: Variable, operator: Operator, value: string, arg?: string) =>
  evaluate(compactGroup({ type: 'all', conditions: [{ type: 'rule', variable, operator, value, ...(arg ? { arg } : {}) } as Rule] }), read);

describe('evaluate: every variable with the operators that apply to it', () => {
  it.each<[Variable, Operator, string, string | undefined, boolean]>([
    ['page.url', 'contains', 'utm_source=google', undefined, true],
    ['page.url', 'startsWith', 'https://', undefined, true],
    ['page.url', 'equals', 'https://shop.example.com/', undefined, false],
    ['page.host', 'equals', 'shop.example.com', undefined, true],
    ['page.host', 'equals', 'SHOP.EXAMPLE.COM', undefined, true],
    ['page.host', 'endsWith', '.example.com', undefined, true],
    ['page.host', 'notEquals', 'shop.example.com', undefined, false],
    ['page.host', 'inList', 'blog.example.com, shop.example.com', undefined, true],
    ['page.path', 'equals', '/checkout/step-2', undefined, true],
    ['page.path', 'equals', '/Checkout/step-2', undefined, false],
    ['page.path', 'startsWith', '/checkout', undefined, true],
    ['page.path', 'startsWith', '/cart', undefined, false],
    ['page.path', 'contains', 'step', undefined, true],
    ['page.path', 'endsWith', '-2', undefined, true],
    ['page.path', 'wildcard', '/checkout/*', undefined, true],
    ['page.path', 'wildcard', '/checkout', undefined, false],
    ['page.path', 'wildcard', '/*/step-*', undefined, true],
    ['page.path', 'wildcard', '/shop/*', undefined, false],
    ['page.path', 'inList', '/a\n/checkout/step-2\n/b', undefined, true],
    ['page.path', 'notEquals', '/', undefined, true],
    ['page.query', 'equals', 'google', 'utm_source', true],
    ['page.query', 'exists', '', 'utm_source', true],
    ['page.query', 'exists', '', 'utm_medium', false],
    ['page.query', 'notExists', '', 'utm_medium', true],
    ['page.query', 'notEquals', 'bing', 'utm_medium', true],
    ['page.hash', 'equals', 'pay', undefined, true],
    ['page.title', 'contains', 'Checkout', undefined, true],
    ['referrer.url', 'contains', 'google.com/search', undefined, true],
    ['referrer.host', 'equals', 'WWW.GOOGLE.COM', undefined, true],
    ['referrer.host', 'wildcard', '*.google.com', undefined, true],
    ['cookie', 'equals', 'pro', 'plan', true],
    ['cookie', 'exists', '', 'missing', false],
    ['dataLayer', 'greaterThan', '40', 'cart.total', true],
    ['dataLayer', 'lessThan', '40', 'cart.total', false],
    ['dataLayer', 'lessThan', '40', 'cart.missing', false],
    ['dataLayer', 'greaterThan', '-1', 'user.tier', false],
    ['dataLayer', 'equals', 'gold', 'user.tier', true],
    ['dataLayer', 'between', '40, 50', 'cart.total', true],
    ['dataLayer', 'between', '43, 50', 'cart.total', false],
    ['page.path', 'notContains', 'cart', undefined, true],
    ['page.path', 'notContains', 'checkout', undefined, false],
    ['page.query', 'notContains', 'x', 'utm_medium', true],
    ['page.path', 'regex', '^/checkout/step-\\d+$', undefined, true],
    ['page.path', 'regex', '^/cart', undefined, false],
    ['page.host', 'regex', '^SHOP\\.', undefined, true],
    ['utm.source', 'equals', 'google', undefined, true],
    ['utm.source', 'equals', 'GOOGLE', undefined, true],
    ['utm.medium', 'inList', 'cpc, ppc', undefined, true],
    ['utm.campaign', 'startsWith', 'xmas', undefined, true],
    ['utm.term', 'contains', 'shoes', undefined, true],
    ['utm.content', 'equals', 'banner-b', undefined, false],
    ['device.type', 'equals', 'mobile', undefined, true],
    ['device.type', 'inList', 'tablet, desktop', undefined, false],
    ['browser', 'equals', 'Safari', undefined, true],
    ['os', 'notEquals', 'android', undefined, true],
    ['language', 'startsWith', 'de', undefined, true],
    ['screen.width', 'lessThan', '768', undefined, true],
    ['screen.width', 'between', '768, 1024', undefined, false],
    ['visitor.type', 'equals', 'returning', undefined, true],
    ['visitor.sessions', 'greaterThan', '2', undefined, true],
    ['session.pageviews', 'between', '1, 5', undefined, true],
    ['session.seconds', 'greaterThan', '120', undefined, true],
    ['event', 'equals', 'purchase', undefined, true],
    ['country', 'inList', 'de, at, ch', undefined, true],
    ['country', 'equals', 'FR', undefined, false],
    ['consent', 'equals', 'granted', 'marketing', true],
    ['consent', 'equals', 'granted', 'analytics', false],
    ['consent', 'notExists', '', 'preferences', true],
    ['sample', 'lessThan', '50', undefined, true],
    ['sample', 'between', '0, 9', undefined, false],
    ['time.weekday', 'inList', 'monday, tuesday', undefined, true],
    ['time.hour', 'between', '9, 17', undefined, true],
    ['time.hour', 'lessThan', '9', undefined, false],
  ])('%s %s %j (%s) → %s', (variable, operator, value, arg, expected) => {
    expect(holds(variable, operator, value, arg)).toBe(expected);
  });
});

describe('the rule language and the evaluator agree', () => {
  it('every variable has a compact code, and the case-insensitive ones are compared that way', () => {
    expect(new Set(Object.values(VARIABLE_CODES)).size).toBe(VARIABLES.length);
    const insensitive = CASE_INSENSITIVE_VARIABLES.map((v) => VARIABLE_CODES[v]).sort().join('');
    expect(insensitive).toBe(CASE_INSENSITIVE_CODES.split('').sort().join(''));
  });

  it('every variable is read by the table above', () => {
    for (const variable of VARIABLES) {
      const code = VARIABLE_CODES[variable];
      const arg = variable === 'page.query' ? 'utm_source' : variable === 'cookie' ? 'plan' : variable === 'dataLayer' ? 'cart.total' : variable === 'consent' ? 'marketing' : undefined;
      expect(read(code, arg), variable).not.toBeUndefined();
    }
  });
});

describe('evaluate: groups', () => {
  const yes = { type: 'rule', variable: 'page.path', operator: 'startsWith', value: '/checkout' } as const;
  const no = { type: 'rule', variable: 'page.path', operator: 'startsWith', value: '/cart' } as const;
  it.each([
    ['all', [yes, yes], true],
    ['all', [yes, no], false],
    ['any', [no, yes], true],
    ['any', [no, no], false],
    ['none', [no, no], true],
    ['none', [no, yes], false],
    ['all', [], true],
    ['any', [], true],
    ['none', [], true],
  ] as const)('%s of %j', (type, conditions, expected) => {
    expect(evaluate(compactGroup({ type, conditions: [...conditions] }), read)).toBe(expected);
  });

  it('nests groups', () => {
    const tree = { type: 'all', conditions: [yes, { type: 'none', conditions: [no] }, { type: 'any', conditions: [no, yes] }] } as const;
    expect(evaluate(compactGroup(structuredClone(tree) as never), read)).toBe(true);
  });
});

describe('wildcardMatch', () => {
  it('agrees with an anchored regular expression built from the pattern', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '/', '*') }), fc.string({ unit: fc.constantFrom('a', 'b', '/') }), (pattern, text) => {
        const regex = new RegExp('^' + pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('.*') + '$');
        expect(wildcardMatch(text, pattern)).toBe(regex.test(text));
      }),
      { numRuns: 2000 },
    );
  });
});
