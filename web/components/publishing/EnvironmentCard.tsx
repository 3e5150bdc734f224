// One environment of a site: the version it serves, its snippet, and for publishers the ways to
// change what it serves (publish the draft there, or point it at an existing version); admins
// add and remove the environments a site has beyond live and staging.
import { Badge, Button, Code, Group, Modal, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconArrowBackUp, IconPlus, IconRocket, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { LIVE } from '../../../shared/schema';
import type { Access } from '../../lib/access';
import { errorMessage, notifyError, notifySuccess } from '../../lib/errors';
import { dateTime, fromNow } from '../../lib/format';
import { useTRPC } from '../../trpc';
import { ConfirmDelete } from '../ConfirmDelete';
import { SnippetCopyButton, snippetFor } from '../InstallPanel';
import { PublishModal } from '../PublishModal';
import { environmentColor } from '../VersionsCard';
import { FormActions } from '../FormActions';

export interface EnvironmentSummary {
  name: string;
  builtIn: boolean;
  versionNumber: number | null;
  updatedAt: string | null;
}

interface VersionSummary {
  number: number;
  note: string;
}

interface RollbackFormProps {
  onClose: () => void;
  siteId: string;
  environment: EnvironmentSummary;
  versions: VersionSummary[];
}

/** Back to an earlier version or forward to a later one: the environment serves it without a new publish. */
function RollbackForm({ onClose, siteId, environment, versions }: RollbackFormProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const choices = versions.filter((v) => v.number !== environment.versionNumber);
  const [picked, setPicked] = useState<string | null>(choices[0] ? String(choices[0].number) : null);
  const [note, setNote] = useState('');
  const target = picked ? Number(picked) : null;
  const back = target !== null && environment.versionNumber !== null && target < environment.versionNumber;
  const rollback = useMutation(
    trpc.sites.rollback.mutationOptions({
      onSuccess: async (_release, input) => {
        await queryClient.invalidateQueries(trpc.sites.pathFilter());
        notifySuccess(`${environment.name} now serves version ${input.versionNumber}.`);
        onClose();
      },
      onError: (error) => notifyError(back ? 'Could not roll back' : 'Could not promote', error),
    }),
  );
  const tooLong = note.trim().length > 500;

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (target !== null && !tooLong) rollback.mutate({ siteId, environment: environment.name, versionNumber: target, note: note.trim() });
      }}
    >
      <Stack gap="md">
        <Select
          label="Version"
          data={choices.map((v) => ({ value: String(v.number), label: `Version ${v.number}${v.note ? ` — ${v.note}` : ''}` }))}
          value={picked}
          onChange={setPicked}
          allowDeselect={false}
          nothingFoundMessage="There is no other version yet"
        />
        <Textarea
          label="Why?"
          description="A short note for your team's history"
          placeholder="The new checkout pixel double-counts orders"
          autosize
          minRows={2}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          error={tooLong ? 'Keep the note under 500 characters' : undefined}
        />
        {target !== null && (
          <Text size="sm">
            Points {environment.name} at version {target}. Every server serves it within a second; browsers that already hold the old container pick it up within a minute.
          </Text>
        )}
        <FormActions onCancel={onClose} color={back ? 'orange' : undefined} disabled={target === null} loading={rollback.isPending}>
          {back ? 'Roll back' : 'Promote'}
        </FormActions>
      </Stack>
    </form>
  );
}

interface EnvironmentCardProps {
  siteId: string;
  siteKey: string;
  siteName: string;
  environment: EnvironmentSummary;
  environments: string[];
  versions: VersionSummary[];
  access: Access;
}

