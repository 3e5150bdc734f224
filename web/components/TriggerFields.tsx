// "When it fires": the tag's trigger (page view, click, form submit, custom event, timer, scroll
// depth …) with the one field each needs: a CSS selector, an event name, seconds or a percentage.
import { Group, NumberInput, Select, TextInput } from '@mantine/core';
import { TRIGGER_LABELS } from '../../shared/rules/words';
import { TRIGGER_TYPES, type Trigger } from '../../shared/schema';
import type { TagForm } from './ConditionBuilder';

const HINTS: Record<Trigger['type'], string> = {
  pageview: 'As soon as the page starts loading: the usual choice for conversion and analytics pixels.',
  domReady: 'When the page’s content is in place, before images finish loading.',
  load: 'When everything on the page, images included, has loaded.',
  click: 'When the visitor clicks an element matching the selector (or anything inside it).',
  submit: 'When the visitor submits a form matching the selector.',
  event: 'When the site runs pixeltag.push({ event: "…" }), also for events pushed before the container loaded.',
  history: 'When a single-page app changes the address without loading a new page.',
  timer: 'After the visitor has stayed on the page this long.',
  scroll: 'When the visitor has scrolled this far down the page.',
  visible: 'When an element matching the selector scrolls into view.',
};

/** A new trigger of a type, keeping a selector typed for another selector trigger. */
function triggerOfType(type: Trigger['type'], previous: Trigger): Trigger {
  const selector = 'selector' in previous ? previous.selector : '';
  switch (type) {
    case 'click':
    case 'submit':
    case 'visible':
      return { type, selector };
    case 'event':
      return { type, name: previous.type === 'event' ? previous.name : '' };
    case 'timer':
      return { type, seconds: 30 };
    case 'scroll':
      return { type, percent: 50 };
    default:
      return { type };
  }
}

interface TriggerFieldsProps {
  form: TagForm;
  errorAt: (path: string) => string | undefined;
  readOnly: boolean;
}

export function TriggerFields({ form, errorAt, readOnly }: TriggerFieldsProps) {
  const trigger = form.values.trigger;
  return (
    <Group align="flex-start" gap="md" wrap="wrap">
      <Select
        label="Fires on"
        description={HINTS[trigger.type]}
        data={TRIGGER_TYPES.map((type) => ({ value: type, label: TRIGGER_LABELS[type] }))}
        value={trigger.type}
        onChange={(type) => type && form.setFieldValue('trigger', triggerOfType(type as Trigger['type'], trigger))}
        allowDeselect={false}
        readOnly={readOnly}
        w={340}
        maxDropdownHeight={400}
      />
      {'selector' in trigger && (
        <TextInput
          label="CSS selector"
          description="For example #buy, .add-to-cart or form.signup"
          placeholder={trigger.type === 'submit' ? 'form.signup' : '#buy'}
          withAsterisk
          readOnly={readOnly}
          w={280}
          {...form.getInputProps('trigger.selector')}
          error={errorAt('trigger.selector')}
        />
      )}
      {trigger.type === 'event' && (
        <TextInput
          label="Event name"
          description="The name the site pushes, exactly"
          placeholder="purchase"
          withAsterisk
          readOnly={readOnly}
          w={280}
          {...form.getInputProps('trigger.name')}
          error={errorAt('trigger.name')}
        />
      )}
      {trigger.type === 'timer' && (
        <NumberInput
          label="Seconds on the page"
          description="From 1 second to an hour"
          min={1}
          max={3600}
          allowDecimal={false}
          allowNegative={false}
          readOnly={readOnly}
          w={200}
          {...form.getInputProps('trigger.seconds')}
          error={errorAt('trigger.seconds')}
        />
      )}
      {trigger.type === 'scroll' && (
        <NumberInput
          label="Scrolled down (%)"
          description="1 to 100 percent of the page"
          min={1}
          max={100}
          suffix="%"
          allowDecimal={false}
          allowNegative={false}
          readOnly={readOnly}
          w={200}
          {...form.getInputProps('trigger.percent')}
          error={errorAt('trigger.percent')}
        />
      )}
    </Group>
  );
}
