// API tokens of an org: list, create (the secret is returned once) and revoke. Managed by admins
// and owners who are logged in; a token never mints or revokes tokens.
import { TRPCError } from '@trpc/server';
import { roleAtLeast, type Membership } from '../../shared/schema';
import { ApiTokenCreateInput, ApiTokenRevokeInput, type ApiToken } from '../../shared/schema/apiTokens';
import { hashApiToken, newApiTokenSecret } from '../auth/apiTokens';
import { newId, nowIso } from '../ids';
import type { ApiTokenRecord } from '../store/types';
import { orgProcedure, refuseApiTokens, router } from './trpc';

const tokenAdmin = orgProcedure('admin').use(refuseApiTokens);

/** A token within the caller's reach: no higher role and no wider client scope than the caller's own. */
function withinReach(membership: Membership, token: Pick<ApiToken, 'role' | 'clientIds'>): boolean {
  if (!roleAtLeast(membership.role, token.role)) return false;
  if (membership.clientIds === null) return true;
  const allowed = membership.clientIds;
  return token.clientIds !== null && token.clientIds.every((id) => allowed.includes(id));
}

/** What anyone may see of a token: never its secret or hash. */
function publicToken({ hash: _hash, ...token }: ApiTokenRecord): ApiToken {
  return token;
}

export const tokensRouter = router({
  /** The org's tokens within the caller's reach, newest first, revoked ones included. */
  list: tokenAdmin.query(async ({ ctx }) => {
    const tokens = await ctx.store.apiTokens.listByOrg(ctx.org.id);
    return tokens.filter((token) => withinReach(ctx.membership, token)).map(publicToken);
  }),

  /** Returns the secret this once; only its hash is stored. */
  create: tokenAdmin.input(ApiTokenCreateInput).mutation(async ({ ctx, input }) => {
    if (!roleAtLeast(ctx.membership.role, input.role)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `role: a token cannot have a higher role than yours (${ctx.membership.role})` });
    }
    const clientIds = input.clientIds && [...new Set(input.clientIds)];
    if (!withinReach(ctx.membership, { role: input.role, clientIds })) {
      throw new TRPCError({ code: 'FORBIDDEN', message: 'clientIds: you can only give a token clients you may work on yourself' });
    }
    if (clientIds) {
      const clients = await ctx.store.clients.listByOrg(ctx.org.id);
      if (clientIds.some((id) => !clients.some((c) => c.id === id))) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: 'clientIds: choose clients of this organisation' });
      }
    }
    const secret = newApiTokenSecret();
    const record: ApiTokenRecord = {
      id: newId(),
      orgId: ctx.org.id,
      name: input.name,
      role: input.role,
      clientIds,
      createdBy: ctx.user.id,
      createdAt: nowIso(),
      lastUsedAt: null,
      revokedAt: null,
      hash: hashApiToken(secret),
    };
    await ctx.store.apiTokens.create(record);
    return { token: publicToken(record), secret };
  }),

  /** Takes effect on the next request the token makes. */
  revoke: tokenAdmin.input(ApiTokenRevokeInput).mutation(async ({ ctx, input }) => {
    const token = await ctx.store.apiTokens.get(input.tokenId);
    if (!token || token.orgId !== ctx.org.id || !withinReach(ctx.membership, token)) {
      throw new TRPCError({ code: 'NOT_FOUND', message: 'Token not found' });
    }
    await ctx.store.apiTokens.revoke(token.id, nowIso());
    return publicToken((await ctx.store.apiTokens.get(token.id)) ?? token);
  }),
});
