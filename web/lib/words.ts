// The words the console uses for the rule language: variable and operator names as a marketer
// reads them, grouped for the condition builder and reused by the describer.
import type { GroupType, Operator, Variable } from '../../shared/schema';

export interface VariableWords {
  /** What the builder's select shows. */
  label: string;
  group: 'Page' | 'Referrer' | 'Visitor storage and data';
  /** Used after "pages whose …"; absent for variables that are not about the page. */
  whose?: (arg: string) => string;
  /** Used after "where …". */
  subject: (arg: string) => string;
  /** For variables that read a named thing: the label and an example of the name. */
  arg?: { label: string; placeholder: string; description: string };
}

export const VARIABLE_WORDS: Record<Variable, VariableWords> = {
  'page.url': { label: 'Page address (full URL)', group: 'Page', whose: () => 'address', subject: () => 'the page address' },
  'page.host': { label: 'Page host name', group: 'Page', whose: () => 'host name', subject: () => 'the page host name' },
  'page.path': { label: 'Page path', group: 'Page', whose: () => 'path', subject: () => 'the page path' },
  'page.query': {
    label: 'Query parameter',
    group: 'Page',
    whose: (arg) => `query parameter ${arg}`,
    subject: (arg) => `the query parameter ${arg}`,
    arg: { label: 'Parameter name', placeholder: 'utm_source', description: 'The name after ? or & in the address' },
  },
  'page.hash': { label: 'Page hash (after #)', group: 'Page', whose: () => 'hash', subject: () => 'the page hash' },
  'page.title': { label: 'Page title', group: 'Page', whose: () => 'title', subject: () => 'the page title' },
  'referrer.url': { label: 'Referrer address (full URL)', group: 'Referrer', subject: () => 'the referring address' },
  'referrer.host': { label: 'Referrer host name', group: 'Referrer', subject: () => 'the referring host name' },
  cookie: {
    label: 'Cookie',
    group: 'Visitor storage and data',
    subject: (arg) => `the cookie ${arg}`,
    arg: { label: 'Cookie name', placeholder: 'consent', description: 'The name of the cookie to read' },
  },
  dataLayer: {
    label: 'Data-layer value',
    group: 'Visitor storage and data',
    subject: (arg) => `the data-layer value ${arg}`,
    arg: { label: 'Data-layer path', placeholder: 'cart.total', description: 'Dots go into objects: cart.total' },
  },
};

/** What the builder's operator select shows. */
export const OPERATOR_LABELS: Record<Operator, string> = {
  equals: 'equals',
  notEquals: 'does not equal',
  contains: 'contains',
  startsWith: 'starts with',
  endsWith: 'ends with',
  wildcard: 'matches wildcard (/shop/*)',
  inList: 'is one of',
  lessThan: 'is less than',
  greaterThan: 'is greater than',
  exists: 'exists',
  notExists: 'does not exist',
};

/** How a group's match type reads in the builder. */
export const GROUP_LABELS: Record<GroupType, string> = {
  all: 'all of these are true',
  any: 'any of these is true',
  none: 'none of these is true',
};

export const ROLE_WORDS = {
  owner: 'Owner',
  admin: 'Admin',
  publisher: 'Publisher',
  editor: 'Editor',
  viewer: 'Viewer',
} as const;

export const CONSENT_WORDS = {
  none: 'Fire without asking (no consent banner)',
  optIn: 'Wait until the visitor opts in',
  optOut: 'Fire until the visitor opts out',
} as const;

/** Event names the runtime reports, in words. */
export function eventWords(event: string): string {
  if (event === 'pageview') return 'Page view';
  const spaced = event.replace(/[_-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').trim();
  return spaced ? spaced[0]!.toUpperCase() + spaced.slice(1) : 'Unnamed event';
}
