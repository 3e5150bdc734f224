// The Pixeltag mark and name, linking to the start page.
import { Group, Text, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';

export function LogoMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="var(--mantine-color-indigo-6)" />
      <rect x="9" y="9" width="6" height="6" rx="1" fill="white" />
      <rect x="17" y="9" width="6" height="6" rx="1" fill="white" opacity=".7" />
      <rect x="9" y="17" width="6" height="6" rx="1" fill="white" opacity=".7" />
      <rect x="17" y="17" width="6" height="6" rx="1" fill="white" opacity=".4" />
    </svg>
  );
}

export function Logo() {
  return (
    <UnstyledButton component={Link} to="/" aria-label="Pixeltag home">
      <Group gap={8} wrap="nowrap">
        <LogoMark />
        <Text fw={700} size="lg" visibleFrom="xs">
          Pixeltag
        </Text>
      </Group>
    </UnstyledButton>
  );
}
