// Compare: what changes from one version (or the draft, or what an environment serves) to another
// — tags and audiences added, removed and changed field by field, and changed site settings.
import { Alert, Badge, Code, EmptyState, Group, Loader, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowsDiff } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { describeConditions } from '../../../shared/rules/describe';
import { ConditionGroup, type VersionRef } from '../../../shared/schema';
import { errorMessage } from '../../lib/errors';
import { useTRPC, type Outputs } from '../../trpc';

/** As the API sends it: a side where the field did not exist arrives without the key. */
type SnapshotDiff = Outputs['sites']['diff'];
type FieldChange = SnapshotDiff['settings'][number];
type ItemsDiff = SnapshotDiff['tags'];

/** How a reference reads in the address bar and in the selects: `draft`, `3`, or an environment's name. */
export function refKey(ref: VersionRef): string {
  if (ref === 'draft') return 'draft';
  return typeof ref === 'number' ? String(ref) : ref.environment;
}

export function parseRef(key: string | null): VersionRef | null {
  if (!key) return null;
  if (key === 'draft') return 'draft';
  if (/^\d+$/.test(key)) return Number(key);
  return { environment: key };
}

/** Words for the fields people change most; others show their path. */
const FIELD_WORDS: Record<string, string> = {
  name: 'Name',
  status: 'Status',
  priority: 'Priority',
  conditions: 'Pages and visitors',
  audienceIds: 'Audiences',
  consent: 'Consent category',
  'action.kind': 'Kind of pixel',
  'action.url': 'Pixel address',
  'trigger.type': 'Fires on',
  'trigger.selector': 'CSS selector',
  'cap.type': 'At most',
  'schedule.start': 'Starts',
  'schedule.end': 'Ends',
  domains: 'Domains',
  timeZone: 'Time zone',
  collect: 'Report what fired',
  maxFiresPerPage: 'Most pixels per page',
  'privacy.honorDnt': 'Respect Do Not Track',
  'privacy.honorGpc': 'Respect Global Privacy Control',
  'privacy.consentMode': 'Consent',
};

/** A value as a person reads it: text as text, nothing as a dash, a condition tree as its sentence, anything else as compact JSON. */
function Value({ field, value }: { field: string; value: unknown }) {
  if (value === null || value === undefined || value === '') return <Text c="dimmed">—</Text>;
  if (field === 'conditions' || field.endsWith('.conditions')) {
    const group = ConditionGroup.safeParse(value);
    if (group.success) return <Text size="sm">{describeConditions(group.data)}</Text>;
  }
  if (typeof value === 'string') return <Text size="sm" style={{ wordBreak: 'break-all' }}>{value}</Text>;
  if (typeof value === 'boolean') return <Text size="sm">{value ? 'Yes' : 'No'}</Text>;
  if (typeof value === 'number') return <Text size="sm">{value}</Text>;
  return (
    <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
      {JSON.stringify(value)}
    </Code>
  );
}

