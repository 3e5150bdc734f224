// The navigation bar: the organisation's clients and audiences, the current client's sites (each a
// link), and the person's role, so they know what they can change. On phones it also holds the
// switchers.
import { Box, Divider, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { IconBuildingStore, IconLayoutList, IconUsersGroup, IconWorld } from '@tabler/icons-react';
import { skipToken, useQuery } from '@tanstack/react-query';
import { Link, useLocation } from 'react-router';
import { ROLE_WORDS } from '../lib/words';
import { HeaderSwitchers } from './HeaderSwitchers';
import { useCurrent } from '../state/current';
import { useTRPC } from '../trpc';

const ROLE_HINTS = {
  owner: 'You can change everything here.',
  admin: 'You can manage clients, sites, tags and publishing.',
  publisher: 'You can edit tags and publish them.',
  editor: 'You can edit tags; a publisher makes them live.',
  viewer: 'You can look around but not change anything.',
} as const;

export function NavbarLinks({ onNavigate }: { onNavigate: () => void }) {
  const trpc = useTRPC();
  const { pathname } = useLocation();
  const orgId = useCurrent((s) => s.orgId);
  const clientId = useCurrent((s) => s.clientId);
  const siteId = useCurrent((s) => s.siteId);
  const orgs = useQuery(trpc.orgs.list.queryOptions());
  const org = orgs.data?.find((o) => o.id === orgId);
  const client = useQuery(trpc.clients.get.queryOptions(org && clientId ? { clientId } : skipToken));
  const sites = useQuery(trpc.sites.list.queryOptions(client.data ? { clientId: client.data.id } : skipToken));

  return (
    <Stack h="100%" gap={0}>
      <ScrollArea style={{ flex: 1 }}>
        <HeaderSwitchers layout="navbar" />
        <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="xs" pb={6}>
          {org?.name ?? 'Organisation'}
        </Text>
        <NavLink
          component={Link}
          to={org ? `/orgs/${org.id}/clients` : '/'}
          label="Clients"
          leftSection={<IconBuildingStore size={18} />}
          active={pathname.endsWith('/clients')}
          onClick={onNavigate}
        />
        {org && (
          <NavLink
            component={Link}
            to={`/orgs/${org.id}/audiences`}
            label="Audiences"
            leftSection={<IconUsersGroup size={18} />}
            active={pathname.endsWith('/audiences')}
            onClick={onNavigate}
          />
        )}
        {client.data && (
          <>
            <Divider my="sm" />
            <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pb={6} truncate>
              {client.data.name}
            </Text>
            <NavLink
              component={Link}
              to={`/clients/${client.data.id}/sites`}
              label="All sites"
              leftSection={<IconLayoutList size={18} />}
              active={pathname === `/clients/${client.data.id}/sites`}
              onClick={onNavigate}
            />
            {(sites.data ?? []).map((site) => (
              <NavLink
                key={site.id}
                component={Link}
                to={`/sites/${site.id}`}
                label={site.name}
                description={site.domains[0]}
                leftSection={<IconWorld size={18} />}
                active={site.id === siteId && (pathname.startsWith('/sites/') || pathname.startsWith('/tags/'))}
                onClick={onNavigate}
              />
            ))}
          </>
        )}
      </ScrollArea>
      {org && (
        <Box p="sm" bg="gray.0" style={{ borderRadius: 'var(--mantine-radius-md)' }}>
          <Text size="xs" fw={600}>
            Your role: {ROLE_WORDS[org.role]}
          </Text>
          <Text size="xs" c="dimmed">
            {ROLE_HINTS[org.role]}
          </Text>
        </Box>
      )}
    </Stack>
  );
}
