// The top of every page: where you are (breadcrumbs), the page title (also the browser tab's)
// with a short description, and the page's main actions on the right.
import { Anchor, Box, Breadcrumbs, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

export interface Crumb {
  label: string;
  to?: string;
}

interface PageHeaderProps {
  title: ReactNode;
  description?: ReactNode;
  crumbs?: Crumb[];
  actions?: ReactNode;
  badges?: ReactNode;
}

export function PageHeader({ title, description, crumbs, actions, badges }: PageHeaderProps) {
  useDocumentTitle(typeof title === 'string' ? `${title} · Pixeltag` : 'Pixeltag');
  return (
    <Stack gap={6} mb="lg">
      {crumbs && crumbs.length > 0 && (
        <Breadcrumbs separatorMargin={6} fz="sm">
          {crumbs.map((crumb) =>
            crumb.to ? (
              <Anchor key={crumb.label + crumb.to} component={Link} to={crumb.to} size="sm" c="dimmed">
                {crumb.label}
              </Anchor>
            ) : (
              <Text key={crumb.label} size="sm" c="dimmed">
                {crumb.label}
              </Text>
            ),
          )}
        </Breadcrumbs>
      )}
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Box style={{ minWidth: 0, flex: 1 }}>
          <Group gap="sm" align="center">
            <Title order={2}>{title}</Title>
            {badges}
          </Group>
          {description && (
            <Text c="dimmed" size="sm" mt={4}>
              {description}
            </Text>
          )}
        </Box>
        {actions && <Group gap="sm">{actions}</Group>}
      </Group>
    </Stack>
  );
}
