// The rule language: variables, operators and condition trees. Every rule is validated by
// these schemas on save, on import and in the console form.
import { z } from 'zod';
import { regexProblem } from '../rules/regex';

/** Variables the runtime can read. `arg` names the parameter, cookie, data-layer path or consent category where one is needed. */
export const VARIABLES = [
  'page.url',
  'page.host',
  'page.path',
  'page.query',
  'page.hash',
  'page.title',
  'referrer.url',
  'referrer.host',
  'utm.source',
  'utm.medium',
  'utm.campaign',
  'utm.term',
  'utm.content',
  'device.type',
  'browser',
  'os',
  'language',
  'screen.width',
  'visitor.type',
  'visitor.sessions',
  'session.pageviews',
  'session.seconds',
  'cookie',
  'dataLayer',
  'event',
  'country',
  'consent',
  'sample',
  'time.weekday',
  'time.hour',
] as const;
export const Variable = z.enum(VARIABLES, { error: () => 'Choose a variable from the list' });
export type Variable = z.infer<typeof Variable>;

/** Variables whose rules need an argument (a query parameter, a cookie, a data-layer path, a consent category). */
export const VARIABLES_WITH_ARG: readonly Variable[] = ['page.query', 'cookie', 'dataLayer', 'consent'];

/** Compared case-insensitively: host names, campaign tags and the runtime's own words. */
export const CASE_INSENSITIVE_VARIABLES: readonly Variable[] = [
  'page.host',
  'referrer.host',
  'utm.source',
  'utm.medium',
  'utm.campaign',
  'utm.term',
  'utm.content',
  'device.type',
  'browser',
  'os',
  'language',
  'visitor.type',
  'country',
  'consent',
  'time.weekday',
];

/** Variables whose values are numbers. */
export const NUMERIC_VARIABLES: readonly Variable[] = [
  'screen.width',
  'visitor.sessions',
  'session.pageviews',
  'session.seconds',
  'sample',
  'time.hour',
];

/** The words each enumerated variable can take, so the console can offer them and tests can cover them. */
export const VARIABLE_VALUES: Partial<Record<Variable, readonly string[]>> = {
  'device.type': ['mobile', 'tablet', 'desktop'],
  browser: ['chrome', 'edge', 'firefox', 'safari', 'opera', 'samsung', 'other'],
  os: ['windows', 'macos', 'ios', 'android', 'linux', 'chromeos', 'other'],
  'visitor.type': ['new', 'returning'],
  consent: ['granted', 'denied'],
  'time.weekday': ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'],
};

export const OPERATORS = [
  'equals',
  'notEquals',
  'contains',
  'notContains',
  'startsWith',
  'endsWith',
  'wildcard',
  'regex',
  'inList',
  'lessThan',
  'greaterThan',
  'between',
  'exists',
  'notExists',
] as const;
export const Operator = z.enum(OPERATORS, { error: () => 'Choose an operator from the list' });
export type Operator = z.infer<typeof Operator>;

/** Operators that take no value. */
export const VALUELESS_OPERATORS: readonly Operator[] = ['exists', 'notExists'];
export const NUMERIC_OPERATORS: readonly Operator[] = ['lessThan', 'greaterThan', 'between'];

/** `between` takes "min, max" (both included). */
export function parseRange(value: string): [number, number] | null {
  const parts = value.split(',').map((p) => p.trim());
  if (parts.length !== 2 || parts.some((p) => p === '')) return null;
  const [min, max] = parts.map(Number) as [number, number];
  return Number.isFinite(min) && Number.isFinite(max) && min <= max ? [min, max] : null;
}

export const MAX_RULE_VALUE_LENGTH = 1000;

export const Rule = z
  .object({
    type: z.literal('rule'),
    variable: Variable,
    arg: z.string().trim().max(200, 'Keep the name under 200 characters').optional(),
    operator: Operator,
    value: z.string().max(MAX_RULE_VALUE_LENGTH, `Keep the value under ${MAX_RULE_VALUE_LENGTH} characters`),
  })
  .superRefine((rule, ctx) => {
    if (VARIABLES_WITH_ARG.includes(rule.variable) && !rule.arg) {
      ctx.addIssue({ code: 'custom', path: ['arg'], message: 'Say which parameter, cookie or data-layer path to read' });
    }
    if (!VALUELESS_OPERATORS.includes(rule.operator) && rule.value === '') {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'Enter a value to compare with' });
    }
    if (rule.operator === 'between') {
      if (!parseRange(rule.value)) ctx.addIssue({ code: 'custom', path: ['value'], message: 'Enter two numbers, lowest first, like 10, 20' });
    } else if (NUMERIC_OPERATORS.includes(rule.operator) && (rule.value.trim() === '' || !Number.isFinite(Number(rule.value)))) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'Enter a number' });
    }
    if (rule.operator === 'regex') {
      const problem = regexProblem(rule.value);
      if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
    }
  });
export type Rule = z.infer<typeof Rule>;

export const GROUP_TYPES = ['all', 'any', 'none'] as const;
export type GroupType = (typeof GROUP_TYPES)[number];
export type ConditionGroup = { type: GroupType; conditions: Condition[] };
export type Condition = Rule | ConditionGroup;

export const MAX_CONDITIONS_PER_GROUP = 50;

const GroupShape = z.object({
  type: z.enum(GROUP_TYPES),
  get conditions(): z.ZodArray<typeof ConditionShape> {
    return z.array(ConditionShape).max(MAX_CONDITIONS_PER_GROUP, `At most ${MAX_CONDITIONS_PER_GROUP} conditions per group`);
  },
});
// A discriminated union, so an error points into the rule or group it concerns.
const ConditionShape = z.discriminatedUnion('type', [Rule, GroupShape]);

export const ConditionGroup = GroupShape as unknown as z.ZodType<ConditionGroup>;
export const Condition = ConditionShape as unknown as z.ZodType<Condition>;

/** The tree a new tag starts with: fires everywhere. */
export const EMPTY_CONDITIONS: ConditionGroup = { type: 'all', conditions: [] };
