// A page's list of one kind of thing an organisation keeps (clients, audiences): a table with a
// menu per row to change or delete each one, or, while there are none, what to do first.
import { EmptyState, Menu, Paper, Table } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { RowMenu } from './RowMenu';
import type { ReactNode } from 'react';

interface Column<T> {
  header: string;
  width?: number;
  cell: (item: T) => ReactNode;
}

interface RowActions<T> {
  /** What changing a row is called on this page, such as "Edit" or "Rename". */
  editLabel: string;
  onEdit: (item: T) => void;
  onDelete: (item: T) => void;
}

interface EntityTableProps<T> {
  items: T[];
  columns: Column<T>[];
  /** Wide enough that no column squeezes its text; narrower screens scroll the table sideways. */
  minWidth: number;
  /** Left out for people who may not change these things: their rows get no menu. */
  actions?: RowActions<T>;
  empty: { icon: ReactNode; title: string; description: string; action: ReactNode };
}

export function EntityTable<T extends { id: string; name: string }>({ items, columns, minWidth, actions, empty }: EntityTableProps<T>) {
  if (items.length === 0) {
    return (
      <Paper p="xl">
        <EmptyState icon={empty.icon} variant="light" title={empty.title} description={empty.description}>
          {empty.action && <EmptyState.Actions>{empty.action}</EmptyState.Actions>}
        </EmptyState>
      </Paper>
    );
  }
  return (
    <Paper>
      <Table.ScrollContainer minWidth={minWidth}>
        <Table verticalSpacing="md" horizontalSpacing="lg" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              {columns.map((column) => (
                <Table.Th key={column.header} w={column.width}>
                  {column.header}
                </Table.Th>
              ))}
              <Table.Th w={60} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={item.id}>
                {columns.map((column) => (
                  <Table.Td key={column.header}>{column.cell(item)}</Table.Td>
                ))}
                <Table.Td>
                  {actions && (
                    <RowMenu name={item.name}>
                      <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => actions.onEdit(item)}>
                        {actions.editLabel}
                      </Menu.Item>
                      <Menu.Item leftSection={<IconTrash size={16} />} color="red" onClick={() => actions.onDelete(item)}>
                        Delete
                      </Menu.Item>
                    </RowMenu>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
