// One condition of a tag: what to check (variable, with its name when it needs one), how to
// compare (operator) and the value to compare with.
import { ActionIcon, Box, Group, Select, Textarea, TextInput, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { OPERATORS, VALUELESS_OPERATORS, VARIABLES, VARIABLES_WITH_ARG, type Operator, type Rule, type Variable } from '../../shared/schema';
import { OPERATOR_LABELS, VARIABLE_WORDS } from '../lib/words';
import type { TagForm } from './ConditionBuilder';

const GROUPS = ['Page', 'Referrer', 'Visitor storage and data'] as const;
const VARIABLE_DATA = GROUPS.map((group) => ({
  group,
  items: VARIABLES.filter((v) => VARIABLE_WORDS[v].group === group).map((v) => ({ value: v, label: VARIABLE_WORDS[v].label })),
}));
const OPERATOR_DATA = OPERATORS.map((op) => ({ value: op, label: OPERATOR_LABELS[op] }));

const VALUE_EXAMPLES: Record<Variable, string> = {
  'page.url': 'https://shop.example.com/sale',
  'page.host': 'shop.example.com',
  'page.path': '/checkout',
  'page.query': 'newsletter',
  'page.hash': 'reviews',
  'page.title': 'Thank you',
  'referrer.url': 'https://www.google.com/',
  'referrer.host': 'www.google.com',
  cookie: 'yes',
  dataLayer: '100',
};

interface RuleRowProps {
  form: TagForm;
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

  const setVariable = (variable: Variable) => {
    form.setFieldValue(`${path}.variable`, variable);
    if (!VARIABLES_WITH_ARG.includes(variable) && rule.arg !== undefined) form.setFieldValue(`${path}.arg`, undefined);
  };
  const setOperator = (operator: Operator) => {
    form.setFieldValue(`${path}.operator`, operator);
    if (VALUELESS_OPERATORS.includes(operator) && rule.value !== '') form.setFieldValue(`${path}.value`, '');
  };

  const example = rule.operator === 'wildcard' ? '/shop/*' : VALUE_EXAMPLES[rule.variable];
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
            readOnly={readOnly}
            w={190}
            maxDropdownHeight={320}
          />
          {words.arg && (
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
          )}
          <Select
            aria-label="Operator"
            data={OPERATOR_DATA}
            value={rule.operator}
            onChange={(v) => v && setOperator(v as Operator)}
            allowDeselect={false}
            readOnly={readOnly}
            w={200}
            maxDropdownHeight={360}
          />
          {!valueless &&
            (rule.operator === 'inList' ? (
              <Textarea
                aria-label="Values"
                placeholder={`One per line, or separated by commas\n${example}`}
                autosize
                minRows={2}
                maxRows={6}
                readOnly={readOnly}
                style={{ flex: 1, minWidth: 160 }}
                {...form.getInputProps(`${path}.value`)}
                error={errorAt(`${path}.value`)}
              />
            ) : (
              <TextInput
                aria-label="Value"
                placeholder={example}
                inputMode={rule.operator === 'lessThan' || rule.operator === 'greaterThan' ? 'decimal' : undefined}
                readOnly={readOnly}
                style={{ flex: 1, minWidth: 160 }}
                {...form.getInputProps(`${path}.value`)}
                error={errorAt(`${path}.value`)}
              />
            ))}
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
