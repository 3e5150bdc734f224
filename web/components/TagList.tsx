// A site's tags, each with the shared describer's sentence of when it fires (and the audiences it
// requires) and what it does, its status (live, scheduled, ended, paused) and priority; opens the
// editor, and deletes after asking.
import { Anchor, Badge, Button, EmptyState, Group, Menu, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconPencil, IconPlus, IconTags, IconTrash } from '@tabler/icons-react';
import { RowMenu } from './RowMenu';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { describeAction, describeTag } from '../../shared/rules/describe';
import { tagStatus } from '../../shared/rules/status';
import { audiencesLine } from '../lib/audiences';
import { notifyError, notifySuccess } from '../lib/errors';
import { useTRPC, type Outputs } from '../trpc';
import { ConfirmDelete } from './ConfirmDelete';
import { StatusBadge } from './StatusBadge';

type Tag = Outputs['tags']['list'][number];

interface TagListProps {
  siteId: string;
  /** Schedules are read in the site's zone. */
  timeZone: string;
  tags: Tag[];
  /** Names of the organisation's audiences by id, for the tags that require some. */
  audienceNames: ReadonlyMap<string, string>;
  canEdit: boolean;
}

export function NewTagButton({ siteId }: { siteId: string }) {
  return (
    <Button component={Link} to={`/sites/${siteId}/tags/new`} leftSection={<IconPlus size={16} />} size="sm">
      New tag
    </Button>
  );
}

export function TagList({ siteId, timeZone, tags, audienceNames, canEdit }: TagListProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [deleting, setDeleting] = useState<Tag | null>(null);
  const remove = useMutation(
    trpc.tags.remove.mutationOptions({
      onSuccess: () => {
        notifySuccess(`Deleted the tag ${deleting?.name ?? ''}. It stops firing once you publish.`);
        setDeleting(null);
        void queryClient.invalidateQueries(trpc.tags.list.queryFilter({ siteId }));
        void queryClient.invalidateQueries(trpc.sites.get.queryFilter({ siteId }));
      },
      onError: (error) => notifyError('Could not delete the tag', error),
    }),
  );

  if (tags.length === 0) {
    return (
      <EmptyState
        py="xl"
        icon={<IconTags size={30} />}
        variant="light"
        title="No tags yet"
        description={
          canEdit
            ? 'Add the first pixel to fire on this site, and say on which pages it should fire.'
            : 'No tags yet. An editor of this organisation can add them.'
        }
      >
        {canEdit && (
          <EmptyState.Actions>
            <NewTagButton siteId={siteId} />
          </EmptyState.Actions>
        )}
      </EmptyState>
    );
  }

  const sorted = [...tags].sort((a, b) => b.priority - a.priority || a.name.localeCompare(b.name));
  const now = Date.now();
  return (
    <>
      <Table.ScrollContainer minWidth={520}>
        <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Tag</Table.Th>
              <Table.Th w={130}>Status</Table.Th>
              <Table.Th w={90}>
                <Tooltip label="Tags with a higher priority fire first">
                  <span>Priority</span>
                </Tooltip>
              </Table.Th>
              <Table.Th w={50} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((tag) => (
              <Table.Tr key={tag.id}>
                <Table.Td>
                  <Stack gap={2}>
                    <Anchor component={Link} to={`/tags/${tag.id}`} fw={600}>
                      {tag.name}
                    </Anchor>
                    <Text size="sm" data-testid="tag-sentence">
                      {describeTag(tag, { timeZone }, now)}.
                    </Text>
                    {tag.audienceIds.length > 0 && (
                      <Text size="sm" data-testid="tag-audiences">
                        {audiencesLine(tag.audienceIds, audienceNames)}.
                      </Text>
                    )}
                    <Text size="xs" c="dimmed">
                      {describeAction(tag.action)}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={tagStatus(tag, timeZone, now)} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{tag.priority}</Text>
                </Table.Td>
                <Table.Td>
                  <RowMenu name={tag.name}>
                    <Menu.Item component={Link} to={`/tags/${tag.id}`} leftSection={<IconPencil size={16} />}>
                      {canEdit ? 'Edit' : 'View'}
                    </Menu.Item>
                    {canEdit && (
                      <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => setDeleting(tag)}>
                        Delete
                      </Menu.Item>
                    )}
                  </RowMenu>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConfirmDelete
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={`Delete the tag ${deleting?.name ?? ''}?`}
        loading={remove.isPending}
        onConfirm={() => deleting && remove.mutate({ tagId: deleting.id })}
      >
        The tag is removed from the draft. Visitors keep getting it until you publish again.
      </ConfirmDelete>
    </>
  );
}
export function TagListHeader({ siteId, canEdit, count }: { siteId: string; canEdit: boolean; count: number }) {
  return (
    <Group justify="space-between" mb="sm">
      <Group gap="xs">
        <Text fw={650} size="lg">
          Tags
        </Text>
        {count > 0 && (
          <Badge variant="default" size="sm">
            {count}
          </Badge>
        )}
      </Group>
      {canEdit && count > 0 && <NewTagButton siteId={siteId} />}
    </Group>
  );
}
