// A small dialog that asks for one name: new client, renaming a client, new organisation.
// Validates as people type with the server's own Name schema.
import { Modal, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { z } from 'zod';
import { Name } from '../../shared/schema';
import { errorCode, fieldErrors, notifyError } from '../lib/errors';
import { zodResolver } from '../lib/zodForm';
import { FormActions } from './FormActions';

interface NameModalProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  description?: string;
  label: string;
  placeholder?: string;
  submitLabel: string;
  initialName?: string;
  /** Saves the name; a rejected promise keeps the dialog open with the error shown. */
  onSubmit: (name: string) => Promise<unknown>;
}

const NameForm = z.object({ name: Name });

function NameFormBody({ onClose, description, label, placeholder, submitLabel, initialName = '', onSubmit, title }: NameModalProps) {
  const form = useForm({
    initialValues: { name: initialName },
    validate: zodResolver(NameForm),
    validateInputOnChange: true,
  });

  const submit = form.onSubmit(async ({ name }) => {
    try {
      await onSubmit(name.trim());
    } catch (error) {
      const fields = fieldErrors(error);
      if (errorCode(error) === 'BAD_REQUEST' && fields.name) form.setErrors({ name: fields.name });
      else notifyError(`${title} failed`, error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {description && (
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        )}
        <TextInput label={label} placeholder={placeholder} data-autofocus withAsterisk {...form.getInputProps('name')} />
        <FormActions onCancel={onClose} loading={form.submitting}>
          {submitLabel}
        </FormActions>
      </Stack>
    </form>
  );
}

export function NameModal(props: NameModalProps) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} centered>
      {props.opened && <NameFormBody {...props} />}
    </Modal>
  );
}
