// The centred card the login and sign-up pages sit in, with the product's name and promise.
import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { LogoMark } from './Logo';

export function AuthCard({ title, subtitle, children }: { title: string; subtitle: ReactNode; children: ReactNode }) {
  useDocumentTitle(`${title} · Pixeltag`);
  return (
    <Box mih="100vh" bg="gray.0" py={64} px="md">
      <Center>
        <Stack w="100%" maw={440} gap="lg">
          <Group gap={10} justify="center">
            <LogoMark size={36} />
            <Text fw={700} fz={26}>
              Pixeltag
            </Text>
          </Group>
          <Paper p={32} shadow="sm">
            <Stack gap={4} mb="lg">
              <Title order={2} fz={22}>
                {title}
              </Title>
              <Text size="sm" c="dimmed">
                {subtitle}
              </Text>
            </Stack>
            {children}
          </Paper>
          <Text size="xs" c="dimmed" ta="center">
            Pixeltag decides which tracking pixels fire on your sites, for whom and when — without touching the site's code.
          </Text>
        </Stack>
      </Center>
    </Box>
  );
}
