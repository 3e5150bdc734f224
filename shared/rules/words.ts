// The words of the rule language as a marketer reads them: variable, operator, trigger, cap,
// consent and tag-kind names, grouped for the console's pickers and reused by the describer.
import type { TagKind } from '../schema/actions';
import type { GroupType, Operator, Variable } from '../schema/rules';
import { NUMERIC_VARIABLES, OPERATORS, VARIABLE_VALUES } from '../schema/vocabulary';
import type { Cap, ConsentCategory, Trigger } from '../schema/targeting';

export const VARIABLE_GROUPS = ['Page', 'Referrer & campaign', 'Visitor & device', 'Data & consent', 'Time'] as const;
export type VariableGroup = (typeof VARIABLE_GROUPS)[number];

/**
 * Where a rule about the variable goes in a sentence: `page` after "pages whose …", `visitor`
 * after "visitors whose …", `context` after "when …".
 */
export type Scope = 'page' | 'visitor' | 'context';

export interface VariableWords {
  /** What the builder's select shows. */
  label: string;
  group: VariableGroup;
  scope: Scope;
  /** The noun after "pages whose" or "visitors whose": "path", "browser". */
  whose: (arg: string) => string;
  /** The noun phrase after "when" or at the start of a reason: "the page path". */
  subject: (arg: string) => string;
  /** A value a person might compare with, for the value input's placeholder. */
  example: string;
  /** Said after numbers: "768 px". */
  unit?: string;
  /** For variables that read a named thing: the label and an example of the name. */
  arg?: { label: string; placeholder: string; description: string };
}

const page = (label: string, noun: string, example: string): VariableWords => ({
  label,
  group: 'Page',
  scope: 'page',
  whose: () => noun,
  subject: () => `the page ${noun}`,
  example,
});
const visitor = (label: string, group: VariableGroup, noun: string, example: string, unit?: string): VariableWords => ({
  label,
  group,
  scope: 'visitor',
  whose: () => noun,
  subject: () => `the ${noun}`,
  example,
  ...(unit ? { unit } : {}),
});
const campaign = (field: string, noun: string, example: string) => visitor(`Campaign ${noun} (utm_${field})`, 'Referrer & campaign', `campaign ${noun}`, example);

export const VARIABLE_WORDS: Record<Variable, VariableWords> = {
  'page.url': page('Page address (full URL)', 'address', 'https://shop.example.com/sale'),
  'page.host': page('Page host name', 'host name', 'shop.example.com'),
  'page.path': page('Page path', 'path', '/checkout'),
  'page.query': {
    label: 'Query parameter',
    group: 'Page',
    scope: 'page',
    whose: (arg) => `query parameter ${arg}`,
    subject: (arg) => `the query parameter ${arg}`,
    example: 'newsletter',
    arg: { label: 'Parameter name', placeholder: 'ref', description: 'The name after ? or & in the address' },
  },
  'page.hash': page('Page hash (after #)', 'hash', 'reviews'),
  'page.title': page('Page title', 'title', 'Thank you'),
  'referrer.url': visitor('Referrer address (full URL)', 'Referrer & campaign', 'referring address', 'https://www.google.com/'),
  'referrer.host': visitor('Referrer host name', 'Referrer & campaign', 'referring host name', 'www.google.com'),
  'utm.source': campaign('source', 'source', 'google'),
  'utm.medium': campaign('medium', 'medium', 'cpc'),
  'utm.campaign': campaign('campaign', 'name', 'black-friday'),
  'utm.term': campaign('term', 'term', 'running shoes'),
  'utm.content': campaign('content', 'content', 'banner-a'),
  'device.type': visitor('Device type', 'Visitor & device', 'device type', 'mobile'),
  browser: visitor('Browser', 'Visitor & device', 'browser', 'chrome'),
  os: visitor('Operating system', 'Visitor & device', 'operating system', 'ios'),
  language: visitor('Browser language', 'Visitor & device', 'browser language', 'de-DE'),
  'screen.width': visitor('Screen width (pixels)', 'Visitor & device', 'screen width', '768', 'px'),
  'visitor.type': visitor('New or returning visitor', 'Visitor & device', 'visitor type', 'new'),
  'visitor.sessions': visitor('Sessions so far', 'Visitor & device', 'number of sessions so far', '3'),
  'session.pageviews': visitor('Page views this session', 'Visitor & device', 'number of page views this session', '2'),
  'session.seconds': visitor('Time on site this session (seconds)', 'Visitor & device', 'time on site this session', '60', 'seconds'),
  country: visitor('Country (two-letter code)', 'Visitor & device', 'country', 'DE'),
  sample: visitor('Random sample (0–99)', 'Visitor & device', 'random sample number', '10'),
  cookie: {
    label: 'Cookie',
    group: 'Data & consent',
    scope: 'visitor',
    whose: (arg) => `cookie ${arg}`,
    subject: (arg) => `the cookie ${arg}`,
    example: 'yes',
    arg: { label: 'Cookie name', placeholder: 'plan', description: 'The name of the cookie to read' },
  },
  dataLayer: {
    label: 'Data-layer value',
    group: 'Data & consent',
    scope: 'context',
    whose: (arg) => `data-layer value ${arg}`,
    subject: (arg) => `the data-layer value ${arg}`,
    example: '100',
    arg: { label: 'Data-layer path', placeholder: 'cart.total', description: 'Dots go into objects: cart.total' },
  },
  event: {
    label: 'Event name',
    group: 'Data & consent',
    scope: 'context',
    whose: () => 'event',
    subject: () => 'the event',
    example: 'purchase',
  },
  consent: {
    label: 'Consent for a category',
    group: 'Data & consent',
    scope: 'context',
    whose: (arg) => `consent for ${arg}`,
    subject: (arg) => `consent for ${arg}`,
    example: 'granted',
    arg: { label: 'Consent category', placeholder: 'marketing', description: 'analytics, marketing, preferences or your own' },
  },
  'time.weekday': {
    label: 'Day of the week',
    group: 'Time',
    scope: 'context',
    whose: () => 'day',
    subject: () => 'the day',
    example: 'saturday',
  },
  'time.hour': {
    label: 'Hour of the day (0–23)',
    group: 'Time',
    scope: 'context',
    whose: () => 'hour',
    subject: () => 'the hour',
    example: '9',
  },
};

