// A client's sites. Each site has its own snippet and tags; admins add, change and delete sites.
import { Anchor, Badge, Button, Card, EmptyState, Group, Menu, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconPlus, IconSettings, IconTrash, IconWorld } from '@tabler/icons-react';
import { RowMenu } from '../components/RowMenu';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { pickSiteSettings } from '../../shared/schema';
import { ConfirmDelete } from '../components/ConfirmDelete';
import { PageHeader } from '../components/PageHeader';
import { LoadError, PageLoader } from '../components/QueryState';
import { NEW_SITE, SiteFormModal } from '../components/SiteFormModal';
import { useAccess } from '../lib/access';
import { notifyError, notifySuccess } from '../lib/errors';
import { shortDate } from '../lib/format';
import { useCurrent } from '../state/current';
import { useTRPC, type Outputs } from '../trpc';

type Site = Outputs['sites']['list'][number];


export function SitesPage() {
  const { clientId = '' } = useParams();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const visit = useCurrent((s) => s.visit);
  const forget = useCurrent((s) => s.forget);
  const client = useQuery(trpc.clients.get.queryOptions({ clientId }));
  const sites = useQuery(trpc.sites.list.queryOptions({ clientId }));
  const orgs = useQuery(trpc.orgs.list.queryOptions());
  const org = orgs.data?.find((o) => o.id === client.data?.orgId);
  const access = useAccess(client.data?.orgId);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Site | null>(null);
  const [deleting, setDeleting] = useState<Site | null>(null);

  useEffect(() => {
    if (client.data) visit({ orgId: client.data.orgId, clientId: client.data.id });
  }, [client.data, visit]);

  const refresh = () => queryClient.invalidateQueries(trpc.sites.pathFilter());
  const create = useMutation(trpc.sites.create.mutationOptions());
  const update = useMutation(trpc.sites.update.mutationOptions());
  const remove = useMutation(
    trpc.sites.remove.mutationOptions({
      onSuccess: (_result, { siteId }) => {
        forget(siteId);
        notifySuccess(`Deleted the site ${deleting?.name ?? ''}`);
        setDeleting(null);
        void refresh();
      },
      onError: (error) => notifyError('Could not delete the site', error),
    }),
  );

  if (client.isPending || sites.isPending) return <PageLoader />;
  if (client.isError) return <LoadError what="this client" error={client.error} onRetry={() => void client.refetch()} />;
  if (sites.isError) return <LoadError what="the sites" error={sites.error} onRetry={() => void sites.refetch()} />;

  const newSite = access.manage && (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
      New site
    </Button>
  );

  return (
    <>
      <PageHeader
        crumbs={[{ label: org?.name ?? 'Clients', to: `/orgs/${client.data.orgId}/clients` }, { label: client.data.name }]}
        title="Sites"
        description={`Websites of ${client.data.name}: each one gets a snippet to paste once, and its own set of tags.`}
        actions={sites.data.length > 0 && newSite}
      />
      {sites.data.length === 0 ? (
        <Paper p="xl">
          <EmptyState
            icon={<IconWorld size={30} />}
            variant="light"
            title="No sites yet"
            description={
              access.manage
                ? 'No sites yet — add the first one to get its snippet.'
                : 'No sites yet. Ask an admin of this organisation to add one.'
            }
          >
            {newSite && <EmptyState.Actions>{newSite}</EmptyState.Actions>}
          </EmptyState>
        </Paper>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="lg">
          {sites.data.map((site) => (
            <Card key={site.id} padding="lg">
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Stack gap={4} style={{ minWidth: 0 }}>
                  <Anchor component={Link} to={`/sites/${site.id}`} fw={650} size="lg">
                    {site.name}
                  </Anchor>
                  <Text size="sm" c="dimmed" truncate>
                    {site.domains.length ? site.domains.join(', ') : 'No domains listed yet'}
                  </Text>
                </Stack>
                {access.manage && (
                  <RowMenu name={site.name}>
                    <Menu.Item leftSection={<IconSettings size={16} />} onClick={() => setEditing(site)}>
                      Settings
                    </Menu.Item>
                    <Menu.Item leftSection={<IconTrash size={16} />} color="red" onClick={() => setDeleting(site)}>
                      Delete
                    </Menu.Item>
                  </RowMenu>
                )}
              </Group>
              <Group gap="xs" mt="md">
                <Badge variant="light" color={site.collect ? 'teal' : 'gray'}>
                  {site.collect ? 'Counting fires' : 'Not counting fires'}
                </Badge>
                <Badge variant="light" color="gray">
                  {site.timeZone}
                </Badge>
              </Group>
              <Group justify="space-between" mt="lg">
                <Text size="xs" c="dimmed">
                  Added {shortDate(site.createdAt)}
                </Text>
                <Button variant="light" size="xs" component={Link} to={`/sites/${site.id}`}>
                  Open site
                </Button>
              </Group>
            </Card>
          ))}
        </SimpleGrid>
      )}

      <SiteFormModal
        opened={creating}
        onClose={() => setCreating(false)}
        title="New site"
        submitLabel="Create site"
        initial={NEW_SITE}
        onSubmit={async (settings) => {
          const site = await create.mutateAsync({ clientId, ...settings });
          await refresh();
          setCreating(false);
          notifySuccess(`Created the site ${site.name}. Paste its snippet, then add tags.`);
          void navigate(`/sites/${site.id}`);
        }}
      />
      <SiteFormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title="Site settings"
        submitLabel="Save settings"
        initial={editing ? pickSiteSettings(editing) : NEW_SITE}
        onSubmit={async (settings) => {
          await update.mutateAsync({ siteId: editing!.id, ...settings });
          await refresh();
          setEditing(null);
          notifySuccess('Saved the site settings');
        }}
      />
      <ConfirmDelete
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={`Delete the site ${deleting?.name ?? ''}?`}
        loading={remove.isPending}
        onConfirm={() => deleting && remove.mutate({ siteId: deleting.id })}
      >
        Its tags, published versions and reports are deleted, and pages that carry its snippet stop firing pixels straight away.
        This cannot be undone.
      </ConfirmDelete>
    </>
  );
}
