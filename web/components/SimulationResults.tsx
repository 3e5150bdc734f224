// The simulator's answer: every tag of the site, highest priority first, whether it fires on the
// visit and, for each that does not, the first reason in plain words with the value the visit gave.
import { Anchor, Badge, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { describeCap } from '../../shared/rules/describe';
import type { Verdict } from '../../shared/rules/simulate';

/** Tags held back by something that may still happen during the visit (a click, consent) wait rather than fail. */
function outcome(verdict: Verdict): { label: string; color: string } {
  const reason = verdict.reason;
  if (!reason) return { label: 'Fires', color: 'teal' };
  if (reason.kind === 'trigger' || (reason.kind === 'consent' && reason.given === undefined)) return { label: 'Waits', color: 'orange' };
  return { label: 'Does not fire', color: 'red' };
}

/** Whether it fires again later depends on its cap, which the simulator does not count: say so. */
function firesText(verdict: Verdict): string {
  const cap = describeCap(verdict.tag.cap);
  return `Every condition holds for this visit${cap ? `; it fires ${cap}` : ''}.`;
}

export function SimulationResults({ verdicts, sentences }: { verdicts: Verdict[]; sentences: Map<string, string> }) {
  const firing = verdicts.filter((v) => v.fires).length;
  return (
    <Stack gap="sm">
      <Text fw={600} data-testid="simulation-summary">
        {firing === 0 ? 'No tag fires on this visit.' : firing === verdicts.length ? `All ${firing} tags fire on this visit.` : `${firing} of ${verdicts.length} tags fire on this visit.`}
      </Text>
      <Table.ScrollContainer minWidth={520}>
        <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="Which tags fire">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="40%">Tag</Table.Th>
              <Table.Th w={130}>Result</Table.Th>
              <Table.Th>Why</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {verdicts.map((verdict) => {
              const { label, color } = outcome(verdict);
              return (
                <Table.Tr key={verdict.tag.id}>
                  <Table.Td>
                    <Stack gap={2}>
                      <Anchor component={Link} to={`/tags/${verdict.tag.id}`} fw={600}>
                        {verdict.tag.name}
                      </Anchor>
                      <Text size="xs" c="dimmed" lineClamp={3} title={sentences.get(verdict.tag.id)}>
                        {sentences.get(verdict.tag.id)}
                      </Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={color} miw="max-content">
                      {label}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{verdict.fires ? firesText(verdict) : `${verdict.text}.`}</Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
