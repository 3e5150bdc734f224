// The signed-in frame around every console page: header with switchers and account menu, a
// navigation bar, and the page. Visitors who are not signed in are sent to /login.
import { AppShell, Burger, Center, Group } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useTRPC } from '../trpc';
import { HeaderSwitchers } from './HeaderSwitchers';
import { Logo } from './Logo';
import { NavbarLinks } from './NavbarLinks';
import { LoadError, PageLoader } from './QueryState';
import { UserMenu } from './UserMenu';

export function AppLayout() {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure();

  if (me.isPending) return <PageLoader label="Opening Pixeltag…" />;
  if (me.isError) {
    return (
      <Center p="xl">
        <LoadError what="your account" error={me.error} onRetry={() => void me.refetch()} />
      </Center>
    );
  }
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname }} />;

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'md', sm: 'xl' }}
      styles={{ main: { background: 'var(--mantine-color-gray-0)' } }}
    >
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap" gap="md">
          <Group gap="lg" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Show navigation" />
            <Logo />
            <HeaderSwitchers />
          </Group>
          <UserMenu user={me.data} />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm">
        <NavbarLinks onNavigate={close} />
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