/** What the builder's operator select shows. */
export const OPERATOR_LABELS: Record<Operator, string> = {
  equals: 'equals',
  notEquals: 'does not equal',
  contains: 'contains',
  notContains: 'does not contain',
  startsWith: 'starts with',
  endsWith: 'ends with',
  wildcard: 'matches wildcard (/shop/*)',
  regex: 'matches pattern (regex)',
  inList: 'is one of',
  lessThan: 'is less than',
  greaterThan: 'is greater than',
  between: 'is between',
  exists: 'exists',
  notExists: 'does not exist',
};

const TEXT_OPERATORS: readonly Operator[] = ['equals', 'notEquals', 'contains', 'notContains', 'startsWith', 'endsWith', 'wildcard', 'regex', 'inList', 'exists', 'notExists'];
const NUMBER_OPERATORS: readonly Operator[] = ['equals', 'notEquals', 'lessThan', 'greaterThan', 'between', 'inList', 'exists', 'notExists'];
const CHOICE_OPERATORS: readonly Operator[] = ['equals', 'notEquals', 'inList', 'exists', 'notExists'];
/** Values read by name (a query parameter, a cookie, a data-layer path) may hold text or numbers. */
const FREE_VARIABLES: readonly Variable[] = ['page.query', 'cookie', 'dataLayer'];

/** The operators that make sense for a variable, in the order the builder lists them. */
export function operatorsFor(variable: Variable): readonly Operator[] {
  if (FREE_VARIABLES.includes(variable)) return OPERATORS;
  if (NUMERIC_VARIABLES.includes(variable)) return NUMBER_OPERATORS;
  if (VARIABLE_VALUES[variable]) return CHOICE_OPERATORS;
  return TEXT_OPERATORS;
}

const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** How an enumerated value reads ("macos" → "macOS"); other values read as typed. */
export const VALUE_LABELS: Partial<Record<Variable, Record<string, string>>> = {
  browser: { chrome: 'Chrome', edge: 'Edge', firefox: 'Firefox', safari: 'Safari', opera: 'Opera', samsung: 'Samsung Internet', other: 'another browser' },
  os: { windows: 'Windows', macos: 'macOS', ios: 'iOS', android: 'Android', linux: 'Linux', chromeos: 'ChromeOS', other: 'another system' },
  'time.weekday': Object.fromEntries((VARIABLE_VALUES['time.weekday'] ?? []).map((day) => [day, capital(day)])),
};

export function valueLabel(variable: Variable, value: string): string {
  return VALUE_LABELS[variable]?.[value.trim().toLowerCase()] ?? value;
}

/** How a group's match type reads in the builder. */
export const GROUP_LABELS: Record<GroupType, string> = {
  all: 'all of these are true',
  any: 'any of these is true',
  none: 'none of these is true',
};

/** What the trigger picker shows. */
export const TRIGGER_LABELS: Record<Trigger['type'], string> = {
  pageview: 'Page view',
  domReady: 'Page content ready (DOM ready)',
  load: 'Page fully loaded',
  click: 'Click on an element',
  submit: 'Form submitted',
  event: 'Custom event pushed by the site',
  history: 'Page change in a single-page app',
  timer: 'Time spent on the page',
  scroll: 'Scrolled down the page',
  visible: 'Element comes into view',
};

/** Triggers that fire as the page loads; the others wait for something the visitor or the site does. */
export const PAGE_LOAD_TRIGGERS: readonly Trigger['type'][] = ['pageview', 'domReady', 'load'];

export const CAP_LABELS: Record<Cap['type'], string> = {
  unlimited: 'Every time',
  page: 'Once per page view',
  session: 'Once per session',
  visitor: 'Once per visitor',
  window: 'At most a number of times per period',
};

export const CONSENT_CATEGORY_LABELS: Record<ConsentCategory, string> = {
  necessary: 'Necessary (always allowed)',
  analytics: 'Analytics',
  marketing: 'Marketing',
  preferences: 'Preferences',
};

export const KIND_LABELS: Record<TagKind, string> = {
  image: 'Image pixel',
  script: 'Script',
  html: 'Custom HTML',
  meta: 'Meta Pixel',
  googleAds: 'Google Ads conversion',
  tiktok: 'TikTok Pixel',
  linkedin: 'LinkedIn Insight',
};

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
export const WEEKDAY_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
