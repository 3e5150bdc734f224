// A tag's status as a badge: Live, Scheduled, Ended or Paused, from the shared tagStatus.
import { Badge } from '@mantine/core';
import { TAG_STATUS_LABELS, type TagStatus } from '../../shared/rules/status';

const COLORS: Record<TagStatus, string> = { live: 'teal', scheduled: 'blue', ended: 'gray', paused: 'yellow' };

export function StatusBadge({ status }: { status: TagStatus }) {
  return (
    <Badge variant="light" color={COLORS[status]} miw="max-content">
      {TAG_STATUS_LABELS[status]}
    </Badge>
  );
}
