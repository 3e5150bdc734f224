// The account menu at the top right: who is signed in, a new organisation, and log out.
import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconLogout, IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { User } from '../../shared/schema';
import { notifyError } from '../lib/errors';
import { useCurrent } from '../state/current';
import { useTRPC } from '../trpc';
import { NameModal } from './NameModal';

export function UserMenu({ user }: { user: User }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const clear = useCurrent((s) => s.clear);
  const visit = useCurrent((s) => s.visit);
  const [orgModal, orgModalControls] = useDisclosure();

  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSuccess: () => {
        clear();
        queryClient.clear();
        queryClient.setQueryData(trpc.auth.me.queryKey(), null);
        void navigate('/login');
      },
      onError: (error) => notifyError('Could not log out', error),
    }),
  );
  const createOrg = useMutation(
    trpc.orgs.create.mutationOptions({
      onSuccess: async (org) => {
        await queryClient.invalidateQueries(trpc.orgs.list.queryFilter());
        orgModalControls.close();
        visit({ orgId: org.id });
        void navigate(`/orgs/${org.id}/clients`);
      },
    }),
  );

  const initials = user.name
    .split(/\s+/)
    .map((part) => part[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();

  return (
    <>
      <Menu position="bottom-end" width={240} shadow="md">
        <Menu.Target>
          <UnstyledButton aria-label="Account menu">
            <Group gap="xs" wrap="nowrap">
              <Avatar color="indigo" radius="xl" size={34}>
                {initials}
              </Avatar>
              <div style={{ lineHeight: 1.2 }}>
                <Text size="sm" fw={600} visibleFrom="md">
                  {user.name}
                </Text>
                <Text size="xs" c="dimmed" visibleFrom="md">
                  {user.email}
                </Text>
              </div>
              <IconChevronDown size={14} />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Signed in as {user.email}</Menu.Label>
          <Menu.Item leftSection={<IconPlus size={16} />} onClick={orgModalControls.open}>
            New organisation
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => logout.mutate()}>
            Log out
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <NameModal
        opened={orgModal}
        onClose={orgModalControls.close}
        title="New organisation"
        description="An organisation is an agency or a company: it holds clients, their sites and the people who work on them."
        label="Organisation name"
        placeholder="Acme Agency"
        submitLabel="Create organisation"
        onSubmit={(name) => createOrg.mutateAsync({ name })}
      />
    </>
  );
}
