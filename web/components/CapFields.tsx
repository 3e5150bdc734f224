// "How often": the tag's firing cap — every time, once per page view, session or visitor, or at
// most N times per visitor in a rolling window of hours or days.
import { Group, NumberInput, Radio, Select, Stack, Text } from '@mantine/core';
import { CAP_LABELS } from '../../shared/rules/words';
import type { Cap } from '../../shared/schema';
import type { TagForm } from './ConditionBuilder';

const CAP_HINTS: Partial<Record<Cap['type'], string>> = {
  session: 'A session ends after 30 minutes without a page view.',
  visitor: 'Remembered in the visitor’s browser, across visits.',
};

const TYPES: Cap['type'][] = ['unlimited', 'page', 'session', 'visitor', 'window'];

interface CapFieldsProps {
  form: TagForm;
  errorAt: (path: string) => string | undefined;
  readOnly: boolean;
}

export function CapFields({ form, errorAt, readOnly }: CapFieldsProps) {
  const cap = form.values.cap;
  const choose = (type: string) => {
    if (readOnly || type === cap.type) return;
    form.setFieldValue('cap', type === 'window' ? { type: 'window', count: 1, every: 1, unit: 'days' } : ({ type } as Cap));
  };
  return (
    <Radio.Group value={cap.type} onChange={choose} aria-label="How often">
      <Stack gap="sm">
        {TYPES.map((type) => (
          <Radio
            key={type}
            value={type}
            label={CAP_LABELS[type]}
            description={CAP_HINTS[type]}
            disabled={readOnly && type !== cap.type}
          />
        ))}
        {cap.type === 'window' && (
          <Group gap="xs" align="flex-start" pl={30}>
            <Text size="sm" pt={8}>
              At most
            </Text>
            <NumberInput
              aria-label="Number of times"
              min={1}
              max={1000}
              allowDecimal={false}
              allowNegative={false}
              readOnly={readOnly}
              w={90}
              {...form.getInputProps('cap.count')}
              error={errorAt('cap.count')}
            />
            <Text size="sm" pt={8}>
              times per visitor every
            </Text>
            <NumberInput
              aria-label="Period length"
              min={1}
              max={365}
              allowDecimal={false}
              allowNegative={false}
              readOnly={readOnly}
              w={90}
              {...form.getInputProps('cap.every')}
              error={errorAt('cap.every')}
            />
            <Select
              aria-label="Period unit"
              data={[
                { value: 'hours', label: 'hours' },
                { value: 'days', label: 'days' },
              ]}
              value={cap.unit}
              onChange={(unit) => unit && form.setFieldValue('cap.unit', unit as 'hours' | 'days')}
              allowDeselect={false}
              readOnly={readOnly}
              w={110}
            />
          </Group>
        )}
      </Stack>
    </Radio.Group>
  );
}