export function ChangesTable({ changes, label }: { changes: FieldChange[]; label: string }) {
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table verticalSpacing="xs" withTableBorder aria-label={label} layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="24%">Field</Table.Th>
            <Table.Th>Before</Table.Th>
            <Table.Th>After</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {changes.map((change) => (
            <Table.Tr key={change.field}>
              <Table.Td>
                <Text size="sm" fw={500} title={change.field}>
                  {FIELD_WORDS[change.field] ?? change.field}
                </Text>
              </Table.Td>
              <Table.Td>
                <Value field={change.field} value={change.before} />
              </Table.Td>
              <Table.Td>
                <Value field={change.field} value={change.after} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ItemsSection({ title, noun, diff }: { title: string; noun: string; diff: ItemsDiff }) {
  if (!diff.added.length && !diff.removed.length && !diff.changed.length) return null;
  return (
    <Stack gap="sm">
      <Title order={5}>{title}</Title>
      {diff.added.map((item) => (
        <Group key={item.id} gap="xs">
          <Badge color="teal" variant="light">
            Added
          </Badge>
          <Text size="sm">{item.name}</Text>
        </Group>
      ))}
      {diff.removed.map((item) => (
        <Group key={item.id} gap="xs">
          <Badge color="red" variant="light">
            Removed
          </Badge>
          <Text size="sm">{item.name}</Text>
        </Group>
      ))}
      {diff.changed.map((item) => (
        <Stack key={item.id} gap={6}>
          <Group gap="xs">
            <Badge color="orange" variant="light">
              Changed
            </Badge>
            <Text size="sm" fw={600}>
              {item.name}
            </Text>
          </Group>
          <ChangesTable changes={item.changes} label={`Changes to the ${noun} ${item.name}`} />
        </Stack>
      ))}
    </Stack>
  );
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "1 tag changed, 2 tags added": only what there is. */
function summary(diff: SnapshotDiff): string {
  const audiences = diff.audiences.added.length + diff.audiences.removed.length + diff.audiences.changed.length;
  const parts: [number, string, string][] = [
    [diff.tags.added.length, 'tag added', 'tags added'],
    [diff.tags.removed.length, 'tag removed', 'tags removed'],
    [diff.tags.changed.length, 'tag changed', 'tags changed'],
    [audiences, 'audience differs', 'audiences differ'],
    [diff.settings.length, 'site setting changed', 'site settings changed'],
  ];
  return parts
    .filter(([n]) => n > 0)
    .map(([n, one, many]) => plural(n, one, many))
    .join(', ');
}

interface CompareProps {
  siteId: string;
  from: VersionRef;
  to: VersionRef;
  onChange: (side: 'from' | 'to', ref: VersionRef) => void;
  environments: { name: string; versionNumber: number | null }[];
  versions: { number: number; note: string }[];
}

export function CompareView({ siteId, from, to, onChange, environments, versions }: CompareProps) {
  const trpc = useTRPC();
  const diff = useQuery(trpc.sites.diff.queryOptions({ siteId, from, to }));
  const options = [
    { group: 'Draft', items: [{ value: 'draft', label: 'Draft (saved changes)' }] },
    {
      group: 'Environments',
      items: environments.map((e) => ({ value: e.name, label: `What ${e.name} serves${e.versionNumber ? ` (version ${e.versionNumber})` : ''}` })),
    },
    { group: 'Versions', items: versions.map((v) => ({ value: String(v.number), label: `Version ${v.number}${v.note ? ` — ${v.note}` : ''}` })) },
  ];
  const pick = (side: 'from' | 'to') => (value: string | null) => {
    const ref = parseRef(value);
    if (ref) onChange(side, ref);
  };
  const result = diff.data;

  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select label="From" data={options} value={refKey(from)} onChange={pick('from')} allowDeselect={false} searchable />
        <Select label="To" data={options} value={refKey(to)} onChange={pick('to')} allowDeselect={false} searchable />
      </SimpleGrid>
      {diff.isPending ? (
        <Group gap="xs">
          <Loader size="sm" />
          <Text size="sm" c="dimmed">
            Comparing…
          </Text>
        </Group>
      ) : diff.isError ? (
        <Alert color="orange" icon={<IconAlertTriangle size={20} />} title="These cannot be compared">
          {errorMessage(diff.error)}
        </Alert>
      ) : !result || result.count === 0 ? (
        <EmptyState
          py="xl"
          icon={<IconArrowsDiff size={30} />}
          variant="light"
          title="No differences"
          description="Both sides have the same tags, audiences and settings. Pick other versions to compare."
        />
      ) : (
        <Stack gap="lg" data-testid="diff">
          <Text size="sm" fw={500}>
            {plural(result.count, 'difference', 'differences')}: {summary(result)}
          </Text>
          <ItemsSection title="Tags" noun="tag" diff={result.tags} />
          <ItemsSection title="Audiences" noun="audience" diff={result.audiences} />
          {result.settings.length > 0 && (
            <Stack gap="sm">
              <Title order={5}>Site settings</Title>
              <ChangesTable changes={result.settings} label="Changes to the site settings" />
            </Stack>
          )}
        </Stack>
      )}
    </Stack>
  );
}
