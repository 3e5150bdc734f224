// Plain-English sentences for a tag's conditions ("Fires on pages whose path starts with
// /checkout"). A pure function for now; the product's shared describer will replace it.
import { splitList } from '../../shared/rules/compact';
import type { Condition, ConditionGroup, Rule } from '../../shared/schema';
import { VARIABLE_WORDS } from './words';

const MAX_VALUE = 60;

/** A value as it reads in a sentence: quoted when it has spaces or commas, shortened when long, … while missing. */
function quote(value: string): string {
  const short = value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE - 1)}…` : value;
  if (short === '') return '…';
  return /[\s,]/.test(short) ? `“${short}”` : short;
}

function joinWords(items: string[], last: 'and' | 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}

/** The predicate of a rule: "starts with /checkout", "is one of a, b or c", "is set". */
function predicate(rule: Rule): string {
  const v = rule.value;
  switch (rule.operator) {
    case 'equals':
      return `is ${quote(v)}`;
    case 'notEquals':
      return `is not ${quote(v)}`;
    case 'contains':
      return `contains ${quote(v)}`;
    case 'startsWith':
      return `starts with ${quote(v)}`;
    case 'endsWith':
      return `ends with ${quote(v)}`;
    case 'wildcard':
      return `matches ${quote(v)}`;
    case 'inList': {
      const items = splitList(v).map(quote);
      if (items.length === 0) return 'is one of …';
      return items.length === 1 ? `is ${items[0]}` : `is one of ${joinWords(items, 'or')}`;
    }
    case 'lessThan':
      return `is less than ${quote(v)}`;
    case 'greaterThan':
      return `is greater than ${quote(v)}`;
    case 'exists':
      return 'is set';
    case 'notExists':
      return 'is not set';
  }
}

const argOf = (rule: Rule) => quote(rule.arg ?? '');

/** Empty groups hold for every visit, so they say nothing and are left out. */
function meaningful(conditions: Condition[]): Condition[] {
  return conditions.filter((c) => c.type === 'rule' || meaningful(c.conditions).length > 0);
}

/** A condition after "where": "the page path starts with /checkout", "(a or b)". */
function clause(condition: Condition): string {
  if (condition.type === 'rule') return `${VARIABLE_WORDS[condition.variable].subject(argOf(condition))} ${predicate(condition)}`;
  const parts = meaningful(condition.conditions).map(clause);
  if (parts.length === 1 && condition.type !== 'none') return parts[0]!;
  if (condition.type === 'none') return parts.length === 1 ? `not ${parts[0]}` : `neither ${parts.join(' nor ')}`;
  return `(${joinWords(parts, condition.type === 'all' ? 'and' : 'or')})`;
}

/** The sentence for a condition tree, starting with "Fires on". */
export function describeConditions(group: ConditionGroup): string {
  const conditions = meaningful(group.conditions);
  if (conditions.length === 0) return 'Fires on every page';
  const joiner = group.type === 'all' ? 'and' : 'or';
  const pageRules = conditions.every((c) => c.type === 'rule' && VARIABLE_WORDS[c.variable].whose);
  if (pageRules) {
    const parts = (conditions as Rule[]).map((r) => `whose ${VARIABLE_WORDS[r.variable].whose!(argOf(r))} ${predicate(r)}`);
    const text = joinWords(parts, joiner);
    return group.type === 'none' ? `Fires on every page except those ${text}` : `Fires on pages ${text}`;
  }
  const text = joinWords(conditions.map(clause), joiner);
  return group.type === 'none' ? `Fires on every page except where ${text}` : `Fires on pages where ${text}`;
}
