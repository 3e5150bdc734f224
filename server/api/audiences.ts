// Audiences: named visitor rules saved once and required by many tags, org-wide or for one client.
import { TRPCError } from '@trpc/server';
import { AudienceCreateInput, AudienceUpdateInput, type Membership, type Tag } from '../../shared/schema';
import { newId, nowIso } from '../ids';
import type { Store } from '../store/types';
import { audienceProcedure, orgProcedure, router } from './trpc';

/** An org-wide audience changes what every client's tags do, so only members of every client may change it. */
function guardOrgWide(membership: Membership, clientId: string | null) {
  if (clientId === null && membership.clientIds !== null) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Only members who work on every client can change an audience shared by all clients' });
  }
}

export async function tagsUsingAudience(store: Store, orgId: string, audienceId: string): Promise<Tag[]> {
  const using: Tag[] = [];
  for (const client of await store.clients.listByOrg(orgId)) {
    for (const site of await store.sites.listByClient(client.id)) {
      for (const tag of await store.tags.listBySite(site.id)) if (tag.audienceIds.includes(audienceId)) using.push(tag);
    }
  }
  return using;
}

export const audiencesRouter = router({
  /** The org's audiences the caller may use: org-wide ones and those of clients they work on. */
  list: orgProcedure('viewer').query(async ({ ctx }) => {
    const allowed = ctx.membership.clientIds;
    const audiences = await ctx.store.audiences.listByOrg(ctx.org.id);
    return allowed ? audiences.filter((a) => a.clientId === null || allowed.includes(a.clientId)) : audiences;
  }),

  get: audienceProcedure('viewer').query(({ ctx }) => ctx.audience),

  create: orgProcedure('editor')
    .input(AudienceCreateInput)
    .mutation(async ({ ctx, input }) => {
      guardOrgWide(ctx.membership, input.clientId);
      if (input.clientId !== null) {
        const client = await ctx.store.clients.get(input.clientId);
        const allowed = ctx.membership.clientIds;
        if (!client || client.orgId !== ctx.org.id || (allowed && !allowed.includes(client.id))) {
          // Another org's client, or one outside the caller's clients: as if it did not exist.
          throw new TRPCError({ code: 'NOT_FOUND', message: 'Client not found' });
        }
      }
      const now = nowIso();
      const audience = { id: newId(), orgId: ctx.org.id, clientId: input.clientId, name: input.name, conditions: input.conditions, createdAt: now, updatedAt: now };
      await ctx.store.audiences.create(audience);
      return audience;
    }),

  update: audienceProcedure('editor')
    .input(AudienceUpdateInput)
    .mutation(({ ctx, input }) => {
      guardOrgWide(ctx.membership, ctx.audience.clientId);
      const { audienceId: _audienceId, ...patch } = input;
      return ctx.store.audiences.update(ctx.audience.id, { ...patch, updatedAt: nowIso() });
    }),

  /** Refused while tags still require the audience, so no tag silently starts firing for everyone. */
  remove: audienceProcedure('editor').mutation(async ({ ctx }) => {
    guardOrgWide(ctx.membership, ctx.audience.clientId);
    const using = await tagsUsingAudience(ctx.store, ctx.audience.orgId, ctx.audience.id);
    if (using.length) {
      const names = using.slice(0, 3).map((t) => `“${t.name}”`).join(', ');
      throw new TRPCError({
        code: 'CONFLICT',
        message: `${using.length} tag${using.length > 1 ? 's still use' : ' still uses'} this audience (${names}${using.length > 3 ? ', …' : ''}). Remove it from them first.`,
      });
    }
    await ctx.store.audiences.remove(ctx.audience.id);
    return { ok: true };
  }),
});
