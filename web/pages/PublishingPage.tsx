// "Versions & environments" (/sites/:siteId/publishing): what each environment serves and how to
// change it, a comparison of any two versions (or the draft), the record of every publish and
// rollback, editors' publish requests, and preview links. The tab and the compared pair live in
// the address, so a link can open a comparison directly (?from=live&to=draft).
import { Badge, Button, Code, EmptyState, Group, Paper, Select, SimpleGrid, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { IconArrowLeft, IconExternalLink, IconEye, IconHistory, IconInbox } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { LIVE, type VersionRef } from '../../shared/schema';
import { CompareView, parseRef, refKey } from '../components/DiffView';
import { AddEnvironment, EnvironmentCard } from '../components/EnvironmentCard';
import { SnippetCopyButton } from '../components/InstallPanel';
import { PageHeader } from '../components/PageHeader';
import { PublishButton, PublishModal, type AnsweredRequest } from '../components/PublishModal';
import { LoadError, PageLoader } from '../components/QueryState';
import { environmentColor } from '../components/VersionsCard';
import { useAccess, type Access } from '../lib/access';
import { fieldErrors, notifyError, notifySuccess } from '../lib/errors';
import { dateTime, fromNow } from '../lib/format';
import { useCurrent } from '../state/current';
import { useTRPC, type Outputs } from '../trpc';

const TABS = ['environments', 'compare', 'history', 'requests', 'preview'] as const;
type Tab = (typeof TABS)[number];

const ACTION_WORDS = { publish: 'Published', rollback: 'Rolled back', promote: 'Promoted' } as const;

function When({ iso }: { iso: string }) {
  return (
    <Text size="sm" title={dateTime(iso)}>
      {fromNow(iso)}
    </Text>
  );
}

function HistoryPanel({ siteId }: { siteId: string }) {
  const trpc = useTRPC();
  const history = useQuery(trpc.sites.history.queryOptions({ siteId }));
  if (history.isPending) return <PageLoader label="Loading the history…" />;
  if (history.isError) return <LoadError what="the history" error={history.error} onRetry={() => void history.refetch()} />;
  if (history.data.length === 0) {
    return (
      <EmptyState
        py="xl"
        icon={<IconHistory size={30} />}
        variant="light"
        title="Nothing published yet"
        description="Every publish and rollback shows here, with who made it and why. Publish the draft to start the record."
      />
    );
  }
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="sm" aria-label="Publishing history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Who</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>Environment</Table.Th>
            <Table.Th>Version</Table.Th>
            <Table.Th>Note</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {history.data.map((release) => (
            <Table.Tr key={release.id}>
              <Table.Td>
                <When iso={release.createdAt} />
              </Table.Td>
              <Table.Td>{release.userName}</Table.Td>
              <Table.Td>{ACTION_WORDS[release.action]}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={environmentColor(release.environment)}>
                  {release.environment}
                </Badge>
              </Table.Td>
              <Table.Td>Version {release.versionNumber}</Table.Td>
              <Table.Td>
                <Text size="sm" c={release.note ? undefined : 'dimmed'}>
                  {release.note || '—'}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

type PublishRequest = Outputs['sites']['publishRequests'][number];

function RequestStatus({ request }: { request: PublishRequest }) {
  if (request.status === 'open') return <Badge color="yellow">Waiting</Badge>;
  const by = request.resolvedByName ? ` by ${request.resolvedByName}` : '';
  return request.status === 'published' ? (
    <Text size="sm">
      <Badge color="teal" variant="light" mr={6}>
        Published
      </Badge>
      as version {request.versionNumber}
      {by}
    </Text>
  ) : (
    <Text size="sm">
      <Badge color="gray" variant="light" mr={6}>
        Dismissed
      </Badge>
      {by}
    </Text>
  );
}

interface RequestsPanelProps {
  siteId: string;
  siteName: string;
  environments: string[];
  requests: PublishRequest[];
  access: Access;
}

function RequestsPanel({ siteId, siteName, environments, requests, access }: RequestsPanelProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [answering, setAnswering] = useState<AnsweredRequest | null>(null);
  const dismiss = useMutation(
    trpc.sites.dismissRequest.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.sites.publishRequests.queryFilter({ siteId }));
        notifySuccess('Dismissed the request');
      },
      onError: (error) => notifyError('Could not dismiss the request', error),
    }),
  );
  if (requests.length === 0) {
    return (
      <EmptyState
        py="xl"
        icon={<IconInbox size={30} />}
        variant="light"
        title="No publish requests"
        description="Editors ask for a publish with the Request publish button on the site; their requests wait here for a publisher."
      />
    );
  }
  // Open requests need an answer, so they come first; the rest newest first.
  const sorted = [...requests].sort((a, b) => Number(b.status === 'open') - Number(a.status === 'open') || b.createdAt.localeCompare(a.createdAt));
  return (
    <>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="sm" aria-label="Publish requests">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Asked</Table.Th>
              <Table.Th>By</Table.Th>
              <Table.Th>Environment</Table.Th>
              <Table.Th>Note</Table.Th>
              <Table.Th>Status</Table.Th>
              {access.publish && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((request) => (
              <Table.Tr key={request.id}>
                <Table.Td>
                  <When iso={request.createdAt} />
                </Table.Td>
                <Table.Td>{request.requestedByName}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={environmentColor(request.environment)}>
                    {request.environment}
                  </Badge>
                </Table.Td>
                <Table.Td>{request.note || <Text c="dimmed">—</Text>}</Table.Td>
                <Table.Td>
                  <RequestStatus request={request} />
                </Table.Td>
                {access.publish && (
                  <Table.Td>
                    {request.status === 'open' && (
                      <Group gap="xs" wrap="nowrap" justify="flex-end">
                        <Button size="xs" onClick={() => setAnswering(request)}>
                          Publish
                        </Button>
                        <Button
                          size="xs"
                          variant="default"
                          loading={dismiss.isPending && dismiss.variables.requestId === request.id}
                          onClick={() => dismiss.mutate({ siteId, requestId: request.id })}
                        >
                          Dismiss
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <PublishModal
        opened={answering !== null}
        onClose={() => setAnswering(null)}
        siteId={siteId}
        siteName={siteName}
        environments={environments}
        canPublish
        request={answering ?? undefined}
      />
    </>
  );
}

interface PreviewPanelProps {
  siteId: string;
  domains: string[];
  versions: { number: number; note: string }[];
}

function PreviewPanel({ siteId, domains, versions }: PreviewPanelProps) {
  const trpc = useTRPC();
  const [source, setSource] = useState('draft');
  const [pageUrl, setPageUrl] = useState(() => {
    const domain = domains.find((d) => !d.startsWith('*.'));
    return domain ? `https://${domain}/` : '';
  });
  const preview = useMutation(trpc.sites.preview.mutationOptions({ onError: (error) => notifyError('Could not create the preview link', error) }));
  const link = preview.data;
  const errors = preview.isError ? fieldErrors(preview.error) : {};

  return (
    <Stack gap="md" maw={760}>
      <Text size="sm">
        See a version — or the draft, before anyone publishes it — on the real site. The link works in one browser: the one
        that opens it. Everyone else keeps getting what live serves.
      </Text>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          preview.mutate({ siteId, source: source === 'draft' ? 'draft' : Number(source), pageUrl: pageUrl.trim() });
        }}
      >
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label="Preview"
              data={[{ value: 'draft', label: 'Draft (saved changes)' }, ...versions.map((v) => ({ value: String(v.number), label: `Version ${v.number}` }))]}
              value={source}
              onChange={(v) => v && setSource(v)}
              allowDeselect={false}
            />
            <TextInput
              label="Page address"
              placeholder="https://www.example.com/"
              value={pageUrl}
              onChange={(event) => setPageUrl(event.currentTarget.value)}
              error={errors.pageUrl}
            />
          </SimpleGrid>
          <Group>
            <Button type="submit" leftSection={<IconEye size={16} />} loading={preview.isPending} disabled={!pageUrl.trim()}>
              Create preview link
            </Button>
          </Group>
        </Stack>
      </form>
      {link && (
        <Paper p="md" bg="var(--mantine-color-default-hover)" aria-label="Preview link" component="section">
          <Stack gap="xs">
            <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }} data-testid="preview-link">
              {link.url}
            </Code>
            <Group gap="xs">
              <SnippetCopyButton snippet={link.url} label="Copy link" />
              <Button size="xs" variant="light" component="a" href={link.url} target="_blank" rel="noopener noreferrer" leftSection={<IconExternalLink size={14} />}>
                Open
              </Button>
              <Text size="xs" c="dimmed">
                Works until {dateTime(link.expiresAt)}.
              </Text>
            </Group>
            <Text size="xs" c="dimmed">
              Only the browser that opens this link sees the preview, with a panel listing what fires. Anyone you send it to gets their
              own preview.
            </Text>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

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
          <Stack gap="lg">
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
              {environments.map((environment) => (
                <EnvironmentCard
                  key={environment.name}
                  siteId={s.id}
                  siteKey={s.siteKey}
                  siteName={s.name}
                  environment={environment}
                  environments={names}
                  versions={versionList}
                  access={access}
                />
              ))}
            </SimpleGrid>
            {access.manage && (
              <Paper p="lg">
                <AddEnvironment siteId={s.id} />
              </Paper>
            )}
          </Stack>
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
            <Title order={4} mb="sm">
              Preview on the site
            </Title>
            {access.edit ? (
              <PreviewPanel siteId={s.id} domains={s.domains} versions={versionList} />
            ) : (
              <Text size="sm" c="dimmed">
                Preview links need the editor role; ask an admin of your organisation.
              </Text>
            )}
          </Paper>
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
