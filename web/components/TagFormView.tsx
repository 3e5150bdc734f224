// The tag editor's form: name, status and priority, what it does, when it fires, where and for
// whom (its own conditions and the audiences it requires), how often, between which dates and its
// consent category — checked as people type with the server's TagFields schema, with the tag's
// plain-English sentence and status kept beside it.
import { Alert, Button, Grid, Group, Input, NumberInput, Paper, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconDeviceFloppy, IconEye, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { Link, useNavigate } from 'react-router';
import { describeAction, describeTag } from '../../shared/rules/describe';
import { tagStatus, TAG_STATUS_LABELS } from '../../shared/rules/status';
import { CONSENT_CATEGORY_LABELS } from '../../shared/rules/words';
import { CONSENT_CATEGORIES, TagFields, type ConsentCategory, type Privacy } from '../../shared/schema';
import { audiencesLine } from '../lib/audiences';
import { errorCode, fieldErrors, notifyError, notifySuccess } from '../lib/errors';
import { zodErrors } from '../lib/zodForm';
import { useTRPC } from '../trpc';
import { ActionFields } from './ActionFields';
import { AudienceSelect } from './AudienceSelect';
import { CapFields } from './CapFields';
import { ConditionBuilder } from './ConditionBuilder';
import { PageHeader, type Crumb } from './PageHeader';
import { ScheduleFields } from './ScheduleFields';
import { StatusBadge } from './StatusBadge';
import { TriggerFields } from './TriggerFields';
import { UnsavedChangesGuard } from './UnsavedChangesGuard';

/** Number inputs left empty fail zod's type check, whose words are for engineers. */
const MESSAGES = {
  priority: 'Enter a whole number from 0 to 100',
  'trigger.seconds': 'Enter a whole number of seconds from 1 to 3600',
  'trigger.percent': 'Enter a whole percentage from 1 to 100',
  'cap.count': 'Enter a whole number from 1 to 1000',
  'cap.every': 'Enter a whole number from 1 to 365',
};

const CONSENT_HINTS: Record<Privacy['consentMode'], string> = {
  none: 'This site fires tags without asking for consent, so the category only matters once you change the site’s consent setting.',
  optIn: 'This site waits for consent: the tag fires once the visitor agrees to this category.',
  optOut: 'This site fires until the visitor says no: the tag stops once the visitor refuses this category.',
};

interface TagFormViewProps {
  siteId: string;
  /** The site's zone (schedules are wall-clock times in it) and consent mode. */
  site: { timeZone: string; privacy: Privacy };
  crumbs: Crumb[];
  /** The audiences this site's tags may use, and where the organisation manages them. */
  audiences: { id: string; name: string }[];
  audiencesPage: string;
  initial: TagFields;
  /** The stored tag being edited, or null for a new one. */
  tag: { id: string; revision: number } | null;
  readOnly: boolean;
  /** Why the form is read-only, when it is. */
  readOnlyReason?: string;
  /** Admins and owners: may add custom HTML or change its code. */
  canEditHtml: boolean;
  /** Loads the latest saved version after someone else saved it. */
  onReload: () => void;
  /** Opens the delete confirmation; given for stored tags the person may delete. */
  onDelete?: () => void;
  /** Set when the page leaves on purpose (saved or deleted), so unsaved edits are not asked about. */
  leaving: RefObject<boolean>;
}

export function TagFormView({ siteId, site, crumbs, audiences, audiencesPage, initial, tag, readOnly, readOnlyReason, canEditHtml, onReload, onDelete, leaving }: TagFormViewProps) {
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
  const now = Date.now();
  const sentence = describeTag(values, site, now);
  const status = tagStatus(values, site.timeZone, now);
  const inAudiences = audiencesLine(values.audienceIds, new Map(audiences.map((a) => [a.id, a.name])));
  return (
    <form id="tag-form" onSubmit={submit} noValidate>
      <UnsavedChangesGuard when={() => !readOnly && !leaving.current && form.isDirty()} />
      <PageHeader
        crumbs={crumbs}
        title={tag ? initial.name : 'New tag'}
        description={
          readOnly ? undefined : tag ? 'Changes are saved as a draft; visitors get them after you publish the site.' : 'Say what to load, when, where, for whom and how often.'
        }
        actions={
          <>
            {onDelete && (
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
          {readOnlyReason ?? 'You can look at this tag; changing it needs the editor role or higher.'}
        </Alert>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8, xl: 9 }}>
          <Stack gap="lg">
            <Section title="Tag">
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
            </Section>
            <Section title="What it does">
              <ActionFields form={form} errorAt={errorAt} readOnly={readOnly} canEditHtml={canEditHtml} />
            </Section>
            <Section title="When it fires">
              <TriggerFields form={form} errorAt={errorAt} readOnly={readOnly} />
            </Section>
            <Section
              title="Where and for whom"
              description="Leave this empty to fire on every page for every visitor, or add conditions about the page, where the visitor came from, their device, the data layer or the time."
            >
              <ConditionBuilder form={form} errorAt={errorAt} readOnly={readOnly} />
              <AudienceSelect form={form} audiences={audiences} audiencesPage={audiencesPage} errorAt={errorAt} readOnly={readOnly} />
            </Section>
            <Section title="How often" description="Counted per visitor, in their browser.">
              <CapFields form={form} errorAt={errorAt} readOnly={readOnly} />
            </Section>
            <Section title="Between … and …" description="Leave both dates empty to fire from the next publish until you pause or delete the tag.">
              <ScheduleFields form={form} timeZone={site.timeZone} errorAt={errorAt} readOnly={readOnly} />
            </Section>
            <Section title="Consent category">
              <Select
                label="Consent category"
                description={CONSENT_HINTS[site.privacy.consentMode]}
                data={CONSENT_CATEGORIES.map((c) => ({ value: c, label: CONSENT_CATEGORY_LABELS[c] }))}
                value={values.consent}
                onChange={(c) => c && form.setFieldValue('consent', c as ConsentCategory)}
                allowDeselect={false}
                readOnly={readOnly}
                w={340}
              />
            </Section>
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
            {inAudiences && (
              <Text fw={600} mt={4} data-testid="tag-audiences">
                {inAudiences}.
              </Text>
            )}
            <Text size="sm" mt="sm">
              {describeAction(values.action)}.
            </Text>
            <Group gap="xs" mt="md">
              <StatusBadge status={status} />
              <Text size="sm" c="dimmed">
                {STATUS_NOTES[status]}
              </Text>
            </Group>
            <Text size="sm" c="dimmed" mt="sm">
              {readOnly ? 'Visitors get it as it was when the site was last published.' : 'Saving keeps it in the draft. Visitors get it after you publish the site.'}
            </Text>
          </Paper>
        </Grid.Col>
      </Grid>
    </form>
  );
}

const STATUS_NOTES: Record<keyof typeof TAG_STATUS_LABELS, string> = {
  live: 'Fires now, once published.',
  scheduled: 'Waits for its start date.',
  ended: 'Its end date has passed; it is left out of the container.',
  paused: 'Does not fire until it is made active and published.',
};

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <Paper p="lg" component="section" aria-label={title}>
      <Title order={4} mb={description ? 4 : 'md'}>
        {title}
      </Title>
      {description && (
        <Text size="sm" c="dimmed" mb="md">
          {description}
        </Text>
      )}
      {children}
    </Paper>
  );
}
