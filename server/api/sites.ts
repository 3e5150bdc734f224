// Sites: settings, the snippet's key, and publishing: versions, environments, rollback, the diff
// between any two versions (or the draft), editors' publish requests, the audit record of every
// publish and rollback, and preview links.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import {
  BUILT_IN_ENVIRONMENTS,
  DiffInput,
  EnvironmentInput,
  HistoryInput,
  Id,
  LIVE,
  MAX_ENVIRONMENTS,
  PreviewInput,
  PublishInput,
  PublishRequestInput,
  RollbackInput,
  SiteCreateInput,
  SiteUpdateInput,
  type Site,
} from '../../shared/schema';
import { diffSnapshots } from '../../shared/publish/diff';
import { environmentVersion, publishSite, rollbackSite, snapshotOf, unpublishedChanges } from '../compile/publish';
import { PREVIEW_PARAM } from '../deliver/preview';
import { Conflict, Invalid } from '../errors';
import { newId, newSiteKey, nowIso } from '../ids';
import type { Context } from './context';
import { clientProcedure, router, siteProcedure } from './trpc';

/** Every environment of a site (the built-in ones first) with the version it serves. */
async function environmentsOf(ctx: Pick<Context, 'store'>, site: Site) {
  const stored = await ctx.store.environments.list(site.id);
  const names = [...BUILT_IN_ENVIRONMENTS, ...stored.map((e) => e.name).filter((name) => !(BUILT_IN_ENVIRONMENTS as readonly string[]).includes(name))];
  return names.map((name) => {
    const found = stored.find((e) => e.name === name);
    return { name, builtIn: (BUILT_IN_ENVIRONMENTS as readonly string[]).includes(name), versionNumber: found?.versionNumber ?? null, updatedAt: found?.updatedAt ?? null };
  });
}

/** An environment the site has: built in, or added. */
async function requireEnvironment(ctx: Pick<Context, 'store'>, site: Site, name: string, field = 'environment'): Promise<void> {
  if ((BUILT_IN_ENVIRONMENTS as readonly string[]).includes(name) || (await ctx.store.environments.get(site.id, name))) return;
  throw new Invalid([field], `This site has no environment named ${name}`);
}

/** People's names by id, for the record; a token's publishes show its creator. */
async function namesOf(ctx: Pick<Context, 'store'>, ids: string[]): Promise<Record<string, string>> {
  const unique = [...new Set(ids)];
  const users = await Promise.all(unique.map((id) => ctx.store.users.get(id)));
  return Object.fromEntries(unique.map((id, i) => [id, users[i] ? users[i].name || users[i].email : 'a removed user']));
}

