import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_REGEX_LENGTH, regexProblem } from '../../../shared/rules/regex';

describe('regexProblem', () => {
  it.each([
    '^/checkout/(step-\\d+|done)$',
    '^/product/[a-z0-9-]+$',
    '(?:utm_source|gclid)=',
    '^https?://(www\\.)?example\\.com/',
    '[(]+',
    '(ab)+c',
    '(?<lang>[a-z]{2})/shop',
    '\\d{2,}-\\d+',
    'a(b|c)d',
    '((a))+',
    '(a{3})+',
    'a{',
    '(a|b)?',
  ])('accepts %s', (pattern) => {
    expect(regexProblem(pattern)).toBeNull();
  });

  it.each([
    ['(a+)+$', /exponential/],
    ['(a*)*b', /exponential/],
    ['(a|aa)+$', /exponential/],
    ['(.*a){2,}x', /exponential/],
    ['((ab)*c)+', /exponential/],
    ['(?:\\d+)*x', /exponential/],
    ['(x+x+)+y', /exponential/],
    ['(a|b)*?c', /exponential/],
    ['(a)\\1', /Back-references/],
    ['(', /not a valid pattern/],
    ['x'.repeat(MAX_REGEX_LENGTH + 1), /under 200 characters/],
  ])('refuses %s and says why', (pattern, reason) => {
    expect(regexProblem(pattern)).toMatch(reason);
  });

  it('never throws, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '(', ')', '|', '*', '+', '?', '{', '}', '1', ',', '[', ']', '\\', '^', '<', '>', ':', '=') }), (pattern) => {
        const problem = regexProblem(pattern);
        expect(problem === null || typeof problem === 'string').toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it.each(['(a|b)*c', '(a+b)+c', '(a?)+', '(a{1,3})+'])('refuses the repeated group %s whose inside repeats or alternates', (pattern) => {
    expect(regexProblem(pattern)).not.toBeNull();
  });
});
