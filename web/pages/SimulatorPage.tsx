// "Test a visit" (/sites/:siteId/test): make up a visit and see which of the site's draft tags
// would fire and, for each that would not, why — with the same evaluator visitors' browsers run.
import { Alert, Button, Grid, Paper, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useEffect, useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { describeTag } from '../../shared/rules/describe';
import { simulate } from '../../shared/rules/simulate';
import { PageHeader } from '../components/PageHeader';
import { LoadError, PageLoader } from '../components/QueryState';
import { SimulationResults } from '../components/SimulationResults';
import { VisitForm } from '../components/VisitForm';
import { toVisit } from '../lib/visit';
import { useCurrent } from '../state/current';
import { useSimulator } from '../state/simulator';
import { useTRPC } from '../trpc';

export function SimulatorPage() {
  const { siteId = '' } = useParams();
  const trpc = useTRPC();
  const visit = useCurrent((s) => s.visit);
  const details = useQuery(trpc.sites.get.queryOptions({ siteId }));
  const tags = useQuery(trpc.tags.list.queryOptions({ siteId }));
  const audiences = useQuery({ ...trpc.audiences.list.queryOptions({ orgId: details.data?.site.orgId ?? '' }), enabled: Boolean(details.data) });
  const site = details.data?.site;
  const client = useQuery({ ...trpc.clients.get.queryOptions({ clientId: site?.clientId ?? '' }), enabled: Boolean(site) });
  const draft = useDeferredValue(useSimulator((s) => s.draft));
  const change = useSimulator((s) => s.change);
  const homePage = `https://${site?.domains.find((d) => !d.startsWith('*.')) ?? 'www.example.com'}/`;

  useEffect(() => {
    if (site) visit({ orgId: site.orgId, clientId: site.clientId, siteId: site.id });
  }, [site, visit]);
  // A first visit to the simulator starts on the site's home page.
  useEffect(() => {
    if (site && useSimulator.getState().draft.url === '') change({ url: homePage });
  }, [site, homePage, change]);

  const result = useMemo(() => (site ? toVisit(draft, site.timeZone, Date.now()) : null), [draft, site]);
  const verdicts = useMemo(
    () => (site && tags.data && result?.visit ? simulate(site, tags.data, result.visit, audiences.data ?? []) : null),
    [site, tags.data, result, audiences.data],
  );
  const sentences = useMemo(
    () => new Map((tags.data ?? []).map((t) => [t.id, describeTag(t, { timeZone: site?.timeZone ?? 'UTC' }, Date.now())])),
    [tags.data, site?.timeZone],
  );

  if (details.isPending) return <PageLoader />;
  if (details.isError) return <LoadError what="this site" error={details.error} onRetry={() => void details.refetch()} />;
  const s = details.data.site;

  return (
    <>
      <PageHeader
        crumbs={[{ label: client.data?.name ?? 'Client', to: `/clients/${s.clientId}/sites` }, { label: s.name, to: `/sites/${s.id}` }, { label: 'Test a visit' }]}
        title="Test a visit"
        description="Make up a visit and see which tags would fire on it, and why the others would not. It tests the draft, so you can check changes before you publish."
        actions={
          <Button variant="default" component={Link} to={`/sites/${s.id}`} leftSection={<IconArrowLeft size={16} />}>
            Back to the site
          </Button>
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Paper p="lg">
            <Title order={4} mb="sm">
              The visit
            </Title>
            <VisitForm timeZone={s.timeZone} errors={result?.errors ?? {}} homePage={homePage} />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Paper p="lg" style={{ position: 'sticky', top: 88 }}>
            <Title order={4} mb="sm">
              What fires
            </Title>
            {tags.isPending ? (
              <PageLoader label="Loading the tags…" />
            ) : tags.isError ? (
              <LoadError what="the tags" error={tags.error} onRetry={() => void tags.refetch()} />
            ) : tags.data.length === 0 ? (
              <Text size="sm" c="dimmed">
                This site has no tags yet. Add one on the site page, then come back to test it.
              </Text>
            ) : verdicts ? (
              <SimulationResults verdicts={verdicts} sentences={sentences} />
            ) : (
              <Alert color="orange" icon={<IconAlertTriangle size={20} />} title="Finish the visit to see what fires">
                {Object.values(result?.errors ?? {}).join('. ')}.
              </Alert>
            )}
            <Text size="xs" c="dimmed" mt="md">
              Firing caps are not counted here: the test assumes the tags have not fired for this visitor before.
            </Text>
          </Paper>
        </Grid.Col>
      </Grid>
    </>
  );
}
