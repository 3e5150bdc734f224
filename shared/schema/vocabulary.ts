// The words of the rule language as plain constants: variables, operators and their groupings.
// Kept free of zod so the preview's debug panel can bundle the describer without the validators;
// rules.ts builds the schemas from these.
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
export type Variable = (typeof VARIABLES)[number];

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
export type Operator = (typeof OPERATORS)[number];

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
