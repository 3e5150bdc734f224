// Asks before anything is deleted, saying what goes with it; deleting is never one click.
import { Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { FormActions } from './FormActions';

interface ConfirmDeleteProps {
  opened: boolean;
  onClose: () => void;
  onConfirm: () => void;
  /** "Delete the client Acme?" */
  title: string;
  /** What is lost, in a sentence. */
  children: ReactNode;
  loading?: boolean;
}

export function ConfirmDelete({ opened, onClose, onConfirm, title, children, loading }: ConfirmDeleteProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <Stack gap="lg">
        <Text size="sm">{children}</Text>
        <FormActions onCancel={onClose} onAction={onConfirm} color="red" loading={loading}>
          Delete
        </FormActions>
      </Stack>
    </Modal>
  );
}
