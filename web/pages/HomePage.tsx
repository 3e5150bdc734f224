// The start page: opens the current organisation's clients (the last one used, else the first).
import { useQuery } from '@tanstack/react-query';
import { Navigate } from 'react-router';
import { EmptyState } from '@mantine/core';
import { IconBuilding } from '@tabler/icons-react';
import { LoadError, PageLoader } from '../components/QueryState';
import { useCurrent } from '../state/current';
import { useTRPC } from '../trpc';

export function HomePage() {
  const trpc = useTRPC();
  const orgId = useCurrent((s) => s.orgId);
  const orgs = useQuery(trpc.orgs.list.queryOptions());

  if (orgs.isPending) return <PageLoader />;
  if (orgs.isError) return <LoadError what="your organisations" error={orgs.error} onRetry={() => void orgs.refetch()} />;
  const org = orgs.data.find((o) => o.id === orgId) ?? orgs.data[0];
  if (!org) {
    return (
      <EmptyState
        mt={80}
        icon={<IconBuilding size={32} />}
        withIndicatorBackground
        title="You are not part of an organisation yet"
        description="Ask a colleague to add you to theirs, or create one from the account menu at the top right."
      />
    );
  }
  return <Navigate to={`/orgs/${org.id}/clients`} replace />;
}
