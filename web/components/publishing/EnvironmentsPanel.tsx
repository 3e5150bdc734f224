// Every environment of a site side by side, each with what it serves and the ways to change it;
// admins also get the form to add one.
import { Paper, SimpleGrid, Stack } from '@mantine/core';
import type { Access } from '../../lib/access';
import { AddEnvironment, EnvironmentCard, type EnvironmentSummary } from './EnvironmentCard';

interface EnvironmentsPanelProps {
  site: { id: string; siteKey: string; name: string };
  environments: EnvironmentSummary[];
  versions: { number: number; note: string }[];
  access: Access;
}

export function EnvironmentsPanel({ site, environments, versions, access }: EnvironmentsPanelProps) {
  const names = environments.map((e) => e.name);
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        {environments.map((environment) => (
          <EnvironmentCard
            key={environment.name}
            siteId={site.id}
            siteKey={site.siteKey}
            siteName={site.name}
            environment={environment}
            environments={names}
            versions={versions}
            access={access}
          />
        ))}
      </SimpleGrid>
      {access.manage && (
        <Paper p="lg">
          <AddEnvironment siteId={site.id} />
        </Paper>
      )}
    </Stack>
  );
}
