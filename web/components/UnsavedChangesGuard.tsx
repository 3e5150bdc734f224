// Asks before leaving a page with unsaved edits, so a misclick in the navigation loses nothing.
import { Button, Group, Modal, Text } from '@mantine/core';
import { useBlocker } from 'react-router';

export function UnsavedChangesGuard({ when }: { when: () => boolean }) {
  const blocker = useBlocker(({ currentLocation, nextLocation }) => currentLocation.pathname !== nextLocation.pathname && when());
  return (
    <Modal opened={blocker.state === 'blocked'} onClose={() => blocker.reset?.()} title="Leave without saving?" centered>
      <Text size="sm">Your changes to this tag are not saved yet. If you leave now they are lost.</Text>
      <Group justify="flex-end" gap="sm" mt="lg">
        <Button variant="default" onClick={() => blocker.reset?.()}>
          Stay and keep editing
        </Button>
        <Button color="red" onClick={() => blocker.proceed?.()}>
          Leave without saving
        </Button>
      </Group>
    </Modal>
  );
}
