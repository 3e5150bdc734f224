// What visitors get now: the live version with its note, and the versions published before it.
import { Badge, Group, Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { dateTime, fromNow } from '../lib/format';
import { useTRPC } from '../trpc';

const SHOWN = 5;

export function VersionsCard({ siteId, unpublishedChanges }: { siteId: string; unpublishedChanges: boolean }) {
  const trpc = useTRPC();
  const versions = useQuery(trpc.sites.versions.queryOptions({ siteId }));
  const list = [...(versions.data ?? [])].sort((a, b) => b.number - a.number);
  const live = list[0];

  return (
    <Paper p="lg">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>Publishing</Title>
          {live && (
            <Badge variant="light" color={unpublishedChanges ? 'orange' : 'teal'}>
              {unpublishedChanges ? 'Unpublished changes' : 'Up to date'}
            </Badge>
          )}
        </Group>
        {versions.isPending ? (
          <Text size="sm" c="dimmed">
            Loading the history…
          </Text>
        ) : !live ? (
          <Text size="sm" c="dimmed">
            Nothing is published yet, so visitors get an empty container. Add tags, then press Publish.
          </Text>
        ) : (
          <>
            <Text size="sm">
              {unpublishedChanges
                ? 'You have saved changes that visitors do not get yet. Publish to make them live.'
                : 'Visitors get exactly what you see here.'}
            </Text>
            <Timeline active={0} bulletSize={14} lineWidth={2} mt="xs">
              {list.slice(0, SHOWN).map((version, index) => (
                <Timeline.Item
                  key={version.id}
                  title={
                    <Group gap={6}>
                      <Text size="sm" fw={600}>
                        Version {version.number}
                      </Text>
                      {index === 0 && (
                        <Badge size="xs" color="teal">
                          Live
                        </Badge>
                      )}
                    </Group>
                  }
                >
                  {version.note && (
                    <Text size="sm" c="dimmed" lineClamp={2}>
                      {version.note}
                    </Text>
                  )}
                  <Text size="xs" c="dimmed" title={dateTime(version.createdAt)}>
                    Published {fromNow(version.createdAt)}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
          </>
        )}
      </Stack>
    </Paper>
  );
}
