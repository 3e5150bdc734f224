// Asks for a short note and publishes the site's draft, making it what visitors get.
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { notifyError, notifySuccess } from '../lib/errors';
import { useTRPC } from '../trpc';

interface PublishModalProps {
  opened: boolean;
  onClose: () => void;
  siteId: string;
  siteName: string;
}

function PublishForm({ onClose, siteId, siteName }: PublishModalProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const publish = useMutation(
    trpc.sites.publish.mutationOptions({
      onSuccess: async (version) => {
        await Promise.all([
          queryClient.invalidateQueries(trpc.sites.get.queryFilter({ siteId })),
          queryClient.invalidateQueries(trpc.sites.versions.queryFilter({ siteId })),
        ]);
        notifySuccess(`Version ${version.number} of ${siteName} is live. Visitors get it within a minute.`);
        onClose();
      },
      onError: (error) => notifyError('Could not publish', error),
    }),
  );
  const tooLong = note.trim().length > 500;

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!tooLong) publish.mutate({ siteId, note: note.trim() });
      }}
    >
      <Stack gap="md">
        <Text size="sm">
          Every visitor of {siteName} will get the tags and settings as they are now. You can publish again at any time.
        </Text>
        <Textarea
          label="What changed?"
          description="A short note for your team's history"
          placeholder="Added the checkout conversion pixel"
          autosize
          minRows={2}
          data-autofocus
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          error={tooLong ? 'Keep the note under 500 characters' : undefined}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={publish.isPending}>
            Publish
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function PublishModal(props: PublishModalProps) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={`Publish ${props.siteName}`} centered>
      {props.opened && <PublishForm {...props} />}
    </Modal>
  );
}
