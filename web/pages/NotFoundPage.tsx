// Shown for an address the console does not know.
import { Button, EmptyState } from '@mantine/core';
import { IconMapQuestion } from '@tabler/icons-react';
import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <EmptyState
      mt={80}
      icon={<IconMapQuestion size={32} />}
      withIndicatorBackground
      title="This page does not exist"
      description="The link may be old or mistyped."
    >
      <EmptyState.Actions>
        <Button component={Link} to="/">
          Go to the start page
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
