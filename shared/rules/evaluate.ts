// The one rule evaluator. It runs in the visitor's browser (bundled into the runtime), in the
// console's visit simulator and in server tests, always on the compact form from compact.ts.
// Written for size: it is part of every container.
import { CASE_INSENSITIVE_CODES, GroupCode, OpCode, type CompiledCondition, type CompiledRule, type VarCode } from '../runtime/keys';

/** Answers a variable's current value; undefined when the page does not have it. */
export type Reader = (variable: VarCode, arg?: string) => string | number | undefined;

/** Matches `*` as any run of characters; everything else literally. */
export function wildcardMatch(text: string, pattern: string): boolean {
  const parts = pattern.split('*');
  const last = parts.length - 1;
  if (!last) return text === pattern;
  const head = parts[0] as string;
  const tail = parts[last] as string;
  if (text.length < head.length + tail.length || text.indexOf(head) !== 0) return false;
  if (text.slice(text.length - tail.length) !== tail) return false;
  let at = head.length;
  const end = text.length - tail.length;
  for (let i = 1; i < last; i++) {
    const found = text.indexOf(parts[i] as string, at);
    if (found < 0 || found + (parts[i] as string).length > end) return false;
    at = found + (parts[i] as string).length;
  }
  return true;
}

const patterns: Record<string, RegExp> = {};
function pattern(source: string, insensitive: boolean): RegExp {
  const key = (insensitive ? 'i' : '') + source;
  return patterns[key] || (patterns[key] = new RegExp(source, insensitive ? 'i' : ''));
}

function matchRule(rule: CompiledRule, read: Reader): boolean {
  const op = rule[1];
  const expected = rule[2];
  const raw = read(rule[0], rule[3]);
  const missing = raw === undefined || raw === '';
  if (op === OpCode.Exists) return !missing;
  if (op === OpCode.NotExists) return missing;
  if (raw === undefined) return op === OpCode.NotEquals || op === OpCode.NotContains;
  const insensitive = CASE_INSENSITIVE_CODES.indexOf(rule[0]) >= 0;
  const text = insensitive ? String(raw).toLowerCase() : String(raw);
  switch (op) {
    case OpCode.Equals:
      return text === expected;
    case OpCode.NotEquals:
      return text !== expected;
    case OpCode.Contains:
      return text.indexOf(expected as string) >= 0;
    case OpCode.NotContains:
      return text.indexOf(expected as string) < 0;
    case OpCode.StartsWith:
      return text.indexOf(expected as string) === 0;
    case OpCode.EndsWith:
      return text.slice(text.length - (expected as string).length) === expected;
    case OpCode.Wildcard:
      return wildcardMatch(text, expected as string);
    case OpCode.Regex:
      return pattern(expected as string, insensitive).test(text);
    case OpCode.InList:
      return (expected as string[]).indexOf(text) >= 0;
    case OpCode.LessThan:
      return !missing && Number(raw) < (expected as number);
    case OpCode.GreaterThan:
      return !missing && Number(raw) > (expected as number);
    case OpCode.Between: {
      const [min, max] = expected as [number, number];
      return !missing && Number(raw) >= min && Number(raw) <= max;
    }
  }
  return false;
}

/** True when the condition holds. Empty groups hold: a group with no rules restricts nothing. */
export function evaluate(condition: CompiledCondition, read: Reader): boolean {
  const code = condition[0];
  if (typeof code !== 'number') return matchRule(condition as CompiledRule, read);
  for (let i = 1; i < condition.length; i++) {
    const holds = evaluate(condition[i] as CompiledCondition, read);
    if (code === GroupCode.Any ? holds : code === GroupCode.All ? !holds : holds) return code === GroupCode.Any;
  }
  return code !== GroupCode.Any || condition.length === 1;
}
