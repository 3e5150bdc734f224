// One condition of a tag: what to check (variable, with its name when it needs one), how to
// compare (only the operators that fit the variable) and the value, with the input that fits it.
import { ActionIcon, Autocomplete, Box, Group, Select, TextInput, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { operatorsFor, OPERATOR_LABELS, VARIABLE_GROUPS, VARIABLE_WORDS } from '../../shared/rules/words';
import { CONSENT_CATEGORIES, VALUELESS_OPERATORS, VARIABLE_VALUES, VARIABLES, VARIABLES_WITH_ARG, type Operator, type Rule, type Variable } from '../../shared/schema';
import type { ConditionsForm } from './ConditionBuilder';
import { RuleValueInput } from './RuleValueInput';

const VARIABLE_DATA = VARIABLE_GROUPS.map((group) => ({
  group,
  items: VARIABLES.filter((v) => VARIABLE_WORDS[v].group === group).map((v) => ({ value: v, label: VARIABLE_WORDS[v].label })),
}));

interface RuleRowProps {
  form: ConditionsForm;
  /** Form path of the rule, e.g. "conditions.conditions.2". */
  path: string;
  rule: Rule;
  /** "Condition 3" or "Condition 2 of group 1": the row's accessible name. */
  name: string;
  errorAt: (path: string) => string | undefined;
  onRemove: () => void;
  readOnly: boolean;
}

export function RuleRow({ form, path, rule, name, errorAt, onRemove, readOnly }: RuleRowProps) {
  const words = VARIABLE_WORDS[rule.variable];
  const valueless = VALUELESS_OPERATORS.includes(rule.operator);

  /** A new variable keeps the operator and value when they still fit it. */
  const setVariable = (variable: Variable) => {
    const operators = operatorsFor(variable);
    const operator = operators.includes(rule.operator) ? rule.operator : operators[0]!;
    const choices = VARIABLE_VALUES[variable];
    const keepValue = !choices || rule.value === '' || choices.includes(rule.value);
    const next: Rule = { type: 'rule', variable, operator, value: keepValue && operator === rule.operator ? rule.value : '' };
    if (VARIABLES_WITH_ARG.includes(variable)) next.arg = rule.arg ?? '';
    form.setFieldValue(path, next);
  };
  /** A value typed for one operator is kept when it still reads right for the new one. */
  const setOperator = (operator: Operator) => {
    form.setFieldValue(`${path}.operator`, operator);
    const choices = VARIABLE_VALUES[rule.variable];
    const fits = VALUELESS_OPERATORS.includes(operator)
      ? rule.value === ''
      : (operator === 'between') === (rule.operator === 'between') && (!choices || operator === 'inList' || rule.value === '' || choices.includes(rule.value));
    if (!fits) form.setFieldValue(`${path}.value`, '');
  };

  return (
    <Box component="fieldset" role="group" aria-label={name} m={0} p={0} style={{ border: 0, minWidth: 0, flex: 1 }}>
      <VisuallyHidden component="legend">{name}</VisuallyHidden>
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <Group gap="xs" align="flex-start" wrap="wrap" style={{ flex: 1, minWidth: 0 }}>
          <Select
            aria-label="Variable"
            data={VARIABLE_DATA}
            value={rule.variable}
            onChange={(v) => v && setVariable(v as Variable)}
            allowDeselect={false}
            searchable
            readOnly={readOnly}
            w={250}
            maxDropdownHeight={360}
          />
          {words.arg &&
            (rule.variable === 'consent' ? (
              <Autocomplete
                aria-label={words.arg.label}
                placeholder={words.arg.placeholder}
                title={words.arg.description}
                data={CONSENT_CATEGORIES.filter((c) => c !== 'necessary')}
                readOnly={readOnly}
                w={170}
                value={rule.arg ?? ''}
                onChange={(value) => form.setFieldValue(`${path}.arg`, value)}
                error={errorAt(`${path}.arg`)}
              />
            ) : (
              <TextInput
                aria-label={words.arg.label}
                placeholder={words.arg.placeholder}
                title={words.arg.description}
                readOnly={readOnly}
                w={170}
                {...form.getInputProps(`${path}.arg`)}
                value={rule.arg ?? ''}
                error={errorAt(`${path}.arg`)}
              />
            ))}
          <Select
            aria-label="Operator"
            data={operatorsFor(rule.variable).map((op) => ({ value: op, label: OPERATOR_LABELS[op] }))}
            value={rule.operator}
            onChange={(v) => v && setOperator(v as Operator)}
            allowDeselect={false}
            readOnly={readOnly}
            w={200}
            maxDropdownHeight={360}
          />
          {!valueless && (
            <RuleValueInput
              rule={rule}
              value={rule.value}
              onChange={(value) => form.setFieldValue(`${path}.value`, value)}
              error={errorAt(`${path}.value`)}
              readOnly={readOnly}
            />
          )}
        </Group>
        {!readOnly && (
          <Tooltip label="Remove this condition">
            <ActionIcon variant="subtle" color="gray" size="lg" aria-label={`Remove ${name.toLowerCase()}`} onClick={onRemove}>
              <IconX size={18} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
    </Box>
  );
}
