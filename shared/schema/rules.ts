// The rule language: variables, operators and condition trees. Every rule is validated by
// these schemas on save, on import and in the console form.
import { z } from 'zod';
import { regexProblem } from '../rules/regex';

import {
  MAX_RULE_VALUE_LENGTH,
  NUMERIC_OPERATORS,
  OPERATORS,
  parseRange,
  VALUELESS_OPERATORS,
  VARIABLES,
  VARIABLES_WITH_ARG,
} from './vocabulary';

export * from './vocabulary';

export const Variable = z.enum(VARIABLES, { error: () => 'Choose a variable from the list' });
export type Variable = z.infer<typeof Variable>;
export const Operator = z.enum(OPERATORS, { error: () => 'Choose an operator from the list' });
export type Operator = z.infer<typeof Operator>;



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
