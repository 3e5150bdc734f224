// The snippet a site pastes once, for the environment picked (live by default), with a copy
// button and where to put it.
import { Button, Code, CopyButton, Group, Paper, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useState } from 'react';
import { LIVE } from '../../shared/schema';

/** Live is the plain snippet, so pages installed before environments existed keep working. */
export function snippetFor(siteKey: string, environment: string = LIVE, origin = window.location.origin): string {
  const query = environment === LIVE ? '' : `?env=${encodeURIComponent(environment)}`;
  return `<script async src="${origin}/c/${siteKey}.js${query}"></script>`;
}

export function SnippetCopyButton({ snippet, label = 'Copy snippet' }: { snippet: string; label?: string }) {
  return (
    <CopyButton value={snippet} timeout={2000}>
      {({ copied, copy }) => (
        <Button
          size="xs"
          variant={copied ? 'filled' : 'light'}
          color={copied ? 'teal' : undefined}
          leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
          onClick={copy}
        >
          {copied ? 'Copied' : label}
        </Button>
      )}
    </CopyButton>
  );
}

/** A few environments fit side by side; past that a list reads better. */
const SEGMENTS = 3;

export function InstallPanel({ siteKey, domains, environments }: { siteKey: string; domains: string[]; environments: string[] }) {
  const [environment, setEnvironment] = useState<string>(LIVE);
  const shown = environments.includes(environment) ? environment : LIVE;
  const snippet = snippetFor(siteKey, shown);
  return (
    <Paper p="lg">
      <Stack gap="sm">
        <Group justify="space-between" align="center">
          <Title order={4}>Install</Title>
          <SnippetCopyButton snippet={snippet} />
        </Group>
        {environments.length <= SEGMENTS ? (
          <SegmentedControl aria-label="Environment" size="xs" data={environments} value={shown} onChange={setEnvironment} />
        ) : (
          <Select aria-label="Environment" size="xs" data={environments} value={shown} onChange={(v) => v && setEnvironment(v)} allowDeselect={false} />
        )}
        <Text size="sm" c="dimmed">
          {shown === LIVE ? (
            <>
              Paste this once into the <b>&lt;head&gt;</b> of every page
              {domains.length ? ` on ${domains.join(', ')}` : ''}. It loads in the background and never slows the page down.
            </>
          ) : (
            <>
              Paste this into the <b>&lt;head&gt;</b> of your {shown} pages instead of the live snippet: they get what {shown} serves,
              so you can check a version there before it goes live.
            </>
          )}
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
