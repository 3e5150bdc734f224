// The tag editor's form: name, status, priority, pixel address and conditions, checked as people
// type with the server's TagFields schema, with the tag's plain-English sentence kept beside it.
import { Alert, Button, Grid, Group, Input, NumberInput, Paper, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconDeviceFloppy, IconEye, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent, type RefObject } from 'react';
import { Link, useNavigate } from 'react-router';
import { TagFields } from '../../shared/schema';
import { describeConditions } from '../lib/describe';
import { errorCode, fieldErrors, notifyError, notifySuccess } from '../lib/errors';
import { hostOf } from '../lib/format';
import { zodErrors } from '../lib/zodForm';
import { useTRPC } from '../trpc';
import { ConditionBuilder } from './ConditionBuilder';
import { PageHeader, type Crumb } from './PageHeader';
import { PixelUrlField } from './PixelUrlField';
import { UnsavedChangesGuard } from './UnsavedChangesGuard';

const MESSAGES = { priority: 'Enter a whole number from 0 to 100' };

interface TagFormViewProps {
  siteId: string;
  crumbs: Crumb[];
  initial: TagFields;
  /** The stored tag being edited, or null for a new one. */
  tag: { id: string; revision: number } | null;
  readOnly: boolean;
  /** Loads the latest saved version after someone else saved it. */
  onReload: () => void;
  /** Opens the delete confirmation (stored tags only). */
  onDelete?: () => void;
  /** Set when the page leaves on purpose (saved or deleted), so unsaved edits are not asked about. */
  leaving: RefObject<boolean>;
}

