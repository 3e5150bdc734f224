// Tags: what fires, where and for whom. Saving changes the draft only; publishing ships it.
import { TRPCError } from '@trpc/server';
import { roleAtLeast, TagCreateInput, TagUpdateInput, type Membership, type Site, type TagAction } from '../../shared/schema';
import { Invalid } from '../errors';
import { newId, nowIso } from '../ids';
import type { Store } from '../store/types';
import { router, siteProcedure, tagProcedure } from './trpc';

/** Custom HTML runs any code in every visitor's browser, so only admins and owners may write it. */
export function guardCustomHtml(membership: Membership, actions: (TagAction | undefined)[], where: { prefix: string; suffix: string } = { prefix: '', suffix: '' }) {
  if (actions.some((action) => action?.kind === 'html') && !roleAtLeast(membership.role, 'admin')) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `${where.prefix}Only admins and owners can add or change custom HTML, because it can run any code on the site${where.suffix}`,
    });
  }
}

/** Each audience a tag requires must belong to the site's org and be shared with the site's client. */
export async function checkAudiences(store: Store, site: Pick<Site, 'orgId' | 'clientId'>, audienceIds: string[] | undefined, path: (string | number)[] = ['audienceIds']) {
  for (const [index, id] of (audienceIds ?? []).entries()) {
    const audience = await store.audiences.get(id);
    if (!audience || audience.orgId !== site.orgId || (audience.clientId !== null && audience.clientId !== site.clientId)) {
      throw new Invalid([...path, index], "Choose an audience of this site's client, or one shared by all clients");
    }
  }
}

export const tagsRouter = router({
  list: siteProcedure('viewer').query(({ ctx }) => ctx.store.tags.listBySite(ctx.site.id)),

  get: tagProcedure('viewer').query(({ ctx }) => ctx.tag),

  create: siteProcedure('editor')
    .input(TagCreateInput)
    .mutation(async ({ ctx, input }) => {
      guardCustomHtml(ctx.membership, [input.action]);
      await checkAudiences(ctx.store, ctx.site, input.audienceIds);
      const now = nowIso();
      const { siteId: _siteId, ...fields } = input;
      const tag = { ...fields, id: newId(), siteId: ctx.site.id, revision: 1, createdAt: now, updatedAt: now };
      await ctx.store.tags.create(tag);
      return tag;
    }),

  /** Refused with CONFLICT when someone saved the tag after `revision`; nothing is overwritten. */
  update: tagProcedure('editor')
    .input(TagUpdateInput)
    .mutation(async ({ ctx, input }) => {
      guardCustomHtml(ctx.membership, [ctx.tag.action, input.action]);
      await checkAudiences(ctx.store, ctx.site, input.audienceIds);
      const { tagId: _tagId, revision, ...patch } = input;
      return ctx.store.tags.update(ctx.tag.id, revision, patch, nowIso());
    }),

  remove: tagProcedure('editor').mutation(async ({ ctx }) => {
    await ctx.store.tags.remove(ctx.tag.id);
    return { ok: true };
  }),
});
