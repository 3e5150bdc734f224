// One site: its tags with a sentence and status each, publishing (with the live version and how
// many unpublished changes there are, leading to the publishing page), a way to test a visit, the
// snippet to install, and what fired in the last 24 hours.
import { Badge, Button, Grid, Menu, Paper, Stack } from '@mantine/core';
import { IconChevronDown, IconFlask, IconHistory, IconSettings, IconTrash } from '@tabler/icons-react';
import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ConfirmDelete } from '../components/ConfirmDelete';
import { InstallPanel } from '../components/InstallPanel';
import { PageHeader } from '../components/PageHeader';
import { PublishButton } from '../components/PublishModal';
import { LoadError, PageLoader } from '../components/QueryState';
import { SiteFormModal } from '../components/SiteFormModal';
import { TagList, TagListHeader } from '../components/TagList';
import { VersionsCard } from '../components/VersionsCard';
import { WhatFired } from '../components/WhatFired';
import { useAccess } from '../lib/access';
import { notifyError, notifySuccess } from '../lib/errors';
import { pickSiteSettings } from '../../shared/schema';
import { useCurrent } from '../state/current';
import { useTRPC } from '../trpc';

export function SitePage() {
  const { siteId = '' } = useParams();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const visit = useCurrent((s) => s.visit);
  const forget = useCurrent((s) => s.forget);
  const details = useQuery(trpc.sites.get.queryOptions({ siteId }));
  const tags = useQuery(trpc.tags.list.queryOptions({ siteId }));
  const site = details.data?.site;
  const client = useQuery({ ...trpc.clients.get.queryOptions({ clientId: site?.clientId ?? '' }), enabled: Boolean(site) });
  const access = useAccess(site?.orgId);
  const audiences = useQuery(trpc.audiences.list.queryOptions(site ? { orgId: site.orgId } : skipToken));
  const audienceNames = useMemo(() => new Map((audiences.data ?? []).map((a) => [a.id, a.name])), [audiences.data]);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const tagNames = useMemo(() => new Map((tags.data ?? []).map((t) => [t.id, t.name])), [tags.data]);

  useEffect(() => {
    if (site) visit({ orgId: site.orgId, clientId: site.clientId, siteId: site.id });
  }, [site, visit]);

  const update = useMutation(trpc.sites.update.mutationOptions());
  const remove = useMutation(
    trpc.sites.remove.mutationOptions({
      onSuccess: async (_result, { siteId: removed }) => {
        forget(removed);
        notifySuccess(`Deleted the site ${site?.name ?? ''}`);
        await queryClient.invalidateQueries(trpc.sites.list.queryFilter());
        void navigate(site ? `/clients/${site.clientId}/sites` : '/');
      },
      onError: (error) => notifyError('Could not delete the site', error),
    }),
  );

  if (details.isPending) return <PageLoader />;
  if (details.isError) return <LoadError what="this site" error={details.error} onRetry={() => void details.refetch()} />;
  const { live, unpublishedChanges } = details.data;
  const s = details.data.site;
  const environments = details.data.environments.map((e) => e.name);

  const status = !live ? (
    <Badge color="gray" variant="light">
      Not published yet
    </Badge>
  ) : (
    <>
      <Badge color="teal" variant="light">
        Live: version {live.number}
      </Badge>
      {unpublishedChanges > 0 && (
        <Badge
          color="orange"
          variant="filled"
          component={Link}
          to={`/sites/${s.id}/publishing?from=live&to=draft`}
          title="See what changed since the live version"
          style={{ cursor: 'pointer' }}
        >
          {unpublishedChanges === 1 ? '1 unpublished change' : `${unpublishedChanges} unpublished changes`}
        </Badge>
      )}
    </>
  );

  return (
    <>
      <PageHeader
        crumbs={[{ label: client.data?.name ?? 'Client', to: `/clients/${s.clientId}/sites` }, { label: s.name }]}
        title={s.name}
        badges={status}
        description={s.domains.length ? s.domains.join(' · ') : 'No domains listed — add them in the site settings.'}
        actions={
          <>
            {access.manage && (
              <Menu position="bottom-end">
                <Menu.Target>
                  <Button variant="default" rightSection={<IconChevronDown size={14} />}>
                    Manage site
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item leftSection={<IconSettings size={16} />} onClick={() => setEditing(true)}>
                    Settings
                  </Menu.Item>
                  <Menu.Item leftSection={<IconTrash size={16} />} color="red" onClick={() => setDeleting(true)}>
                    Delete site
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            )}
            <Button variant="default" component={Link} to={`/sites/${s.id}/test`} leftSection={<IconFlask size={16} />}>
              Test a visit
            </Button>
            <Button variant="default" component={Link} to={`/sites/${s.id}/publishing`} leftSection={<IconHistory size={16} />}>
              Versions & environments
            </Button>
            <PublishButton
              siteId={s.id}
              siteName={s.name}
              environments={environments}
              access={access}
              highlighted={unpublishedChanges > 0 || !live}
            />
          </>
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">
            <Paper p="lg">
              <TagListHeader siteId={s.id} canEdit={access.edit} count={tags.data?.length ?? 0} />
              {tags.isPending ? (
                <PageLoader label="Loading the tags…" />
              ) : tags.isError ? (
                <LoadError what="the tags" error={tags.error} onRetry={() => void tags.refetch()} />
              ) : (
                <TagList siteId={s.id} timeZone={s.timeZone} tags={tags.data} audienceNames={audienceNames} canEdit={access.edit} />
              )}
            </Paper>
            <WhatFired siteId={s.id} tagNames={tagNames} collecting={s.collect} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="lg">
            <VersionsCard siteId={s.id} unpublishedChanges={unpublishedChanges} />
            <InstallPanel siteKey={s.siteKey} domains={s.domains} environments={environments} />
          </Stack>
        </Grid.Col>
      </Grid>

      <SiteFormModal
        opened={editing}
        onClose={() => setEditing(false)}
        title="Site settings"
        submitLabel="Save settings"
        initial={pickSiteSettings(s)}
        onSubmit={async (settings) => {
          await update.mutateAsync({ siteId: s.id, ...settings });
          await queryClient.invalidateQueries(trpc.sites.pathFilter());
          setEditing(false);
          notifySuccess('Saved the site settings. Publish to send them to visitors.');
        }}
      />
      <ConfirmDelete
        opened={deleting}
        onClose={() => setDeleting(false)}
        title={`Delete the site ${s.name}?`}
        loading={remove.isPending}
        onConfirm={() => remove.mutate({ siteId: s.id })}
      >
        Its tags, published versions and reports are deleted, and pages that carry its snippet stop firing pixels straight away.
        This cannot be undone.
      </ConfirmDelete>
    </>
  );
}