export const sitesRouter = router({
  list: clientProcedure('viewer').query(({ ctx }) => ctx.store.sites.listByClient(ctx.client.id)),

  /** The site with what live serves and how many changes the draft has on top of it. */
  get: siteProcedure('viewer').query(async ({ ctx }) => {
    const live = await environmentVersion(ctx, ctx.site, LIVE);
    const changes = await unpublishedChanges(ctx, ctx.site, live);
    return {
      site: ctx.site,
      live: live && { id: live.id, number: live.number, note: live.note, createdAt: live.createdAt, authorId: live.authorId },
      unpublishedChanges: changes.count,
      environments: await environmentsOf(ctx, ctx.site),
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

  /** Freezes the draft into a new version and points the environment at it; answers a publish request when given. */
  publish: siteProcedure('publisher')
    .input(PublishInput)
    .mutation(async ({ ctx, input }) => {
      await requireEnvironment(ctx, ctx.site, input.environment);
      const request = input.requestId ? await ctx.store.publishRequests.get(input.requestId) : null;
      if (input.requestId && (!request || request.siteId !== ctx.site.id)) throw new Invalid(['requestId'], 'This site has no such publish request');
      if (request && request.status !== 'open') throw new Conflict('This publish request was already answered');
      const published = await publishSite(ctx, ctx.site, ctx.user.id, input.note || request?.note || '', input.environment);
      if (request) {
        await ctx.store.publishRequests.resolve(request.id, { status: 'published', resolvedBy: ctx.user.id, resolvedAt: nowIso(), versionNumber: published.number });
      }
      return published;
    }),

  /** Points an environment at an existing version: back to an earlier one, or forward (promote staging to live). */
  rollback: siteProcedure('publisher')
    .input(RollbackInput)
    .mutation(async ({ ctx, input }) => {
      await requireEnvironment(ctx, ctx.site, input.environment);
      return rollbackSite(ctx, ctx.site, ctx.user.id, input.environment, input.versionNumber, input.note);
    }),

  /** Every version, newest first, with the environments serving it. */
  versions: siteProcedure('viewer').query(async ({ ctx }) => {
    const [versions, environments] = await Promise.all([ctx.store.versions.list(ctx.site.id), environmentsOf(ctx, ctx.site)]);
    const names = await namesOf(ctx, versions.map((v) => v.authorId));
    return versions.map((v) => ({
      ...v,
      authorName: names[v.authorId] ?? '',
      environments: environments.filter((e) => e.versionNumber === v.number).map((e) => e.name),
    }));
  }),

  /** Tags added, removed and changed, field by field, from one version (or the draft, or an environment) to another. */
  diff: siteProcedure('viewer')
    .input(DiffInput)
    .query(async ({ ctx, input }) => {
      const [before, after] = await Promise.all([snapshotOf(ctx, ctx.site, input.from, 'from'), snapshotOf(ctx, ctx.site, input.to, 'to')]);
      if (!after) throw new Invalid(['to'], 'Nothing has been published to that environment yet');
      return diffSnapshots(before, after);
    }),

  environments: siteProcedure('viewer').query(({ ctx }) => environmentsOf(ctx, ctx.site)),

  addEnvironment: siteProcedure('admin')
    .input(EnvironmentInput)
    .mutation(async ({ ctx, input }) => {
      const existing = await environmentsOf(ctx, ctx.site);
      if (existing.some((e) => e.name === input.name)) throw new Invalid(['name'], `This site already has an environment named ${input.name}`);
      if (existing.length >= MAX_ENVIRONMENTS) throw new Invalid(['name'], `A site has at most ${MAX_ENVIRONMENTS} environments`);
      const now = nowIso();
      await ctx.store.environments.create({ siteId: ctx.site.id, name: input.name, versionNumber: null, createdAt: now, updatedAt: now });
      return environmentsOf(ctx, ctx.site);
    }),

  removeEnvironment: siteProcedure('admin')
    .input(EnvironmentInput)
    .mutation(async ({ ctx, input }) => {
      if ((BUILT_IN_ENVIRONMENTS as readonly string[]).includes(input.name)) throw new Invalid(['name'], `${input.name} is built in and cannot be removed`);
      await requireEnvironment(ctx, ctx.site, input.name, 'name');
      await ctx.store.environments.remove(ctx.site.id, input.name);
      ctx.containers.invalidate(ctx.site.siteKey);
      return environmentsOf(ctx, ctx.site);
    }),

  /** The audit record: every publish and rollback, who made it, when, to which version, and why. */
  history: siteProcedure('viewer')
    .input(HistoryInput)
    .query(async ({ ctx, input }) => {
      const releases = await ctx.store.environments.history(ctx.site.id, input.limit);
      const names = await namesOf(ctx, releases.map((r) => r.userId));
      return releases.map((r) => ({ ...r, userName: names[r.userId] ?? '' }));
    }),

  /** Editors ask for a publish; publishers answer by publishing (with `requestId`) or dismissing. */
  requestPublish: siteProcedure('editor')
    .input(PublishRequestInput)
    .mutation(async ({ ctx, input }) => {
      await requireEnvironment(ctx, ctx.site, input.environment);
      const request = {
        id: newId(),
        siteId: ctx.site.id,
        environment: input.environment,
        note: input.note,
        requestedBy: ctx.user.id,
        createdAt: nowIso(),
        status: 'open' as const,
        resolvedBy: null,
        resolvedAt: null,
        versionNumber: null,
      };
      await ctx.store.publishRequests.create(request);
      return request;
    }),

  publishRequests: siteProcedure('viewer').query(async ({ ctx }) => {
    const requests = await ctx.store.publishRequests.list(ctx.site.id);
    const names = await namesOf(ctx, requests.flatMap((r) => (r.resolvedBy ? [r.requestedBy, r.resolvedBy] : [r.requestedBy])));
    return requests.map((r) => ({ ...r, requestedByName: names[r.requestedBy] ?? '', resolvedByName: r.resolvedBy ? (names[r.resolvedBy] ?? '') : null }));
  }),

  dismissRequest: siteProcedure('publisher')
    .input(z.object({ requestId: Id }))
    .mutation(async ({ ctx, input }) => {
      const request = await ctx.store.publishRequests.get(input.requestId);
      if (!request || request.siteId !== ctx.site.id) throw new TRPCError({ code: 'NOT_FOUND', message: 'Publish request not found' });
      return ctx.store.publishRequests.resolve(request.id, { status: 'dismissed', resolvedBy: ctx.user.id, resolvedAt: nowIso(), versionNumber: null });
    }),

  /**
   * A preview link: the page address with a signed token that expires. Opening it keeps the token
   * in that browser, which then loads the draft (or the version) with the debug panel.
   */
  preview: siteProcedure('editor')
    .input(PreviewInput)
    .mutation(async ({ ctx, input }) => {
      if (typeof input.source === 'number' && !(await ctx.store.versions.getByNumber(ctx.site.id, input.source))) {
        throw new Invalid(['source'], `This site has no version ${input.source}`);
      }
      const { token, expiresAt } = await ctx.previews.issue(ctx.site.siteKey, input.source);
      const url = new URL(input.pageUrl);
      url.searchParams.set(PREVIEW_PARAM, token);
      return { url: url.toString(), token, expiresAt: new Date(expiresAt).toISOString() };
    }),
});
