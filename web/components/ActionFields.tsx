// "What it does": the tag's kind (image pixel, script, custom HTML, or a vendor template) and its
// fields. Custom HTML can run any code in visitors' browsers, so only admins and owners may add or
// change it, and the form says so plainly.
import { Alert, Group, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconLock } from '@tabler/icons-react';
import { useRef } from 'react';
import { KIND_LABELS } from '../../shared/rules/words';
import { META_EVENTS, TIKTOK_EVENTS, type TagAction, type TagKind } from '../../shared/schema';
import type { TagForm } from './ConditionBuilder';
import { PixelUrlField } from './PixelUrlField';

const BLANK: { [K in TagKind]: Extract<TagAction, { kind: K }> } = {
  image: { kind: 'image', url: '' },
  script: { kind: 'script', src: '' },
  html: { kind: 'html', html: '' },
  meta: { kind: 'meta', pixelId: '', event: 'Purchase', value: '', currency: '' },
  googleAds: { kind: 'googleAds', conversionId: '', label: '', value: '', currency: '' },
  tiktok: { kind: 'tiktok', pixelId: '', event: 'CompletePayment' },
  linkedin: { kind: 'linkedin', partnerId: '', conversionId: '' },
};

const KIND_DATA = [
  { group: 'Your own code', items: (['image', 'script', 'html'] as const).map((k) => ({ value: k, label: KIND_LABELS[k] })) },
  { group: 'Vendor templates', items: (['meta', 'googleAds', 'tiktok', 'linkedin'] as const).map((k) => ({ value: k, label: KIND_LABELS[k] })) },
];

interface ActionFieldsProps {
  form: TagForm;
  errorAt: (path: string) => string | undefined;
  readOnly: boolean;
  /** Admins and owners only: add custom HTML or change a custom HTML tag's action. */
  canEditHtml: boolean;
}

export function ActionFields({ form, errorAt, readOnly, canEditHtml }: ActionFieldsProps) {
  const action = form.values.action;
  // What was typed for each kind, so switching back and forth loses nothing.
  const typed = useRef<Partial<Record<TagKind, TagAction>>>({});
  const htmlLocked = action.kind === 'html' && !canEditHtml;
  const locked = readOnly || htmlLocked;

  const setKind = (kind: TagKind) => {
    typed.current[action.kind] = action;
    form.setFieldValue('action', typed.current[kind] ?? BLANK[kind]);
  };
  const text = (field: string, label: string, props: { description?: string; placeholder?: string; required?: boolean } = {}) => (
    <TextInput
      label={label}
      description={props.description}
      placeholder={props.placeholder}
      withAsterisk={props.required}
      readOnly={locked}
      w={280}
      {...form.getInputProps(`action.${field}`)}
      error={errorAt(`action.${field}`)}
    />
  );
  const valueFields = (
    <Group align="flex-start" gap="md">
      {text('value', 'Conversion value', { description: 'A number, a placeholder such as {{dl.order.value}}, or empty', placeholder: '{{dl.order.value}}' })}
      {text('currency', 'Currency', { description: 'Three letters, such as EUR', placeholder: 'EUR' })}
    </Group>
  );

  return (
    <Stack gap="md">
      <Select
        label="Kind"
        data={KIND_DATA.map((g) => ({ ...g, items: g.items.map((item) => ({ ...item, disabled: item.value === 'html' && !canEditHtml })) }))}
        value={action.kind}
        onChange={(kind) => kind && setKind(kind as TagKind)}
        allowDeselect={false}
        readOnly={locked}
        description={canEditHtml ? undefined : 'Custom HTML can only be added by admins and owners.'}
        w={340}
      />
      {action.kind === 'image' && (
        <PixelUrlField
          form={form}
          path="action.url"
          label="Pixel address"
          description="The image address your ad or analytics vendor gave you. Placeholders are filled in on every visit."
          placeholder="https://pixel.vendor.com/track?id=123&page={{page_url}}"
          error={errorAt('action.url')}
          readOnly={locked}
        />
      )}
      {action.kind === 'script' && (
        <PixelUrlField
          form={form}
          path="action.src"
          label="Script address"
          description="Loaded asynchronously, so it never holds up the page."
          placeholder="https://cdn.vendor.com/tag.js?id=123"
          error={errorAt('action.src')}
          readOnly={locked}
        />
      )}
      {action.kind === 'html' && (
        <>
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title="Custom HTML can do anything on your site">
            <Text size="sm">
              Its scripts run in every matching visitor’s browser with full access to the page: they can read what visitors type (including
              passwords and card numbers), change or hide content, send data to any server, and slow down or break the site. Paste only code
              from a vendor you trust, and prefer an image pixel, a script or a vendor template when one will do.
            </Text>
            {htmlLocked && (
              <Group gap={6} mt="sm">
                <IconLock size={16} />
                <Text size="sm" fw={600}>
                  Only admins and owners can change a custom HTML tag.
                </Text>
              </Group>
            )}
          </Alert>
          <Textarea
            label="HTML"
            description="Added at the end of the page each time the tag fires; <script> elements in it run."
            placeholder={'<script>\n  // vendor code\n</script>'}
            autosize
            minRows={6}
            maxRows={20}
            withAsterisk
            readOnly={locked}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
            {...form.getInputProps('action.html')}
            error={errorAt('action.html')}
          />
        </>
      )}
      {action.kind === 'meta' && (
        <>
          <Group align="flex-start" gap="md">
            {text('pixelId', 'Meta pixel ID', { description: 'In Meta Events Manager, under Data sources', placeholder: '123456789012345', required: true })}
            <Select label="Event" data={[...META_EVENTS]} readOnly={locked} allowDeselect={false} w={280} {...form.getInputProps('action.event')} />
          </Group>
          {valueFields}
        </>
      )}
      {action.kind === 'googleAds' && (
        <>
          <Group align="flex-start" gap="md">
            {text('conversionId', 'Conversion ID', { description: 'Starts with AW-', placeholder: 'AW-123456789', required: true })}
            {text('label', 'Conversion label', { description: 'Shown with the conversion action’s tag', placeholder: 'AbC-D_efG-h12_34-567', required: true })}
          </Group>
          {valueFields}
        </>
      )}
      {action.kind === 'tiktok' && (
        <Group align="flex-start" gap="md">
          {text('pixelId', 'TikTok pixel ID', { description: 'In TikTok Events Manager', placeholder: 'C4ABCDEFGHIJKLMN1234', required: true })}
          <Select label="Event" data={[...TIKTOK_EVENTS]} readOnly={locked} allowDeselect={false} w={280} {...form.getInputProps('action.event')} />
        </Group>
      )}
      {action.kind === 'linkedin' && (
        <Group align="flex-start" gap="md">
          {text('partnerId', 'Partner ID', { description: 'In Campaign Manager, under Insight Tag', placeholder: '123456', required: true })}
          {text('conversionId', 'Conversion ID', { description: 'Leave empty to send page views only', placeholder: '7654321' })}
        </Group>
      )}
    </Stack>
  );
}
