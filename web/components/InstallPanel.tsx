// The snippet a site pastes once, with a copy button and where to put it.
import { Button, Code, CopyButton, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';

export function snippetFor(siteKey: string, origin = window.location.origin): string {
  return `<script async src="${origin}/c/${siteKey}.js"></script>`;
}

export function InstallPanel({ siteKey, domains }: { siteKey: string; domains: string[] }) {
  const snippet = snippetFor(siteKey);
  return (
    <Paper p="lg">
      <Stack gap="sm">
        <Group justify="space-between" align="center">
          <Title order={4}>Install</Title>
          <CopyButton value={snippet} timeout={2000}>
            {({ copied, copy }) => (
              <Button
                size="xs"
                variant={copied ? 'filled' : 'light'}
                color={copied ? 'teal' : undefined}
                leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                onClick={copy}
              >
                {copied ? 'Copied' : 'Copy snippet'}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Text size="sm" c="dimmed">
          Paste this once into the <b>&lt;head&gt;</b> of every page
          {domains.length ? ` on ${domains.join(', ')}` : ''}. It loads in the background and never slows the page down.
        </Text>
        <Code block data-testid="install-snippet" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
          {snippet}
        </Code>
        <Text size="xs" c="dimmed">
          Visitors only ever get what you publish; saved drafts stay private.
        </Text>
      </Stack>
    </Paper>
  );
}
