// An address input for an image pixel or a script, with the placeholders it may use listed
// beneath: each says what it stands for, and a click adds it to the address.
import { Badge, Group, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { TEMPLATE_VARIABLES } from '../../shared/rules/template';
import type { TagForm } from './ConditionBuilder';

const insertText = (name: string) => (name === 'dl' ? '{{dl.cart.total}}' : `{{${name}}}`);

interface PixelUrlFieldProps {
  form: TagForm;
  /** The form path of the address: the image's url or the script's src. */
  path: 'action.url' | 'action.src';
  label: string;
  description: string;
  placeholder: string;
  error: string | undefined;
  readOnly: boolean;
}

export function PixelUrlField({ form, path, label, description, placeholder, error, readOnly }: PixelUrlFieldProps) {
  const action = form.values.action;
  const url = action.kind === 'image' ? action.url : action.kind === 'script' ? action.src : '';
  return (
    <Stack gap="xs">
      <TextInput label={label} description={description} placeholder={placeholder} withAsterisk readOnly={readOnly} {...form.getInputProps(path)} error={error} />
      {!readOnly && (
        <div>
          <Text size="xs" c="dimmed" mb={6}>
            Placeholders — click one to add it to the address:
          </Text>
          <Group gap={6}>
            {Object.entries(TEMPLATE_VARIABLES).map(([name, meaning]) => (
              <Tooltip key={name} label={`Stands for ${meaning}`} multiline maw={260}>
                <Badge
                  component="button"
                  type="button"
                  variant="light"
                  color="gray"
                  tt="none"
                  style={{ cursor: 'pointer' }}
                  onClick={() => form.setFieldValue(path, url + insertText(name))}
                >
                  {insertText(name)}
                </Badge>
              </Tooltip>
            ))}
          </Group>
        </div>
      )}
    </Stack>
  );
}