export function EnvironmentCard({ siteId, siteKey, siteName, environment, environments, versions, access }: EnvironmentCardProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<'publish' | 'rollback' | 'remove' | null>(null);
  const close = () => setOpen(null);
  const snippet = snippetFor(siteKey, environment.name);
  const remove = useMutation(
    trpc.sites.removeEnvironment.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.sites.pathFilter());
        notifySuccess(`Removed the environment ${environment.name}`);
        close();
      },
      onError: (error) => notifyError('Could not remove the environment', error),
    }),
  );

  return (
    <Paper p="lg" component="section" aria-label={`Environment ${environment.name}`}>
      <Stack gap="sm">
        <Group justify="space-between" align="center">
          <Group gap="xs">
            <Title order={4}>{environment.name}</Title>
            {environment.versionNumber ? (
              <Badge color={environmentColor(environment.name)} variant="light">
                Version {environment.versionNumber}
              </Badge>
            ) : (
              <Badge color="gray" variant="light">
                Nothing published
              </Badge>
            )}
          </Group>
          <SnippetCopyButton snippet={snippet} />
        </Group>
        <Text size="sm" c="dimmed">
          {environment.name === LIVE ? 'What every visitor of the site gets.' : `What pages carrying the ${environment.name} snippet get.`}
          {environment.updatedAt && (
            <span title={dateTime(environment.updatedAt)}> Changed {fromNow(environment.updatedAt)}.</span>
          )}
        </Text>
        <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
          {snippet}
        </Code>
        {(access.publish || (access.manage && !environment.builtIn)) && (
          <Group gap="xs">
            {access.publish && (
              <>
                <Button size="xs" leftSection={<IconRocket size={14} />} onClick={() => setOpen('publish')}>
                  Publish draft here
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  leftSection={<IconArrowBackUp size={14} />}
                  disabled={!versions.some((v) => v.number !== environment.versionNumber)}
                  onClick={() => setOpen('rollback')}
                >
                  Roll back / promote
                </Button>
              </>
            )}
            {access.manage && !environment.builtIn && (
              <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} />} onClick={() => setOpen('remove')}>
                Remove
              </Button>
            )}
          </Group>
        )}
      </Stack>

      <PublishModal
        opened={open === 'publish'}
        onClose={close}
        siteId={siteId}
        siteName={siteName}
        environments={environments}
        environment={environment.name}
        canPublish
      />
      <Modal opened={open === 'rollback'} onClose={close} title={`Change the version ${environment.name} serves`} centered>
        {open === 'rollback' && <RollbackForm onClose={close} siteId={siteId} environment={environment} versions={versions} />}
      </Modal>
      <ConfirmDelete
        opened={open === 'remove'}
        onClose={close}
        title={`Remove the environment ${environment.name}?`}
        loading={remove.isPending}
        onConfirm={() => remove.mutate({ siteId, name: environment.name })}
      >
        Pages carrying its snippet get no tags from then on. Versions stay, and live is not affected.
      </ConfirmDelete>
    </Paper>
  );
}

/** Admins name a new environment; it serves nothing until something is published to it. */
export function AddEnvironment({ siteId }: { siteId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const add = useMutation(
    trpc.sites.addEnvironment.mutationOptions({
      onSuccess: async (_list, input) => {
        await queryClient.invalidateQueries(trpc.sites.pathFilter());
        notifySuccess(`Added the environment ${input.name}. Publish to it to give it a version.`);
        setName('');
      },
    }),
  );
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (name.trim()) add.mutate({ siteId, name: name.trim() });
      }}
    >
      <Group align="flex-end" gap="sm">
        <TextInput
          label="New environment"
          description="Lower-case letters, digits and dashes, e.g. qa or campaign-test"
          placeholder="qa"
          value={name}
          onChange={(event) => {
            setName(event.currentTarget.value);
            add.reset();
          }}
          error={add.isError ? errorMessage(add.error) : undefined}
          style={{ flex: 1, maxWidth: 360 }}
        />
        <Button type="submit" variant="light" leftSection={<IconPlus size={16} />} loading={add.isPending} disabled={!name.trim()}>
          Add environment
        </Button>
      </Group>
    </form>
  );
}
