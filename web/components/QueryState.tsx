// What a page shows while its data loads or when it could not be loaded, in plain words with a
// way to try again.
import { Alert, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Link } from 'react-router';
import { errorCode, errorMessage } from '../lib/errors';

export function PageLoader({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center py={80}>
      <Stack align="center" gap="xs">
        <Loader size="md" />
        <Text c="dimmed" size="sm">
          {label}
        </Text>
      </Stack>
    </Center>
  );
}

interface LoadErrorProps {
  /** What could not be loaded, e.g. "this site". */
  what: string;
  error: unknown;
  onRetry?: () => void;
}

export function LoadError({ what, error, onRetry }: LoadErrorProps) {
  const missing = errorCode(error) === 'NOT_FOUND';
  return (
    <Alert
      color={missing ? 'gray' : 'red'}
      icon={<IconAlertTriangle size={20} />}
      title={missing ? `We could not find ${what}` : `We could not load ${what}`}
      maw={640}
    >
      <Stack gap="sm">
        <Text size="sm">
          {missing ? 'It may have been deleted, or you no longer have access to it.' : errorMessage(error)}
        </Text>
        <Group gap="xs">
          {!missing && onRetry && (
            <Button size="xs" variant="white" color="red" onClick={onRetry}>
              Try again
            </Button>
          )}
          <Button size="xs" variant="subtle" component={Link} to="/">
            Go to the start page
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
