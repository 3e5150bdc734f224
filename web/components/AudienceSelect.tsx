// The tag editor's pick of audiences the visitor must all be in, on top of the tag's own
// conditions: the org-wide ones and those of the site's client, at most MAX_AUDIENCES_PER_TAG.
import { Anchor, MultiSelect, Text } from '@mantine/core';
import { Link } from 'react-router';
import { MAX_AUDIENCES_PER_TAG } from '../../shared/schema';
import type { TagForm } from './ConditionBuilder';

interface AudienceSelectProps {
  form: TagForm;
  /** The audiences this site's tags may use. */
  audiences: { id: string; name: string }[];
  /** Where the organisation's audiences are managed. */
  audiencesPage: string;
  errorAt: (path: string) => string | undefined;
  readOnly: boolean;
}

export function AudienceSelect({ form, audiences, audiencesPage, errorAt, readOnly }: AudienceSelectProps) {
  const ids = form.values.audienceIds;
  // The server names the audience it refused by its place in the list ("audienceIds.1").
  const error = errorAt('audienceIds') ?? ids.map((_, i) => errorAt(`audienceIds.${i}`)).find(Boolean);
  if (audiences.length === 0 && ids.length === 0) {
    return (
      <Text size="sm" c="dimmed" mt="md">
        No audiences for this site yet.{' '}
        <Anchor component={Link} to={audiencesPage} size="sm">
          Save a group of visitor rules as an audience
        </Anchor>{' '}
        to reuse it on many tags.
      </Text>
    );
  }
  return (
    <MultiSelect
      mt="md"
      label="Only for visitors in these audiences"
      description={`The visitor must be in every audience picked, as well as meet the conditions above. At most ${MAX_AUDIENCES_PER_TAG}.`}
      placeholder={ids.length ? undefined : 'Any visitor'}
      data={audiences.map((a) => ({ value: a.id, label: a.name }))}
      value={ids}
      onChange={(value) => form.setFieldValue('audienceIds', value)}
      maxValues={MAX_AUDIENCES_PER_TAG}
      searchable
      readOnly={readOnly}
      error={error}
    />
  );
}