export function TagFormView({ siteId, crumbs, initial, tag, readOnly, onReload, onDelete, leaving }: TagFormViewProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState(false);

  const form = useForm<TagFields>({
    initialValues: initial,
    onValuesChange: () => setServerErrors((prev) => (Object.keys(prev).length ? {} : prev)),
  });
  const liveErrors = useMemo(() => zodErrors(TagFields, form.values, { messages: MESSAGES }), [form.values]);
  const errorAt = (path: string): string | undefined =>
    serverErrors[path] ?? (submitted || form.isTouched(path) ? (liveErrors[path] as string | undefined) : undefined);

  const create = useMutation(trpc.tags.create.mutationOptions());
  const update = useMutation(trpc.tags.update.mutationOptions());
  const saving = create.isPending || update.isPending;

  const save = async (fields: TagFields) => {
    try {
      const saved = tag ? await update.mutateAsync({ tagId: tag.id, revision: tag.revision, ...fields }) : await create.mutateAsync({ siteId, ...fields });
      await Promise.all([
        queryClient.invalidateQueries(trpc.tags.list.queryFilter({ siteId })),
        queryClient.invalidateQueries(trpc.sites.get.queryFilter({ siteId })),
        queryClient.invalidateQueries(trpc.tags.get.queryFilter({ tagId: saved.id })),
      ]);
      notifySuccess(`Saved the tag ${saved.name}. Publish the site to make it live.`);
      leaving.current = true;
      void navigate(`/sites/${siteId}`);
    } catch (error) {
      const code = errorCode(error);
      if (code === 'CONFLICT') setConflict(true);
      else if (code === 'BAD_REQUEST' && Object.keys(fieldErrors(error)).length) {
        setServerErrors(fieldErrors(error));
        notifications.show({ color: 'red', title: 'The tag was not saved', message: 'Check the highlighted fields.' });
      } else notifyError('Could not save the tag', error);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (readOnly || saving) return;
    const parsed = TagFields.safeParse(form.values);
    if (!parsed.success) {
      const count = Object.keys(liveErrors).length;
      notifications.show({
        color: 'red',
        title: 'The tag was not saved',
        message: count === 1 ? 'One field needs a change: see the highlighted field.' : `${count} fields need a change: see the highlighted fields.`,
      });
      return;
    }
    void save(parsed.data);
  };

  const values = form.values;
  const sentence = describeConditions(values.conditions);
  return (
    <form id="tag-form" onSubmit={submit} noValidate>
      <UnsavedChangesGuard when={() => !readOnly && !leaving.current && form.isDirty()} />
      <PageHeader
        crumbs={crumbs}
        title={tag ? initial.name : 'New tag'}
        description={
          readOnly ? undefined : tag ? 'Changes are saved as a draft; visitors get them after you publish the site.' : 'Say which pixel to load and on which pages.'
        }
        actions={
          <>
            {onDelete && !readOnly && (
              <Button variant="subtle" color="red" onClick={onDelete}>
                Delete
              </Button>
            )}
            <Button variant="default" component={Link} to={`/sites/${siteId}`}>
              {readOnly ? 'Back to the site' : 'Cancel'}
            </Button>
            {!readOnly && (
              <Button type="submit" leftSection={<IconDeviceFloppy size={16} />} loading={saving} disabled={conflict}>
                Save tag
              </Button>
            )}
          </>
        }
      />
      {conflict && (
        <Alert color="orange" icon={<IconAlertTriangle size={20} />} title="Someone else saved this tag while you were editing" mb="lg">
          <Text size="sm" mb="sm">
            To avoid overwriting their work, your changes were not saved. Reload to see their version, then make your changes again.
          </Text>
          <Button size="xs" color="orange" leftSection={<IconRefresh size={14} />} onClick={onReload}>
            Reload the tag
          </Button>
        </Alert>
      )}
      {readOnly && (
        <Alert color="gray" icon={<IconEye size={20} />} mb="lg">
          You can look at this tag; changing it needs the editor role or higher.
        </Alert>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8, xl: 9 }}>
          <Stack gap="lg">
            <Paper p="lg">
              <Title order={4} mb="md">
                Tag
              </Title>
              <Stack gap="md">
                <TextInput
                  label="Tag name"
                  placeholder="Checkout conversion"
                  withAsterisk
                  readOnly={readOnly}
                  {...form.getInputProps('name')}
                  error={errorAt('name')}
                />
                <Group align="flex-start" gap="xl">
                  <Input.Wrapper label="Status" description="Paused tags stay in the draft but never fire">
                    <SegmentedControl
                      mt={6}
                      readOnly={readOnly}
                      data={[
                        { value: 'active', label: 'Active' },
                        { value: 'paused', label: 'Paused' },
                      ]}
                      {...form.getInputProps('status')}
                    />
                  </Input.Wrapper>
                  <NumberInput
                    label="Priority"
                    description="0 to 100; higher fires first"
                    min={0}
                    max={100}
                    allowDecimal={false}
                    allowNegative={false}
                    w={200}
                    readOnly={readOnly}
                    {...form.getInputProps('priority')}
                    error={errorAt('priority')}
                  />
                </Group>
              </Stack>
            </Paper>
            <Paper p="lg">
              <Title order={4} mb="md">
                Pixel
              </Title>
              <PixelUrlField form={form} error={errorAt('action.url')} readOnly={readOnly} />
            </Paper>
            <Paper p="lg">
              <Title order={4} mb={4}>
                Where it fires
              </Title>
              <Text size="sm" c="dimmed" mb="md">
                Leave this empty to fire on every page, or add conditions about the page, where the visitor came from, or what the site stores.
              </Text>
              <ConditionBuilder form={form} errorAt={errorAt} readOnly={readOnly} />
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4, xl: 3 }}>
          <Paper p="lg" style={{ position: 'sticky', top: 88 }} bg="indigo.0">
            <Text size="xs" fw={700} tt="uppercase" c="indigo.8" mb="xs">
              In plain words
            </Text>
            <Text fw={600} data-testid="tag-summary">
              {sentence}
              {sentence.endsWith('…') ? '' : '.'}
            </Text>
            <Text size="sm" mt="sm">
              {values.action.url.trim() ? `Loads an image pixel from ${hostOf(values.action.url.trim())}.` : 'Loads an image pixel: add its address.'}
            </Text>
            <Text size="sm" c="dimmed" mt="sm">
              {values.status === 'paused'
                ? 'Paused: it does not fire until it is made active and published.'
                : readOnly
                  ? 'Visitors get it as it was when the site was last published.'
                  : 'Saving keeps it in the draft. Visitors get it after you publish the site.'}
            </Text>
          </Paper>
        </Grid.Col>
      </Grid>
    </form>
  );
}
