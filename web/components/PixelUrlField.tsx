// The pixel address input, with the placeholders it may use listed beneath: each says what it
// stands for, and a click adds it to the address.
import { Badge, Group, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { TEMPLATE_VARIABLES } from '../../shared/rules/template';
import type { TagForm } from './ConditionBuilder';

const insertText = (name: string) => (name === 'dl' ? '{{dl.cart.total}}' : `{{${name}}}`);

interface PixelUrlFieldProps {
  form: TagForm;
  error: string | undefined;
  readOnly: boolean;
}

export function PixelUrlField({ form, error, readOnly }: PixelUrlFieldProps) {
  const url = form.values.action.url;
  return (
    <Stack gap="xs">
      <TextInput
        label="Pixel address"
        description="The image address your ad or analytics vendor gave you. Placeholders are filled in on every visit."
        placeholder="https://pixel.vendor.com/track?id=123&page={{page_url}}"
        withAsterisk
        readOnly={readOnly}
        {...form.getInputProps('action.url')}
        error={error}
      />
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
                  onClick={() => form.setFieldValue('action.url', url + insertText(name))}
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
