// An organisation's audiences: named groups of visitor rules that many tags can require. Editors
// add, change and delete them; everyone sees who each one takes in and which clients may use it.
import { Button, Text } from '@mantine/core';
import { IconPlus, IconUsersGroup } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { EMPTY_CONDITIONS, type AudienceFields } from '../../shared/schema';
import { AudienceFormModal } from '../components/AudienceFormModal';
import { ConfirmDelete } from '../components/ConfirmDelete';
import { EntityTable } from '../components/EntityTable';
import { PageHeader } from '../components/PageHeader';
import { LoadError, PageLoader } from '../components/QueryState';
import { useAccess } from '../lib/access';
import { audienceSentence } from '../lib/audiences';
import { errorCode, errorMessage, notifyError, notifySuccess } from '../lib/errors';
import { useCurrent } from '../state/current';
import { useTRPC, type Outputs } from '../trpc';

type Audience = Outputs['audiences']['list'][number];

const NEW_AUDIENCE: AudienceFields = { name: '', clientId: null, conditions: EMPTY_CONDITIONS };

export function AudiencesPage() {
  const { orgId = '' } = useParams();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const visit = useCurrent((s) => s.visit);
  const access = useAccess(orgId);
  const orgs = useQuery(trpc.orgs.list.queryOptions());
  const org = orgs.data?.find((o) => o.id === orgId);
  const audiences = useQuery(trpc.audiences.list.queryOptions({ orgId }));
  const clients = useQuery(trpc.clients.list.queryOptions({ orgId }));
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Audience | null>(null);
  const [deleting, setDeleting] = useState<Audience | null>(null);
  /** Why the server kept the audience (tags still use it), shown in the dialog instead of a toast. */
  const [inUse, setInUse] = useState<string | null>(null);

  useEffect(() => {
    if (org) visit({ orgId: org.id });
  }, [org, visit]);

  const refresh = () => queryClient.invalidateQueries(trpc.audiences.pathFilter());
  const create = useMutation(trpc.audiences.create.mutationOptions());
  const update = useMutation(trpc.audiences.update.mutationOptions());
  const remove = useMutation(
    trpc.audiences.remove.mutationOptions({
      onSuccess: () => {
        notifySuccess(`Deleted the audience ${deleting?.name ?? ''}`);
        setDeleting(null);
        void refresh();
      },
      onError: (error) => (errorCode(error) === 'CONFLICT' ? setInUse(errorMessage(error)) : notifyError('Could not delete the audience', error)),
    }),
  );

  if (audiences.isPending) return <PageLoader />;
  if (audiences.isError) return <LoadError what="the audiences" error={audiences.error} onRetry={() => void audiences.refetch()} />;

  const clientNames = new Map((clients.data ?? []).map((c) => [c.id, c.name]));
  const closeDelete = () => {
    setDeleting(null);
    setInUse(null);
  };
  const newAudience = access.edit && (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
      New audience
    </Button>
  );

  return (
    <>
      <PageHeader
        crumbs={org ? [{ label: org.name }] : undefined}
        title="Audiences"
        description="Named groups of visitor rules. A tag that requires an audience fires only for visitors in it, on top of its own conditions."
        actions={audiences.data.length > 0 && newAudience}
      />
      <EntityTable
        items={[...audiences.data].sort((a, b) => a.name.localeCompare(b.name))}
        minWidth={620}
        columns={[
          {
            header: 'Audience',
            cell: (audience) => (
              <>
                <Text fw={600}>{audience.name}</Text>
                <Text size="sm" data-testid="audience-sentence">
                  {audienceSentence(audience.conditions)}.
                </Text>
              </>
            ),
          },
          {
            header: 'Available to',
            width: 200,
            cell: (audience) => (
              <Text size="sm">{audience.clientId === null ? 'For all clients' : (clientNames.get(audience.clientId) ?? 'One client')}</Text>
            ),
          },
        ]}
        actions={access.edit ? { editLabel: 'Edit', onEdit: setEditing, onDelete: setDeleting } : undefined}
        empty={{
          icon: <IconUsersGroup size={30} />,
          title: 'No audiences yet — save a group of visitor rules once and reuse it on many tags',
          description: access.edit
            ? 'For example “Mobile visitors from paid search”: add it here, then pick it in any tag under “Where and for whom”.'
            : 'An editor of this organisation can add them.',
          action: newAudience,
        }}
      />

      <AudienceFormModal
        opened={creating}
        onClose={() => setCreating(false)}
        title="New audience"
        submitLabel="Create audience"
        initial={NEW_AUDIENCE}
        scopeLocked={false}
        clients={clients.data ?? []}
        onSubmit={async (fields) => {
          const audience = await create.mutateAsync({ orgId, ...fields });
          await refresh();
          setCreating(false);
          notifySuccess(`Created the audience ${audience.name}`);
        }}
      />
      <AudienceFormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={`Edit the audience ${editing?.name ?? ''}`}
        submitLabel="Save audience"
        initial={editing ? { name: editing.name, clientId: editing.clientId, conditions: editing.conditions } : NEW_AUDIENCE}
        scopeLocked
        clients={clients.data ?? []}
        onSubmit={async ({ name, conditions }) => {
          await update.mutateAsync({ audienceId: editing!.id, name, conditions });
          await refresh();
          setEditing(null);
          notifySuccess('Saved the audience. Publish the sites whose tags use it to send the change to visitors.');
        }}
      />
      <ConfirmDelete
        opened={deleting !== null}
        onClose={closeDelete}
        title={`Delete the audience ${deleting?.name ?? ''}?`}
        loading={remove.isPending}
        onConfirm={() => deleting && remove.mutate({ audienceId: deleting.id })}
      >
        {inUse ? (
          <Text span c="red" size="sm" data-testid="audience-in-use">
            {inUse}
          </Text>
        ) : (
          'This removes the audience for everyone in the organisation. An audience can only be deleted once no tag uses it.'
        )}
      </ConfirmDelete>
    </>
  );
}
