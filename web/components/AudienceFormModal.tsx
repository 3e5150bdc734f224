// The audience dialog, for a new audience and for changing one: its name, which clients may use it
// (fixed once created) and its rules in the tag editor's condition builder, with the sentence they
// make. Checked as people type with the server's AudienceFields schema.
import { Modal, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMemo, useState, type FormEvent } from 'react';
import { AudienceFields } from '../../shared/schema';
import { audienceSentence } from '../lib/audiences';
import { errorCode, fieldErrors, notifyError } from '../lib/errors';
import { zodErrors } from '../lib/zodForm';
import { ConditionBuilder, type BuilderWords } from './ConditionBuilder';
import { FormActions } from './FormActions';

const ALL_CLIENTS = 'all';

const AUDIENCE_WORDS: BuilderWords = {
  lead: 'Take in visitors when',
  empty: 'No conditions yet, so the audience takes in every visitor. Add a condition to narrow it down.',
};

interface AudienceFormModalProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  submitLabel: string;
  initial: AudienceFields;
  /** Stored audiences keep their clients: the scope is shown but cannot change. */
  scopeLocked: boolean;
  clients: { id: string; name: string }[];
  /** Saves the audience; a rejected promise keeps the dialog open with the error shown. */
  onSubmit: (fields: AudienceFields) => Promise<unknown>;
}

function AudienceForm({ onClose, title, submitLabel, initial, scopeLocked, clients, onSubmit }: AudienceFormModalProps) {
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const form = useForm<AudienceFields>({
    initialValues: initial,
    onValuesChange: () => setServerErrors((prev) => (Object.keys(prev).length ? {} : prev)),
  });
  const liveErrors = useMemo(() => zodErrors(AudienceFields, form.values), [form.values]);
  const errorAt = (path: string): string | undefined =>
    serverErrors[path] ?? (submitted || form.isTouched(path) ? (liveErrors[path] as string | undefined) : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    const parsed = AudienceFields.safeParse(form.values);
    if (!parsed.success || saving) return;
    setSaving(true);
    try {
      await onSubmit(parsed.data);
    } catch (error) {
      const fields = fieldErrors(error);
      if (errorCode(error) === 'BAD_REQUEST' && Object.keys(fields).length) setServerErrors(fields);
      else notifyError(`${title} failed`, error);
    } finally {
      setSaving(false);
    }
  };

  const scopes = [{ value: ALL_CLIENTS, label: 'All clients' }, ...clients.map((c) => ({ value: c.id, label: c.name }))];
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="md">
        <TextInput label="Audience name" placeholder="Mobile paid search" data-autofocus withAsterisk {...form.getInputProps('name')} error={errorAt('name')} />
        <Select
          label="Available to"
          description={scopeLocked ? 'Fixed once the audience is created.' : 'Tags of every client can use it, or only the sites of one client.'}
          data={scopes}
          value={form.values.clientId ?? ALL_CLIENTS}
          onChange={(value) => value && form.setFieldValue('clientId', value === ALL_CLIENTS ? null : value)}
          allowDeselect={false}
          disabled={scopeLocked}
          error={errorAt('clientId')}
          w={340}
        />
        <ConditionBuilder form={form} errorAt={errorAt} readOnly={false} words={AUDIENCE_WORDS} />
        <Paper p="sm" bg="indigo.0">
          <Text size="xs" fw={700} tt="uppercase" c="indigo.8" mb={4}>
            In plain words
          </Text>
          <Text size="sm" fw={600} data-testid="audience-summary">
            {audienceSentence(form.values.conditions)}.
          </Text>
        </Paper>
        <FormActions onCancel={onClose} loading={saving}>
          {submitLabel}
        </FormActions>
      </Stack>
    </form>
  );
}

export function AudienceFormModal(props: AudienceFormModalProps) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} size="xl" centered>
      {props.opened && <AudienceForm {...props} />}
    </Modal>
  );
}
