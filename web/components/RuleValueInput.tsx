// The value of a condition, with the input that fits the variable and operator: a select or
// multi-select for enumerated values, a number, a "min, max" pair, a list, or free text.
import { Group, MultiSelect, NumberInput, Select, Textarea, TextInput } from '@mantine/core';
import { splitList } from '../../shared/rules/compact';
import { valueLabel, VARIABLE_WORDS } from '../../shared/rules/words';
import { NUMERIC_VARIABLES, VARIABLE_VALUES, type Rule } from '../../shared/schema';

interface RuleValueInputProps {
  rule: Rule;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  readOnly: boolean;
}

const fill = { flex: 1, minWidth: 160 } as const;

/** Two numbers for `between`, kept in the rule as "min, max"; the schema's message says when they are out of order. */
function RangeInput({ value, onChange, error, readOnly, unit }: Omit<RuleValueInputProps, 'rule'> & { unit?: string }) {
  const [min = '', max = ''] = value.split(',').map((part) => part.trim());
  const set = (nextMin: string, nextMax: string) => onChange(nextMin === '' && nextMax === '' ? '' : `${nextMin}, ${nextMax}`);
  return (
    <Group gap={6} align="flex-start" wrap="nowrap" style={fill}>
      <NumberInput aria-label="Lowest value" placeholder="From" value={min} onChange={(v) => set(String(v), max)} readOnly={readOnly} error={error} w={110} suffix={unit ? ` ${unit}` : undefined} />
      <NumberInput
        aria-label="Highest value"
        placeholder="To"
        value={max}
        onChange={(v) => set(min, String(v))}
        readOnly={readOnly}
        error={Boolean(error)}
        w={110}
        suffix={unit ? ` ${unit}` : undefined}
      />
    </Group>
  );
}

export function RuleValueInput({ rule, value, onChange, error, readOnly }: RuleValueInputProps) {
  const words = VARIABLE_WORDS[rule.variable];
  const choices = VARIABLE_VALUES[rule.variable];
  const numeric = NUMERIC_VARIABLES.includes(rule.variable);
  const options = choices?.map((choice) => ({ value: choice, label: valueLabel(rule.variable, choice).replace(/^./, (c) => c.toUpperCase()) }));

  if (rule.operator === 'between') return <RangeInput value={value} onChange={onChange} error={error} readOnly={readOnly} unit={words.unit} />;
  if (options && rule.operator === 'inList') {
    return (
      <MultiSelect
        aria-label="Values"
        placeholder="Pick one or more"
        data={options}
        value={splitList(value)}
        onChange={(items) => onChange(items.join(', '))}
        readOnly={readOnly}
        error={error}
        style={fill}
      />
    );
  }
  if (options && (rule.operator === 'equals' || rule.operator === 'notEquals')) {
    return <Select aria-label="Value" placeholder="Pick one" data={options} value={value || null} onChange={(v) => onChange(v ?? '')} readOnly={readOnly} error={error} style={fill} />;
  }
  if (rule.operator === 'inList') {
    return (
      <Textarea
        aria-label="Values"
        placeholder={`One per line, or separated by commas\n${words.example}`}
        autosize
        minRows={2}
        maxRows={6}
        readOnly={readOnly}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        error={error}
        style={fill}
      />
    );
  }
  if (numeric || rule.operator === 'lessThan' || rule.operator === 'greaterThan') {
    return (
      <NumberInput
        aria-label="Value"
        placeholder={words.example}
        value={value}
        onChange={(v) => onChange(String(v))}
        readOnly={readOnly}
        error={error}
        suffix={words.unit ? ` ${words.unit}` : undefined}
        style={fill}
      />
    );
  }
  const example = rule.operator === 'wildcard' ? '/shop/*' : rule.operator === 'regex' ? '^/product/\\d+$' : words.example;
  return (
    <TextInput aria-label="Value" placeholder={example} readOnly={readOnly} value={value} onChange={(event) => onChange(event.currentTarget.value)} error={error} style={fill} />
  );
}
