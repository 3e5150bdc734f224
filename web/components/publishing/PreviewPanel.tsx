// Preview links: a version or the draft shown on the real site, in the one browser that opens the
// link. Making one needs the editor role; others are told whom to ask.
import { Button, Code, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconExternalLink, IconEye } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { fieldErrors, notifyError } from '../../lib/errors';
import { dateTime } from '../../lib/format';
import { useTRPC } from '../../trpc';
import { SnippetCopyButton } from '../InstallPanel';

interface PreviewFormProps {
  siteId: string;
  domains: string[];
  versions: { number: number; note: string }[];
}

function PreviewForm({ siteId, domains, versions }: PreviewFormProps) {
  const trpc = useTRPC();
  const [source, setSource] = useState('draft');
  const [pageUrl, setPageUrl] = useState(() => {
    const domain = domains.find((d) => !d.startsWith('*.'));
    if (!domain) return '';
    // A site on the console's own host (the demo, a local test page) is served as the console is, port included.
    return domain === window.location.hostname ? `${window.location.origin}/` : `https://${domain}/`;
  });
  const preview = useMutation(trpc.sites.preview.mutationOptions({ onError: (error) => notifyError('Could not create the preview link', error) }));
  const link = preview.data;
  const errors = preview.isError ? fieldErrors(preview.error) : {};

  return (
    <Stack gap="md" maw={760}>
      <Text size="sm">
        See a version — or the draft, before anyone publishes it — on the real site. The link works in one browser: the one
        that opens it. Everyone else keeps getting what live serves.
      </Text>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          preview.mutate({ siteId, source: source === 'draft' ? 'draft' : Number(source), pageUrl: pageUrl.trim() });
        }}
      >
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label="Preview"
              data={[{ value: 'draft', label: 'Draft (saved changes)' }, ...versions.map((v) => ({ value: String(v.number), label: `Version ${v.number}` }))]}
              value={source}
              onChange={(v) => v && setSource(v)}
              allowDeselect={false}
            />
            <TextInput
              label="Page address"
              placeholder="https://www.example.com/"
              value={pageUrl}
              onChange={(event) => setPageUrl(event.currentTarget.value)}
              error={errors.pageUrl}
            />
          </SimpleGrid>
          <Group>
            <Button type="submit" leftSection={<IconEye size={16} />} loading={preview.isPending} disabled={!pageUrl.trim()}>
              Create preview link
            </Button>
          </Group>
        </Stack>
      </form>
      {link && (
        <Paper p="md" bg="var(--mantine-color-default-hover)" aria-label="Preview link" component="section">
          <Stack gap="xs">
            <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }} data-testid="preview-link">
              {link.url}
            </Code>
            <Group gap="xs">
              <SnippetCopyButton snippet={link.url} label="Copy link" />
              <Button size="xs" variant="light" component="a" href={link.url} target="_blank" rel="noopener noreferrer" leftSection={<IconExternalLink size={14} />}>
                Open
              </Button>
              <Text size="xs" c="dimmed">
                Works until {dateTime(link.expiresAt)}.
              </Text>
            </Group>
            <Text size="xs" c="dimmed">
              Only the browser that opens this link sees the preview, with a panel listing what fires. Anyone you send it to gets their
              own preview.
            </Text>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

export function PreviewPanel({ canEdit, ...form }: PreviewFormProps & { canEdit: boolean }) {
  return (
    <>
      <Title order={4} mb="sm">
        Preview on the site
      </Title>
      {canEdit ? (
        <PreviewForm {...form} />
      ) : (
        <Text size="sm" c="dimmed">
          Preview links need the editor role; ask an admin of your organisation.
        </Text>
      )}
    </>
  );
}
