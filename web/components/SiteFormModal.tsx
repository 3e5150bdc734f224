// The site settings dialog, for a new site and for changing one: name, domains, time zone,
// privacy, a limit of pixels per page view, the CDN's country header and reporting. Validates with
// the server's SiteSettings schema as people type.
import { Divider, Modal, NumberInput, Select, Stack, Switch, TagsInput, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { CONSENT_MODES, DEFAULT_PRIVACY, SiteSettings } from '../../shared/schema';
import { errorCode, fieldErrors, notifyError } from '../lib/errors';
import { CONSENT_WORDS } from '../lib/words';
import { zodResolver } from '../lib/zodForm';
import { FormActions } from './FormActions';

const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const ZONES = (() => {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
})();

/** People paste addresses; keep the host name ("https://Shop.example.com/sale" → "shop.example.com"). */
const hostOnly = (entry: string) =>
  entry
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/[/?#].*$/, '')
    .toLowerCase();

export const NEW_SITE: SiteSettings = { name: '', domains: [], timeZone: browserZone, privacy: DEFAULT_PRIVACY, collect: true, maxFiresPerPage: null, countryHeader: null };

interface SiteFormModalProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  submitLabel: string;
  initial: SiteSettings;
  /** Saves the settings; a rejected promise keeps the dialog open with the error shown. */
  onSubmit: (settings: SiteSettings) => Promise<unknown>;
}

function SiteForm({ onClose, submitLabel, initial, onSubmit, title }: SiteFormModalProps) {
  const form = useForm<SiteSettings>({
    initialValues: initial,
    validate: zodResolver(SiteSettings, { collapse: ['domains'], messages: { maxFiresPerPage: 'Enter a whole number from 1 to 100, or leave it empty' } }),
    validateInputOnChange: true,
  });

  const submit = form.onSubmit(async (values) => {
    try {
      await onSubmit(SiteSettings.parse(values));
    } catch (error) {
      const fields = fieldErrors(error);
      if (errorCode(error) === 'BAD_REQUEST' && Object.keys(fields).length) form.setErrors(fields);
      else notifyError(`${title} failed`, error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput label="Site name" placeholder="Main shop" data-autofocus withAsterisk {...form.getInputProps('name')} />
        <TagsInput
          label="Domains"
          description="Host names that carry the snippet, such as shop.example.com. Press Enter after each."
          placeholder={form.values.domains.length ? '' : 'shop.example.com'}
          clearable
          {...form.getInputProps('domains')}
          onChange={(entries) => form.setFieldValue('domains', [...new Set(entries.map(hostOnly).filter(Boolean))])}
        />
        <Select
          label="Time zone"
          description="Schedules and reports use the site's local time"
          data={ZONES}
          searchable
          allowDeselect={false}
          nothingFoundMessage="No time zone by that name"
          {...form.getInputProps('timeZone')}
        />
        <Divider label="Firing" labelPosition="left" mt="xs" />
        <NumberInput
          label="At most N pixels per page view"
          description="Leave empty for no limit. When set, the tags with the highest priority fire first."
          placeholder="No limit"
          min={1}
          max={100}
          allowDecimal={false}
          allowNegative={false}
          {...form.getInputProps('maxFiresPerPage')}
          value={form.values.maxFiresPerPage ?? ''}
          onChange={(value) => form.setFieldValue('maxFiresPerPage', value === '' ? null : (Number(value) as number))}
        />
        <TextInput
          label="Country header from your CDN"
          description="The request header your CDN fills with the visitor's country, such as cf-ipcountry (Cloudflare) or cloudfront-viewer-country. Leave empty if you do not target by country."
          placeholder="cf-ipcountry"
          {...form.getInputProps('countryHeader')}
          value={form.values.countryHeader ?? ''}
          onChange={(event) => form.setFieldValue('countryHeader', event.currentTarget.value.trim() === '' ? null : event.currentTarget.value)}
        />
        <Divider label="Privacy" labelPosition="left" mt="xs" />
        <Select
          label="Consent"
          description="When tags may fire, depending on the visitor's consent choice"
          data={CONSENT_MODES.map((mode) => ({ value: mode, label: CONSENT_WORDS[mode] }))}
          allowDeselect={false}
          {...form.getInputProps('privacy.consentMode')}
        />
        <Switch
          label="Respect Do Not Track"
          description="Fire nothing for visitors whose browser asks not to be tracked"
          {...form.getInputProps('privacy.honorDnt', { type: 'checkbox' })}
        />
        <Switch
          label="Respect Global Privacy Control"
          description="Fire nothing for visitors whose browser sends the GPC signal"
          {...form.getInputProps('privacy.honorGpc', { type: 'checkbox' })}
        />
        <Switch
          label="Count what fires"
          description="Needed for the “What fired” report on the site page"
          {...form.getInputProps('collect', { type: 'checkbox' })}
        />
        <Text size="xs" c="dimmed">
          Changes here reach visitors the next time you publish.
        </Text>
        <FormActions onCancel={onClose} loading={form.submitting}>
          {submitLabel}
        </FormActions>
      </Stack>
    </form>
  );
}

export function SiteFormModal(props: SiteFormModalProps) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} size="lg" centered>
      {props.opened && <SiteForm {...props} />}
    </Modal>
  );
}
