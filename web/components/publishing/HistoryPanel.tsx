// The record of every publish, rollback and promotion on a site: when, who, where, which version
// and the note they left.
import { EmptyState, Table, Text } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../trpc';
import { LoadError, PageLoader } from '../QueryState';
import { EnvironmentBadge, RecordTable, When } from './RecordTable';

const ACTION_WORDS = { publish: 'Published', rollback: 'Rolled back', promote: 'Promoted' } as const;

export function HistoryPanel({ siteId }: { siteId: string }) {
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
    <RecordTable label="Publishing history" columns={['When', 'Who', 'Action', 'Environment', 'Version', 'Note']}>
      {history.data.map((release) => (
        <Table.Tr key={release.id}>
          <Table.Td>
            <When iso={release.createdAt} />
          </Table.Td>
          <Table.Td>{release.userName}</Table.Td>
          <Table.Td>{ACTION_WORDS[release.action]}</Table.Td>
          <Table.Td>
            <EnvironmentBadge environment={release.environment} />
          </Table.Td>
          <Table.Td>Version {release.versionNumber}</Table.Td>
          <Table.Td>
            <Text size="sm" c={release.note ? undefined : 'dimmed'}>
              {release.note || '—'}
            </Text>
          </Table.Td>
        </Table.Tr>
      ))}
    </RecordTable>
  );
}
