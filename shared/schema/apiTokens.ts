// API tokens: a secret that acts as a member of one org, with a role and optional client scope,
// for the CLI and scripts. The secret is shown once; only its hash is stored.
import { z } from 'zod';
import { Id, Name, Role, Timestamp } from './common';

/** What every secret starts with, so leaked tokens are easy to recognise and scan for. */
export const API_TOKEN_PREFIX = 'ptk_';

export const ApiToken = z.object({
  id: Id,
  orgId: Id,
  name: Name,
  role: Role,
  /** Limits the token to these clients; null means every client of the org. */
  clientIds: z.array(Id).nullable(),
  /** The user who created it. */
  createdBy: Id,
  createdAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

export const ApiTokenCreateInput = z.object({
  orgId: Id,
  name: Name,
  role: Role,
  clientIds: z.array(Id).min(1, 'Choose at least one client, or none to allow every client').max(500).nullable().default(null),
});
export const ApiTokenRevokeInput = z.object({ orgId: Id, tokenId: Id });
