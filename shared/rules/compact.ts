// Turns a condition tree from its readable form (what people edit and the API stores) into the
// compact form the evaluator runs on. The runtime, the console simulator and the server tests all
// evaluate the compact form, so they share one evaluator.
import type { Condition, ConditionGroup, Operator, Rule, Variable } from '../schema/rules';
import { CASE_INSENSITIVE_VARIABLES, parseRange } from '../schema/vocabulary';
import { GroupCode, OpCode, VarCode, type CompiledCondition, type CompiledGroup, type CompiledRule } from '../runtime/keys';

export const VARIABLE_CODES: Record<Variable, VarCode> = {
  'page.url': VarCode.PageUrl,
  'page.host': VarCode.PageHost,
  'page.path': VarCode.PagePath,
  'page.query': VarCode.PageQuery,
  'page.hash': VarCode.PageHash,
  'page.title': VarCode.PageTitle,
  'referrer.url': VarCode.ReferrerUrl,
  'referrer.host': VarCode.ReferrerHost,
  'utm.source': VarCode.UtmSource,
  'utm.medium': VarCode.UtmMedium,
  'utm.campaign': VarCode.UtmCampaign,
  'utm.term': VarCode.UtmTerm,
  'utm.content': VarCode.UtmContent,
  'device.type': VarCode.DeviceType,
  browser: VarCode.Browser,
  os: VarCode.Os,
  language: VarCode.Language,
  'screen.width': VarCode.ScreenWidth,
  'visitor.type': VarCode.VisitorType,
  'visitor.sessions': VarCode.VisitorSessions,
  'session.pageviews': VarCode.SessionPageviews,
  'session.seconds': VarCode.SessionSeconds,
  cookie: VarCode.Cookie,
  dataLayer: VarCode.DataLayer,
  event: VarCode.Event,
  country: VarCode.Country,
  consent: VarCode.Consent,
  sample: VarCode.Sample,
  'time.weekday': VarCode.Weekday,
  'time.hour': VarCode.Hour,
};

export const OPERATOR_CODES: Record<Operator, OpCode> = {
  equals: OpCode.Equals,
  notEquals: OpCode.NotEquals,
  contains: OpCode.Contains,
  notContains: OpCode.NotContains,
  startsWith: OpCode.StartsWith,
  endsWith: OpCode.EndsWith,
  wildcard: OpCode.Wildcard,
  regex: OpCode.Regex,
  inList: OpCode.InList,
  lessThan: OpCode.LessThan,
  greaterThan: OpCode.GreaterThan,
  between: OpCode.Between,
  exists: OpCode.Exists,
  notExists: OpCode.NotExists,
};

const GROUP_CODES = { all: GroupCode.All, any: GroupCode.Any, none: GroupCode.None } as const;

/** List values are written one per line or separated by commas. */
export function splitList(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

function compactRule(rule: Rule): CompiledRule {
  const lower = CASE_INSENSITIVE_VARIABLES.includes(rule.variable);
  const norm = (s: string) => (lower ? s.toLowerCase() : s);
  let value: CompiledRule[2];
  if (rule.operator === 'inList') value = splitList(rule.value).map(norm);
  else if (rule.operator === 'lessThan' || rule.operator === 'greaterThan') value = Number(rule.value);
  else if (rule.operator === 'between') value = parseRange(rule.value) ?? [0, -1];
  // A pattern keeps its case (\D is not \d); case-insensitive variables match it with the i flag.
  else if (rule.operator === 'regex') value = rule.value;
  else value = norm(rule.value);
  const compiled: CompiledRule = [VARIABLE_CODES[rule.variable], OPERATOR_CODES[rule.operator], value];
  if (rule.arg) compiled.push(rule.arg);
  return compiled;
}

export function compactCondition(condition: Condition): CompiledCondition {
  if (condition.type === 'rule') return compactRule(condition);
  return compactGroup(condition);
}

export function compactGroup(group: ConditionGroup): CompiledGroup {
  return [GROUP_CODES[group.type], ...group.conditions.map(compactCondition)];
}
