// The made-up visit for the simulator: page, referrer, device, visitor history, data layer,
// consent, privacy signals and the date and time in the site's zone.
import { Button, Checkbox, Divider, Group, JsonInput, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { valueLabel } from '../../shared/rules/words';
import { VARIABLE_VALUES } from '../../shared/schema';
import type { VisitErrors } from '../lib/visit';
import { useSimulator, type ConsentChoice } from '../state/simulator';

const choices = (variable: 'browser' | 'os') =>
  (VARIABLE_VALUES[variable] ?? []).map((value) => ({ value, label: valueLabel(variable, value).replace(/^./, (c) => c.toUpperCase()) }));
const CONSENT: { value: ConsentChoice; label: string }[] = [
  { value: 'unset', label: 'Not asked' },
  { value: 'granted', label: 'Granted' },
  { value: 'denied', label: 'Denied' },
];

interface VisitFormProps {
  timeZone: string;
  errors: VisitErrors;
  /** The address "Start over" puts back: the site's home page. */
  homePage: string;
}

export function VisitForm({ timeZone, errors, homePage }: VisitFormProps) {
  const draft = useSimulator((s) => s.draft);
  const change = useSimulator((s) => s.change);
  const reset = useSimulator((s) => s.reset);
  const text = (key: 'url' | 'referrer' | 'title' | 'language' | 'country' | 'event') => ({
    value: draft[key],
    onChange: (event: { currentTarget: { value: string } }) => change({ [key]: event.currentTarget.value }),
    error: errors[key],
  });
  const number = (key: 'screenWidth' | 'sessions' | 'pageviews' | 'seconds' | 'sample') => ({
    value: draft[key],
    onChange: (value: number | string) => change({ [key]: value }),
    error: errors[key],
    allowDecimal: false,
    allowNegative: false,
  });

  return (
    <Stack gap="md">
      <Divider label="Page" labelPosition="left" />
      <TextInput label="Page address" placeholder="https://shop.example.com/checkout?utm_source=google" withAsterisk {...text('url')} />
      <TextInput label="Page title" placeholder="Checkout – Shop" {...text('title')} />
      <TextInput label="Came from (referrer)" placeholder="https://www.google.com/ — empty for a typed address" {...text('referrer')} />
      <Text size="xs" c="dimmed" mt={-8}>
        Campaign fields (utm_source, utm_medium …) are read from the page address.
      </Text>

      <Divider label="Visitor & device" labelPosition="left" mt="xs" />
      <SegmentedControl
        aria-label="Device type"
        data={[
          { value: 'mobile', label: 'Mobile' },
          { value: 'tablet', label: 'Tablet' },
          { value: 'desktop', label: 'Desktop' },
        ]}
        value={draft.device}
        onChange={(device) => change({ device })}
      />
      <SimpleGrid cols={2} spacing="sm">
        <Select label="Browser" data={choices('browser')} value={draft.browser} onChange={(v) => v && change({ browser: v })} allowDeselect={false} />
        <Select label="Operating system" data={choices('os')} value={draft.os} onChange={(v) => v && change({ os: v })} allowDeselect={false} />
        <TextInput label="Language" placeholder="en-US" {...text('language')} />
        <NumberInput label="Screen width" suffix=" px" min={1} {...number('screenWidth')} />
        <TextInput label="Country" description="Two letters, from your CDN's header" placeholder="DE" maxLength={2} {...text('country')} />
        <NumberInput label="Random sample" description="The visitor's number, 0–99" min={0} max={99} {...number('sample')} />
      </SimpleGrid>
      <SegmentedControl
        aria-label="New or returning visitor"
        data={[
          { value: 'new', label: 'New visitor' },
          { value: 'returning', label: 'Returning visitor' },
        ]}
        value={draft.returning ? 'returning' : 'new'}
        onChange={(v) => change({ returning: v === 'returning', sessions: v === 'returning' ? Math.max(2, Number(draft.sessions) || 0) : 1 })}
      />
      <SimpleGrid cols={3} spacing="sm">
        <NumberInput label="Sessions so far" description="This one included" min={1} disabled={!draft.returning} {...number('sessions')} />
        <NumberInput label="Page views" description="This session, this one included" min={1} {...number('pageviews')} />
        <NumberInput label="Seconds on site" description="Since the session started" min={0} {...number('seconds')} />
      </SimpleGrid>

      <Divider label="Data & consent" labelPosition="left" mt="xs" />
      <JsonInput
        label="Data layer (JSON)"
        description="What the page pushed into pixeltag, merged into one object"
        placeholder='{"cart": {"total": 42}, "user": {"tier": "gold"}}'
        autosize
        minRows={3}
        maxRows={10}
        value={draft.dataLayer}
        onChange={(dataLayer) => change({ dataLayer })}
        error={errors.dataLayer}
      />
      <TextInput label="Event the page pushes" description="For tags fired by a custom event; empty for none" placeholder="purchase" {...text('event')} />
      <Textarea
        label="Cookies"
        description="name=value, one per line"
        placeholder="plan=pro"
        autosize
        minRows={1}
        maxRows={5}
        value={draft.cookies}
        onChange={(event) => change({ cookies: event.currentTarget.value })}
        error={errors.cookies}
      />
      {(['analytics', 'marketing', 'preferences'] as const).map((category) => (
        <Group key={category} justify="space-between" wrap="nowrap">
          <Text size="sm">Consent for {category}</Text>
          <SegmentedControl
            size="xs"
            aria-label={`Consent for ${category}`}
            data={CONSENT}
            value={draft.consent[category]}
            onChange={(choice) => change({ consent: { ...draft.consent, [category]: choice as ConsentChoice } })}
          />
        </Group>
      ))}
      <Group gap="lg">
        <Checkbox label="Sends Do Not Track" checked={draft.dnt} onChange={(e) => change({ dnt: e.currentTarget.checked })} />
        <Checkbox label="Sends Global Privacy Control" checked={draft.gpc} onChange={(e) => change({ gpc: e.currentTarget.checked })} />
        <Checkbox label="Opted out" checked={draft.optedOut} onChange={(e) => change({ optedOut: e.currentTarget.checked })} />
      </Group>

      <Divider label="When" labelPosition="left" mt="xs" />
      <DateTimePicker
        label="Date and time of the visit"
        description={`Wall-clock time in ${timeZone}, the site’s time zone`}
        placeholder="Now"
        valueFormat="ddd D MMM YYYY HH:mm"
        clearable
        value={draft.when ? `${draft.when.replace('T', ' ')}:00` : null}
        onChange={(value) => change({ when: value ? value.slice(0, 16).replace(' ', 'T') : null })}
      />
      <Group justify="flex-end">
        <Button
          variant="subtle"
          color="gray"
          size="xs"
          onClick={() => {
            reset();
            change({ url: homePage });
          }}
        >
          Start over
        </Button>
      </Group>
    </Stack>
  );
}
