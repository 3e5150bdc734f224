// The publishing record's tables — history and publish requests — and the cells they share, so
// both read alike: the same spacing, times that show the exact date on hover, coloured environments.
import { Badge, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { dateTime, fromNow } from '../../lib/format';
import { environmentColor } from '../VersionsCard';

export function When({ iso }: { iso: string }) {
  return (
    <Text size="sm" title={dateTime(iso)}>
      {fromNow(iso)}
    </Text>
  );
}

export function EnvironmentBadge({ environment }: { environment: string }) {
  return (
    <Badge variant="light" color={environmentColor(environment)}>
      {environment}
    </Badge>
  );
}

interface RecordTableProps {
  label: string;
  columns: string[];
  /** Adds an unnamed last column for the buttons of people who may act on a row. */
  withActions?: boolean;
  children: ReactNode;
}

export function RecordTable({ label, columns, withActions = false, children }: RecordTableProps) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="sm" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column}>{column}</Table.Th>
            ))}
            {withActions && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
