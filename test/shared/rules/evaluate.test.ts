import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactGroup } from '../../../shared/rules/compact';
import { evaluate, wildcardMatch } from '../../../shared/rules/evaluate';
import { VarCode } from '../../../shared/runtime/keys';
import type { Operator, Rule, Variable } from '../../../shared/schema';

const page: Partial<Record<VarCode, string>> = {
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

const read = (variable: VarCode, arg?: string) =>
  variable === VarCode.PageQuery ? query[arg!] : variable === VarCode.Cookie ? cookies[arg!] : variable === VarCode.DataLayer ? dataLayer[arg!] : page[variable];

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
  ])('%s %s %j (%s) → %s', (variable, operator, value, arg, expected) => {
    expect(holds(variable, operator, value, arg)).toBe(expected);
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
