// The header's organisation and client pickers. Picking one opens its list page and becomes the
// current place (kept in the `current` store).
import { Group, Select, Stack } from '@mantine/core';
import { IconBuilding, IconBuildingStore } from '@tabler/icons-react';
import { skipToken, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useCurrent } from '../state/current';
import { useTRPC } from '../trpc';

/** `header`: side by side, from tablet width up; `navbar`: stacked, for phones (the header has no room there). */
export function HeaderSwitchers({ layout = 'header' }: { layout?: 'header' | 'navbar' }) {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const orgId = useCurrent((s) => s.orgId);
  const clientId = useCurrent((s) => s.clientId);
  const visit = useCurrent((s) => s.visit);
  const orgs = useQuery(trpc.orgs.list.queryOptions());
  const clients = useQuery(trpc.clients.list.queryOptions(orgId ? { orgId } : skipToken));

  const orgKnown = orgs.data?.some((o) => o.id === orgId);
  const clientKnown = clients.data?.some((c) => c.id === clientId);

  const width = layout === 'header' ? 220 : '100%';
  const Wrapper = layout === 'header' ? Group : Stack;
  return (
    <Wrapper gap="sm" wrap="nowrap" {...(layout === 'header' ? { visibleFrom: 'sm' } : { hiddenFrom: 'sm', mb: 'md' })}>
      <Select
        aria-label="Organisation"
        placeholder="Choose an organisation"
        leftSection={<IconBuilding size={16} />}
        data={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
        value={orgKnown ? orgId : null}
        onChange={(id) => {
          if (!id) return;
          visit({ orgId: id });
          void navigate(`/orgs/${id}/clients`);
        }}
        allowDeselect={false}
        w={width}
        comboboxProps={{ withinPortal: true }}
      />
      <Select
        aria-label="Client"
        placeholder={clients.data?.length === 0 ? 'No clients yet' : 'Choose a client'}
        leftSection={<IconBuildingStore size={16} />}
        data={(clients.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
        value={clientKnown ? clientId : null}
        disabled={!orgKnown || clients.data?.length === 0}
        onChange={(id) => {
          if (!id || !orgId) return;
          visit({ orgId, clientId: id });
          void navigate(`/clients/${id}/sites`);
        }}
        allowDeselect={false}
        searchable
        nothingFoundMessage="No client by that name"
        w={width}
      />
    </Wrapper>
  );
}
