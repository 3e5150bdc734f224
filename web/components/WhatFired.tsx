// "What fired": how often each tag fired in the last 24 hours, from the collector's counts.
import { Alert, EmptyState, Group, Paper, Table, Text, Title } from '@mantine/core';
import { IconActivity } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { count } from '../lib/format';
import { eventWords } from '../lib/words';
import { useTRPC } from '../trpc';

interface WhatFiredProps {
  siteId: string;
  tagNames: Map<string, string>;
  collecting: boolean;
}

export function WhatFired({ siteId, tagNames, collecting }: WhatFiredProps) {
  const trpc = useTRPC();
  const hits = useQuery({ ...trpc.hits.summary.queryOptions({ siteId, hours: 24 }), refetchInterval: 30_000 });
  const rows = [...(hits.data ?? [])].sort((a, b) => b.count - a.count);

  return (
    <Paper p="lg">
      <Group justify="space-between" mb="sm">
        <Title order={4}>What fired</Title>
        <Text size="xs" c="dimmed">
          Last 24 hours
        </Text>
      </Group>
      {!collecting && (
        <Alert color="gray" mb="sm" variant="light">
          Counting is off for this site, so nothing new shows here. Turn on “Count what fires” in the site settings.
        </Alert>
      )}
      {hits.isError ? (
        <Text size="sm" c="red">
          The report could not be loaded. It refreshes by itself every 30 seconds.
        </Text>
      ) : hits.isPending ? (
        <Text size="sm" c="dimmed">
          Loading the report…
        </Text>
      ) : rows.length === 0 ? (
        <EmptyState
          size="sm"
          icon={<IconActivity size={24} />}
          title="Nothing fired in the last 24 hours"
          description="Once a version is published and the snippet is on the site, every pixel that fires is counted here."
        />
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing="xs" data-testid="what-fired">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Tag</Table.Th>
                <Table.Th>Event</Table.Th>
                <Table.Th ta="right">Fires</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={`${row.tagId ?? ''}:${row.event}`}>
                  <Table.Td>
                    {row.tagId === null ? (
                      <Text size="sm" c="dimmed">
                        The container itself
                      </Text>
                    ) : (
                      <Text size="sm">{tagNames.get(row.tagId) ?? 'A deleted tag'}</Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{eventWords(row.event)}</Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" fw={600}>
                      {count(row.count)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
