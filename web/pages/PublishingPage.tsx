// "Versions & environments" (/sites/:siteId/publishing): what each environment serves and how to
// change it, a comparison of any two versions (or the draft), the record of every publish and
// rollback, editors' publish requests, and preview links. The tab and the compared pair live in
// the address, so a link can open a comparison directly (?from=live&to=draft).
import { Badge, Button, Paper, Tabs } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { LIVE, type VersionRef } from '../../shared/schema';
import { PageHeader } from '../components/PageHeader';
import { PublishButton } from '../components/PublishModal';
import { CompareView, parseRef, refKey } from '../components/publishing/DiffView';
import { EnvironmentsPanel } from '../components/publishing/EnvironmentsPanel';
import { HistoryPanel } from '../components/publishing/HistoryPanel';
import { PreviewPanel } from '../components/publishing/PreviewPanel';
import { RequestsPanel } from '../components/publishing/RequestsPanel';
import { LoadError, PageLoader } from '../components/QueryState';
import { useAccess } from '../lib/access';
import { useCurrent } from '../state/current';
import { useTRPC } from '../trpc';

const TABS = ['environments', 'compare', 'history', 'requests', 'preview'] as const;
type Tab = (typeof TABS)[number];

export function PublishingPage() {
  const { siteId = '' } = useParams();
  const trpc = useTRPC();
  const visit = useCurrent((s) => s.visit);
  const [params, setParams] = useSearchParams();
  const details = useQuery(trpc.sites.get.queryOptions({ siteId }));
  const versions = useQuery(trpc.sites.versions.queryOptions({ siteId }));
  const requests = useQuery(trpc.sites.publishRequests.queryOptions({ siteId }));
  const site = details.data?.site;
  const client = useQuery({ ...trpc.clients.get.queryOptions({ clientId: site?.clientId ?? '' }), enabled: Boolean(site) });
  const access = useAccess(site?.orgId);

  useEffect(() => {
    if (site) visit({ orgId: site.orgId, clientId: site.clientId, siteId: site.id });
  }, [site, visit]);

  if (details.isPending) return <PageLoader />;
  if (details.isError) return <LoadError what="this site" error={details.error} onRetry={() => void details.refetch()} />;
  const s = details.data.site;
  const environments = details.data.environments;
  const names = environments.map((e) => e.name);
  const versionList = versions.data ?? [];
  const from = parseRef(params.get('from')) ?? { environment: LIVE };
  const to = parseRef(params.get('to')) ?? 'draft';
  const asked = params.get('tab');
  const tab: Tab = TABS.includes(asked as Tab) ? (asked as Tab) : params.has('from') || params.has('to') ? 'compare' : 'environments';
  const openRequests = (requests.data ?? []).filter((r) => r.status === 'open').length;

  const change = (next: Record<string, string>) =>
    setParams(
      (current) => {
        const merged = new URLSearchParams(current);
        for (const [key, value] of Object.entries(next)) merged.set(key, value);
        return merged;
      },
      { replace: true },
    );
  const compare = (side: 'from' | 'to', ref: VersionRef) => change({ tab: 'compare', from: refKey(from), to: refKey(to), [side]: refKey(ref) });

  return (
    <>
      <PageHeader
        crumbs={[
          { label: client.data?.name ?? 'Client', to: `/clients/${s.clientId}/sites` },
          { label: s.name, to: `/sites/${s.id}` },
          { label: 'Versions & environments' },
        ]}
        title="Versions & environments"
        description="What each environment serves, what changed between versions, and who published what, when and why."
        actions={
          <>
            <Button variant="default" component={Link} to={`/sites/${s.id}`} leftSection={<IconArrowLeft size={16} />}>
              Back to the site
            </Button>
            <PublishButton
              siteId={s.id}
              siteName={s.name}
              environments={names}
              access={access}
              highlighted={details.data.unpublishedChanges > 0 || !details.data.live}
            />
          </>
        }
      />
      <Tabs value={tab} onChange={(value) => value && change({ tab: value })} keepMounted={false}>
        <Tabs.List mb="lg">
          <Tabs.Tab value="environments">Environments</Tabs.Tab>
          <Tabs.Tab value="compare">Compare</Tabs.Tab>
          <Tabs.Tab value="history">History</Tabs.Tab>
          <Tabs.Tab
            value="requests"
            rightSection={
              openRequests > 0 ? (
                <Badge size="xs" circle color="yellow">
                  {openRequests}
                </Badge>
              ) : undefined
            }
          >
            Publish requests
          </Tabs.Tab>
          <Tabs.Tab value="preview">Preview</Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="environments">
          <EnvironmentsPanel site={s} environments={environments} versions={versionList} access={access} />
        </Tabs.Panel>
        <Tabs.Panel value="compare">
          <Paper p="lg">
            <CompareView siteId={s.id} from={from} to={to} onChange={compare} environments={environments} versions={versionList} />
          </Paper>
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <Paper p="lg">
            <HistoryPanel siteId={s.id} />
          </Paper>
        </Tabs.Panel>
        <Tabs.Panel value="requests">
          <Paper p="lg">
            {requests.isPending ? (
              <PageLoader label="Loading the requests…" />
            ) : requests.isError ? (
              <LoadError what="the publish requests" error={requests.error} onRetry={() => void requests.refetch()} />
            ) : (
              <RequestsPanel siteId={s.id} siteName={s.name} environments={names} requests={requests.data} access={access} />
            )}
          </Paper>
        </Tabs.Panel>
        <Tabs.Panel value="preview">
          <Paper p="lg">
            <PreviewPanel canEdit={access.edit} siteId={s.id} domains={s.domains} versions={versionList} />
          </Paper>
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
