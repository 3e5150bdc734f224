// The latest versions with the environments serving each and their notes, whether the draft has
// changes live does not serve yet, and the way to the publishing page for everything else.
import { Badge, Button, Group, Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { LIVE } from '../../shared/schema';
import { dateTime, fromNow } from '../lib/format';
import { useTRPC } from '../trpc';

const SHOWN = 5;

/** Live stands out from the environments used for checking. */
export const environmentColor = (name: string) => (name === LIVE ? 'teal' : 'grape');

export function VersionsCard({ siteId, unpublishedChanges }: { siteId: string; unpublishedChanges: number }) {
  const trpc = useTRPC();
  const versions = useQuery(trpc.sites.versions.queryOptions({ siteId }));
  const list = [...(versions.data ?? [])].sort((a, b) => b.number - a.number);
  const live = list.find((v) => v.environments.includes(LIVE));

  return (
    <Paper p="lg">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>Publishing</Title>
          {live && (
            <Badge variant="light" color={unpublishedChanges ? 'orange' : 'teal'}>
              {unpublishedChanges ? `${unpublishedChanges} unpublished` : 'Up to date'}
            </Badge>
          )}
        </Group>
        {versions.isPending ? (
          <Text size="sm" c="dimmed">
            Loading the history…
          </Text>
        ) : list.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nothing is published yet, so visitors get an empty container. Add tags, then press Publish.
          </Text>
        ) : (
          <>
            <Text size="sm">
              {!live
                ? 'Nothing is live yet: visitors get an empty container until a version is published to live.'
                : unpublishedChanges
                  ? 'You have saved changes that visitors do not get yet. Publish to make them live.'
                  : 'Visitors get exactly what you see here.'}
            </Text>
            <Timeline bulletSize={14} lineWidth={2} mt="xs">
              {list.slice(0, SHOWN).map((version) => (
                <Timeline.Item
                  key={version.id}
                  color={version.environments.includes(LIVE) ? 'teal' : undefined}
                  title={
                    <Group gap={6}>
                      <Text size="sm" fw={600}>
                        Version {version.number}
                      </Text>
                      {version.environments.map((name) => (
                        <Badge key={name} size="xs" variant={name === LIVE ? 'filled' : 'light'} color={environmentColor(name)}>
                          {name}
                        </Badge>
                      ))}
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
                    {version.authorName ? ` by ${version.authorName}` : ''}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
          </>
        )}
        <Button variant="light" size="xs" component={Link} to={`/sites/${siteId}/publishing`}>
          All versions and environments
        </Button>
      </Stack>
    </Paper>
  );
}
