// "Between … and …": the campaign's start and end as wall-clock times in the site's time zone
// (named beside them), plus optional day-parting: weekdays and a range of hours.
import { Chip, Group, Input, Select, Stack, Switch, Text } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { WEEKDAY_SHORT } from '../../shared/rules/words';
import type { TagForm } from './ConditionBuilder';

/** Monday first, as calendars in most of the world start the week. */
const WEEK = [1, 2, 3, 4, 5, 6, 0];
const HOURS = Array.from({ length: 25 }, (_, h) => ({ value: String(h), label: h === 24 ? 'midnight' : `${String(h).padStart(2, '0')}:00` }));

/** The form keeps "2026-12-01T09:00"; the picker works with "2026-12-01 09:00:00". Neither carries a zone. */
const toPicker = (wall: string | null) => (wall ? `${wall.replace('T', ' ')}:00` : null);
const fromPicker = (value: string | null) => (value ? value.slice(0, 16).replace(' ', 'T') : null);

interface ScheduleFieldsProps {
  form: TagForm;
  timeZone: string;
  errorAt: (path: string) => string | undefined;
  readOnly: boolean;
}

export function ScheduleFields({ form, timeZone, errorAt, readOnly }: ScheduleFieldsProps) {
  const schedule = form.values.schedule;
  const hours = schedule.hours;
  const zoneNote = `Wall-clock time in ${timeZone}, the site’s time zone`;
  return (
    <Stack gap="md">
      <Group align="flex-start" gap="md" wrap="wrap">
        <DateTimePicker
          label="Starts"
          description={zoneNote}
          placeholder="Straight away"
          valueFormat="D MMM YYYY HH:mm"
          clearable
          readOnly={readOnly}
          value={toPicker(schedule.start)}
          onChange={(value) => form.setFieldValue('schedule.start', fromPicker(value))}
          error={errorAt('schedule.start')}
          w={280}
        />
        <DateTimePicker
          label="Ends"
          description={zoneNote}
          placeholder="Never"
          valueFormat="D MMM YYYY HH:mm"
          clearable
          readOnly={readOnly}
          value={toPicker(schedule.end)}
          onChange={(value) => form.setFieldValue('schedule.end', fromPicker(value))}
          error={errorAt('schedule.end') ?? errorAt('schedule')}
          w={280}
        />
      </Group>
      <Input.Wrapper label="On these days" description="Pick none to fire every day">
        <Chip.Group
          multiple
          value={schedule.weekdays.map(String)}
          onChange={(days) => !readOnly && form.setFieldValue('schedule.weekdays', days.map(Number).sort((a, b) => a - b))}
        >
          <Group gap={6} mt={8}>
            {WEEK.map((day) => (
              <Chip key={day} value={String(day)} size="sm" variant="outline" disabled={readOnly}>
                {WEEKDAY_SHORT[day]}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </Input.Wrapper>
      <Stack gap="xs">
        <Switch
          label="Only between certain hours"
          description={`Hours in ${timeZone}`}
          checked={hours !== null}
          disabled={readOnly}
          onChange={(event) => form.setFieldValue('schedule.hours', event.currentTarget.checked ? { from: 9, to: 17 } : null)}
        />
        {hours && (
          <Group gap="xs" align="flex-start" pl={54}>
            <Select
              aria-label="From hour"
              data={HOURS.slice(0, 24)}
              value={String(hours.from)}
              onChange={(v) => v && form.setFieldValue('schedule.hours.from', Number(v))}
              allowDeselect={false}
              readOnly={readOnly}
              w={120}
            />
            <Text size="sm" pt={8}>
              until
            </Text>
            <Select
              aria-label="Until hour"
              data={HOURS.slice(1)}
              value={String(hours.to)}
              onChange={(v) => v && form.setFieldValue('schedule.hours.to', Number(v))}
              allowDeselect={false}
              readOnly={readOnly}
              w={120}
              error={errorAt('schedule.hours.to')}
            />
          </Group>
        )}
      </Stack>
    </Stack>
  );
}
