// Editors' publish requests: who asked for which environment and why, and for publishers the
// buttons to publish or dismiss each open one.
import { Badge, Button, EmptyState, Group, Table, Text } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Access } from '../../lib/access';
import { notifyError, notifySuccess } from '../../lib/errors';
import { useTRPC, type Outputs } from '../../trpc';
import { PublishModal, type AnsweredRequest } from '../PublishModal';
import { EnvironmentBadge, RecordTable, When } from './RecordTable';

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

export function RequestsPanel({ siteId, siteName, environments, requests, access }: RequestsPanelProps) {
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
      <RecordTable label="Publish requests" columns={['Asked', 'By', 'Environment', 'Note', 'Status']} withActions={access.publish}>
        {sorted.map((request) => (
          <Table.Tr key={request.id}>
            <Table.Td>
              <When iso={request.createdAt} />
            </Table.Td>
            <Table.Td>{request.requestedByName}</Table.Td>
            <Table.Td>
              <EnvironmentBadge environment={request.environment} />
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
      </RecordTable>
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
