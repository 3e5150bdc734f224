// Audiences: named, reusable condition trees ("Mobile visitors from paid search") that many tags
// can require. Client-wide when they name a client, org-wide otherwise.
import { z } from 'zod';
import { Id, Name, Timestamp } from './common';
import { ConditionGroup } from './rules';

export const AudienceFields = z.object({
  name: Name,
  /** The client whose sites may use it; null makes it available to every client of the org. */
  clientId: Id.nullable(),
  conditions: ConditionGroup,
});
export type AudienceFields = z.infer<typeof AudienceFields>;

export const Audience = AudienceFields.extend({ id: Id, orgId: Id, createdAt: Timestamp, updatedAt: Timestamp });
export type Audience = z.infer<typeof Audience>;

export const AudienceRef = z.object({ audienceId: Id });
export const AudienceCreateInput = AudienceFields.extend({ orgId: Id });
export const AudienceUpdateInput = AudienceFields.omit({ clientId: true }).partial().extend({ audienceId: Id });

/** At most this many audiences per tag: each adds its rules to every page view. */
export const MAX_AUDIENCES_PER_TAG = 10;
