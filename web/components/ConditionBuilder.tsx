// Builds a condition tree (a tag's or an audience's): rules about the page, the visitor, the data
// layer and the time, in a root group matched by all / any / none, plus one level of sub-groups
// ("and any of these"). Edits the form's `conditions` in place.
import { Badge, Box, Button, Group, Paper, Select, Stack, Text, ActionIcon, Tooltip } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconSquarePlus, IconTrash } from '@tabler/icons-react';
import { GROUP_TYPES, type ConditionGroup, type GroupType, type Rule, type TagFields } from '../../shared/schema';
import { GROUP_LABELS } from '../../shared/rules/words';
import { RuleRow } from './RuleRow';

export type TagForm = UseFormReturnType<TagFields>;
/** Any form with a `conditions` tree at its root: a tag's or an audience's. */
export type ConditionsForm = Pick<UseFormReturnType<{ conditions: ConditionGroup }>, 'values' | 'getInputProps' | 'setFieldValue' | 'insertListItem' | 'removeListItem'>;

export const newRule = (): Rule => ({ type: 'rule', variable: 'page.path', operator: 'startsWith', value: '' });

/** What the builder says before the match select and while the tree is empty; a tag's words unless given. */
export interface BuilderWords {
  lead: string;
  empty: string;
}

const TAG_WORDS: BuilderWords = {
  lead: 'Fire when',
  empty: 'No conditions yet, so the tag fires on every page for every visitor. Add a condition to narrow it down.',
};

const JOINERS: Record<GroupType, string> = { all: 'and', any: 'or', none: 'or' };
const SUBGROUP_LABELS: Record<GroupType, string> = { all: 'All of these', any: 'Any of these', none: 'None of these' };

interface BuilderProps {
  form: ConditionsForm;
  errorAt: (path: string) => string | undefined;
  readOnly: boolean;
}

interface GroupProps extends BuilderProps {
  group: ConditionGroup;
  path: string;
  /** For accessible names: "" for the root, " of group 2" inside a sub-group. */
  suffix: string;
}

function Rules({ form, group, path, suffix, errorAt, readOnly }: GroupProps) {
  return (
    <Stack gap="xs">
      {group.conditions.map((condition, index) => {
        const itemPath = `${path}.conditions.${index}`;
        const joiner = index === 0 ? '' : JOINERS[group.type];
        return (
          <Group key={index} align="flex-start" gap="xs" wrap="nowrap">
            <Box w={52} pt={8} style={{ flexShrink: 0 }}>
              {joiner && (
                <Badge variant="light" color="gray" size="sm" fullWidth>
                  {joiner}
                </Badge>
              )}
            </Box>
            {condition.type === 'rule' ? (
              <RuleRow
                form={form}
                path={itemPath}
                rule={condition}
                name={`Condition ${index + 1}${suffix}`}
                errorAt={errorAt}
                readOnly={readOnly}
                onRemove={() => form.removeListItem(`${path}.conditions`, index)}
              />
            ) : (
              <SubGroup
                form={form}
                group={condition}
                path={itemPath}
                name={`Group ${index + 1}`}
                suffix={` of group ${index + 1}`}
                errorAt={errorAt}
                readOnly={readOnly}
                onRemove={() => form.removeListItem(`${path}.conditions`, index)}
              />
            )}
          </Group>
        );
      })}
    </Stack>
  );
}

function SubGroup({ onRemove, name, ...props }: GroupProps & { name: string; onRemove: () => void }) {
  const { form, group, path, readOnly } = props;
  return (
    <Paper p="sm" bg="gray.0" style={{ flex: 1, minWidth: 0 }} role="group" aria-label={name}>
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <Select
            aria-label="Group match"
            data={GROUP_TYPES.map((t) => ({ value: t, label: SUBGROUP_LABELS[t] }))}
            value={group.type}
            onChange={(v) => v && form.setFieldValue(`${path}.type`, v as GroupType)}
            allowDeselect={false}
            readOnly={readOnly}
            size="xs"
            w={150}
          />
          <Text size="sm" c="dimmed">
            {group.type === 'any' ? 'is true' : 'are true'}
          </Text>
        </Group>
        {!readOnly && (
          <Tooltip label="Remove this group and its conditions">
            <ActionIcon variant="subtle" color="gray" aria-label={`Remove ${name.toLowerCase()}`} onClick={onRemove}>
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
      <Rules {...props} />
      {!readOnly && (
        <Button variant="subtle" size="xs" mt="xs" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem(`${path}.conditions`, newRule())}>
          Add condition to group
        </Button>
      )}
    </Paper>
  );
}

export function ConditionBuilder({ form, errorAt, readOnly, words = TAG_WORDS }: BuilderProps & { words?: BuilderWords }) {
  const root = form.values.conditions;
  return (
    <Stack gap="md">
      <Group gap="xs">
        <Text size="sm">{words.lead}</Text>
        <Select
          aria-label="Match"
          data={GROUP_TYPES.map((t) => ({ value: t, label: GROUP_LABELS[t] }))}
          value={root.type}
          onChange={(v) => v && form.setFieldValue('conditions.type', v as GroupType)}
          allowDeselect={false}
          readOnly={readOnly}
          w={220}
        />
      </Group>
      {root.conditions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {words.empty}
        </Text>
      ) : (
        <Rules form={form} group={root} path="conditions" suffix="" errorAt={errorAt} readOnly={readOnly} />
      )}
      {!readOnly && (
        <Group gap="xs">
          <Button variant="light" size="sm" leftSection={<IconPlus size={16} />} onClick={() => form.insertListItem('conditions.conditions', newRule())}>
            Add condition
          </Button>
          <Button
            variant="subtle"
            size="sm"
            leftSection={<IconSquarePlus size={16} />}
            onClick={() => form.insertListItem('conditions.conditions', { type: 'any', conditions: [newRule()] } satisfies ConditionGroup)}
          >
            Add group
          </Button>
        </Group>
      )}
    </Stack>
  );
}
