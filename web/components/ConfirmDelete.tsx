// Asks before anything is deleted, saying what goes with it; deleting is never one click.
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

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
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" onClick={onConfirm} loading={loading}>
            Delete
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
