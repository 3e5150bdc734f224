// Publishing the draft to an environment with a short note — or, for editors, who may change tags
// but not publish them, asking a publisher to: the same form, sent as a publish request.
import { Button, Modal, Select, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { IconRocket } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { LIVE } from '../../shared/schema';
import type { Access } from '../lib/access';
import { notifyError, notifySuccess } from '../lib/errors';
import { useTRPC } from '../trpc';
import { FormActions } from './FormActions';

/** An editor's request a publisher answers by publishing it. */
export interface AnsweredRequest {
  id: string;
  environment: string;
  note: string;
}

interface PublishModalProps {
  opened: boolean;
  onClose: () => void;
  siteId: string;
  siteName: string;
  /** Names of the site's environments. */
  environments: string[];
  /** False for editors: the form asks for a publish instead of publishing. */
  canPublish: boolean;
  /** The environment picked first. */
  environment?: string;
  request?: AnsweredRequest;
}

function PublishForm({ onClose, siteId, siteName, environments, canPublish, environment: initial = LIVE, request }: PublishModalProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [note, setNote] = useState(request?.note ?? '');
  const [environment, setEnvironment] = useState(request?.environment ?? initial);
  // Versions, environments, requests and the record all change with a publish.
  const refresh = () => queryClient.invalidateQueries(trpc.sites.pathFilter());
  const publish = useMutation(
    trpc.sites.publish.mutationOptions({
      onSuccess: async (version) => {
        await refresh();
        notifySuccess(`Version ${version.number} of ${siteName} is on ${environment}. Visitors get it within a minute.`);
        onClose();
      },
      onError: (error) => notifyError('Could not publish', error),
    }),
  );
  const ask = useMutation(
    trpc.sites.requestPublish.mutationOptions({
      onSuccess: async () => {
        await refresh();
        notifySuccess(`Asked your publishers to publish ${siteName} to ${environment}.`);
        onClose();
      },
      onError: (error) => notifyError('Could not send the request', error),
    }),
  );
  const tooLong = note.trim().length > 500;
  const submit = () => {
    const input = { siteId, note: note.trim(), environment };
    if (!canPublish) ask.mutate(input);
    else publish.mutate(request ? { ...input, requestId: request.id } : input);
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!tooLong) submit();
      }}
    >
      <Stack gap="md">
        <Text size="sm">
          {canPublish
            ? `Everyone who loads the ${environment} snippet of ${siteName} will get the tags and settings as they are now. You can roll back at any time.`
            : `A publisher of your team sees your request and publishes the tags and settings of ${siteName} as they are then.`}
        </Text>
        <Select
          label="Environment"
          description={environment === LIVE ? 'What every visitor of the site gets' : `What pages with the ${environment} snippet get`}
          data={environments}
          value={environment}
          onChange={(v) => v && setEnvironment(v)}
          allowDeselect={false}
          disabled={Boolean(request)}
        />
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
        <FormActions onCancel={onClose} loading={publish.isPending || ask.isPending}>
          {canPublish ? 'Publish' : 'Request publish'}
        </FormActions>
      </Stack>
    </form>
  );
}

export function PublishModal(props: PublishModalProps) {
  const title = props.canPublish ? `Publish ${props.siteName}` : `Ask to publish ${props.siteName}`;
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={title} centered>
      {props.opened && <PublishForm {...props} />}
    </Modal>
  );
}

interface PublishButtonProps {
  siteId: string;
  siteName: string;
  environments: string[];
  access: Access;
  /** Filled when there is something to publish. */
  highlighted: boolean;
}

/** The page header's action: Publish for publishers, Request publish for editors, disabled for viewers. */
export function PublishButton({ siteId, siteName, environments, access, highlighted }: PublishButtonProps) {
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Tooltip label="Viewers cannot publish; ask an admin for the editor or publisher role" disabled={access.edit}>
        <Button
          leftSection={<IconRocket size={16} />}
          variant={highlighted ? 'filled' : 'default'}
          disabled={!access.edit}
          onClick={() => setOpened(true)}
        >
          {access.publish || !access.edit ? 'Publish' : 'Request publish'}
        </Button>
      </Tooltip>
      <PublishModal
        opened={opened}
        onClose={() => setOpened(false)}
        siteId={siteId}
        siteName={siteName}
        environments={environments}
        canPublish={access.publish}
      />
    </>
  );
}
