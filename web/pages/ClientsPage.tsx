// An organisation's clients: the brands or companies it manages. Admins add, rename and delete
// them; everyone opens one to see its sites.
import { Anchor, Button, Text } from '@mantine/core';
import { IconBuildingStore, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ConfirmDelete } from '../components/ConfirmDelete';
import { EntityTable } from '../components/EntityTable';
import { NameModal } from '../components/NameModal';
import { PageHeader } from '../components/PageHeader';
import { LoadError, PageLoader } from '../components/QueryState';
import { useAccess } from '../lib/access';
import { notifyError, notifySuccess } from '../lib/errors';
import { shortDate } from '../lib/format';
import { useCurrent } from '../state/current';
import { useTRPC, type Outputs } from '../trpc';

type Client = Outputs['clients']['list'][number];

export function ClientsPage() {
  const { orgId = '' } = useParams();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const visit = useCurrent((s) => s.visit);
  const forget = useCurrent((s) => s.forget);
  const access = useAccess(orgId);
  const orgs = useQuery(trpc.orgs.list.queryOptions());
  const org = orgs.data?.find((o) => o.id === orgId);
  const clients = useQuery(trpc.clients.list.queryOptions({ orgId }));
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<Client | null>(null);
  const [deleting, setDeleting] = useState<Client | null>(null);

  useEffect(() => {
    if (org) visit({ orgId: org.id });
  }, [org, visit]);

  const refresh = () => queryClient.invalidateQueries(trpc.clients.pathFilter());
  const create = useMutation(trpc.clients.create.mutationOptions());
  const rename = useMutation(trpc.clients.update.mutationOptions());
  const remove = useMutation(
    trpc.clients.remove.mutationOptions({
      onSuccess: (_result, { clientId }) => {
        forget(clientId);
        notifySuccess(`Deleted the client ${deleting?.name ?? ''}`);
        setDeleting(null);
        void refresh();
      },
      onError: (error) => notifyError('Could not delete the client', error),
    }),
  );

  if (clients.isPending) return <PageLoader />;
  if (clients.isError) return <LoadError what="the clients" error={clients.error} onRetry={() => void clients.refetch()} />;

  const newClient = access.manage && (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
      New client
    </Button>
  );

  return (
    <>
      <PageHeader
        crumbs={org ? [{ label: org.name }] : undefined}
        title="Clients"
        description="The brands and companies you manage. Each client has its own sites, and each site its own tags."
        actions={clients.data.length > 0 && newClient}
      />
      <EntityTable
        items={clients.data}
        minWidth={520}
        columns={[
          {
            header: 'Client',
            cell: (client) => (
              <Anchor component={Link} to={`/clients/${client.id}/sites`} fw={600}>
                {client.name}
              </Anchor>
            ),
          },
          {
            header: 'Added',
            width: 160,
            cell: (client) => (
              <Text size="sm" c="dimmed">
                {shortDate(client.createdAt)}
              </Text>
            ),
          },
        ]}
        actions={access.manage ? { editLabel: 'Rename', onEdit: setRenaming, onDelete: setDeleting } : undefined}
        empty={{
          icon: <IconBuildingStore size={30} />,
          title: 'No clients yet',
          description: access.manage
            ? 'Add the first brand or company you manage — its sites and tags will live under it.'
            : 'There are no clients you can see yet. Ask an admin of this organisation to add one or give you access.',
          action: newClient,
        }}
      />

      <NameModal
        opened={creating}
        onClose={() => setCreating(false)}
        title="New client"
        description="A brand or company you manage. You will add its sites next."
        label="Client name"
        placeholder="Acme Shoes"
        submitLabel="Create client"
        onSubmit={async (name) => {
          const client = await create.mutateAsync({ orgId, name });
          await refresh();
          setCreating(false);
          notifySuccess(`Created the client ${client.name}`);
          visit({ orgId, clientId: client.id });
          void navigate(`/clients/${client.id}/sites`);
        }}
      />
      <NameModal
        opened={renaming !== null}
        onClose={() => setRenaming(null)}
        title="Rename client"
        label="Client name"
        submitLabel="Save name"
        initialName={renaming?.name}
        onSubmit={async (name) => {
          await rename.mutateAsync({ clientId: renaming!.id, name });
          await refresh();
          setRenaming(null);
        }}
      />
      <ConfirmDelete
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={`Delete the client ${deleting?.name ?? ''}?`}
        loading={remove.isPending}
        onConfirm={() => deleting && remove.mutate({ clientId: deleting.id })}
      >
        This removes the client for everyone in the organisation. A client can only be deleted once it has no sites left.
      </ConfirmDelete>
    </>
  );
}
