// Sites: settings, the snippet's key, publishing and the published versions.
import { PublishInput, SiteCreateInput, SiteUpdateInput } from '../../shared/schema';
import { draftSnapshot, hasUnpublishedChanges, publishSite } from '../compile/publish';
import { newId, newSiteKey, nowIso } from '../ids';
import { clientProcedure, router, siteProcedure } from './trpc';

export const sitesRouter = router({
  list: clientProcedure('viewer').query(({ ctx }) => ctx.store.sites.listByClient(ctx.client.id)),

  /** The site with what is live and whether the draft has changed since. */
  get: siteProcedure('viewer').query(async ({ ctx }) => {
    const live = await ctx.store.versions.latest(ctx.site.id);
    const draft = await draftSnapshot(ctx, ctx.site);
    return {
      site: ctx.site,
      live: live && { id: live.id, number: live.number, note: live.note, createdAt: live.createdAt, authorId: live.authorId },
      unpublishedChanges: hasUnpublishedChanges(draft, live),
    };
  }),

  create: clientProcedure('admin')
    .input(SiteCreateInput)
    .mutation(async ({ ctx, input }) => {
      const now = nowIso();
      const { clientId: _clientId, ...settings } = input;
      const site = { ...settings, id: newId(), orgId: ctx.client.orgId, clientId: ctx.client.id, siteKey: newSiteKey(), createdAt: now, updatedAt: now };
      await ctx.store.sites.create(site);
      return site;
    }),

  update: siteProcedure('admin')
    .input(SiteUpdateInput)
    .mutation(async ({ ctx, input }) => {
      const { siteId: _siteId, ...patch } = input;
      return ctx.store.sites.update(ctx.site.id, { ...patch, updatedAt: nowIso() });
    }),

  remove: siteProcedure('admin').mutation(async ({ ctx }) => {
    await ctx.store.sites.remove(ctx.site.id);
    ctx.containers.invalidate(ctx.site.siteKey);
    return { ok: true };
  }),

  publish: siteProcedure('publisher')
    .input(PublishInput)
    .mutation(({ ctx, input }) => publishSite(ctx, ctx.site, ctx.user.id, input.note)),

  versions: siteProcedure('viewer').query(({ ctx }) => ctx.store.versions.list(ctx.site.id)),
});
