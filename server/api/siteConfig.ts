// Site configuration as one JSON document: export a site's draft, import into an existing site
// (tags matched by key) or into a new one. Imports are validated whole before the first write and
// only ever change the draft; publishing stays a separate step.
import { checkAudiences, guardCustomHtml } from './tags';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { Id, Name, pickSiteSettings, pickTagFields, roleAtLeast, type Membership, type Site, type Tag } from '../../shared/schema';
import { SiteConfig, siteConfigOf, type SiteConfigTag } from '../../shared/schema/siteConfig';
import { sameValue } from '../../shared/publish/diff';
import { newId, newSiteKey, nowIso } from '../ids';
import { clientProcedure, router, siteProcedure } from './trpc';

const ImportInput = z.object({
  siteId: Id,
  /** Validated by SiteConfig inside the procedure, so error paths are relative to the document. */
  document: z.unknown(),
  /** Leave the site's settings (name, domains, privacy…) as they are and import only the tags. */
  keepSettings: z.boolean().default(false),
});
const ImportNewInput = z.object({ clientId: Id, document: z.unknown(), name: Name.optional() });

export interface ImportSummary {
  site: Site;
  created: number;
  updated: number;
  removed: number;
  unchanged: number;
  settingsChanged: boolean;
}

/** Every problem of the document at once, each with its JSON path (`tags.3.conditions.conditions.0.operator`). */
function parseDocument(document: unknown): SiteConfig {
  const parsed = SiteConfig.safeParse(document);
  if (parsed.success) return parsed.data;
  const count = parsed.error.issues.length;
  throw new TRPCError({ code: 'BAD_REQUEST', message: `The file has ${count} problem${count === 1 ? '' : 's'}; nothing was imported`, cause: parsed.error });
}

/** Where a refusal points in the imported document, and that the import stopped as a whole. */
const importPosition = (index: number) => ({ prefix: `tags.${index}: `, suffix: '; nothing was imported' });

interface Plan {
  tags: Tag[];
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
}

/**
 * The site's tags after the import: a document tag whose key is the id of one of the site's tags
 * replaces it (its revision bumped only when something changed), any other is new, and the
 * site's tags the document does not name are removed. New tags get creation instants a
 * millisecond apart, so they list in the document's order.
 */
function planTags(siteId: string, current: Tag[], imported: SiteConfigTag[], membership: Membership): Plan {
  const byId = new Map(current.map((tag) => [tag.id, tag]));
  const now = Date.now();
  const at = nowIso();
  const plan: Plan = { tags: [], created: 0, updated: 0, unchanged: 0, removed: 0 };
  imported.forEach(({ key, ...fields }, i) => {
    const existing = byId.get(key);
    if (!existing) {
      guardCustomHtml(membership, [fields.action], importPosition(i));
      plan.tags.push({ ...fields, id: newId(), siteId, revision: 1, createdAt: new Date(now + i).toISOString(), updatedAt: at });
      plan.created++;
    } else if (sameValue(pickTagFields(existing), fields)) {
      plan.tags.push(existing);
      plan.unchanged++;
    } else {
      guardCustomHtml(membership, [existing.action, fields.action], importPosition(i));
      plan.tags.push({ ...existing, ...fields, revision: existing.revision + 1, updatedAt: at });
      plan.updated++;
    }
    byId.delete(key);
  });
  plan.removed = byId.size;
  return plan;
}

export const siteConfigRouter = router({
  /** The site's draft (settings and tags, not what is live) as a site-config document. */
  export: siteProcedure('viewer').query(async ({ ctx }) => siteConfigOf(ctx.site, await ctx.store.tags.listBySite(ctx.site.id))),

  /** Replaces the site's draft with the document's; changing the settings needs an admin, as in sites.update. */
  import: siteProcedure('editor')
    .input(ImportInput)
    .mutation(async ({ ctx, input }): Promise<ImportSummary> => {
      const doc = parseDocument(input.document);
      const site = ctx.site;
      for (const [i, tag] of doc.tags.entries()) await checkAudiences(ctx.store, site, tag.audienceIds, ['tags', i, 'audienceIds']);
      const plan = planTags(site.id, await ctx.store.tags.listBySite(site.id), doc.tags, ctx.membership);
      const settingsChanged = !input.keepSettings && !sameValue(pickSiteSettings(site), doc.site);
      if (settingsChanged && !roleAtLeast(ctx.membership.role, 'admin')) {
        throw new TRPCError({
          code: 'FORBIDDEN',
          message: "site: Only admins and owners can change a site's settings (name, domains, privacy); import with keepSettings to bring in only the tags",
        });
      }
      let next = site;
      if (settingsChanged) next = await ctx.store.sites.update(site.id, { ...doc.site, updatedAt: nowIso() });
      try {
        await ctx.store.tags.replaceForSite(site.id, plan.tags);
      } catch (error) {
        // Put the settings back so a failed import leaves the whole draft as it was.
        if (settingsChanged) await ctx.store.sites.update(site.id, { ...pickSiteSettings(site), updatedAt: site.updatedAt });
        throw error;
      }
      const { tags: _tags, ...counts } = plan;
      return { site: next, ...counts, settingsChanged };
    }),

  /** Creates a site under the client from the document (creating a site needs an admin, as in sites.create). */
  importNew: clientProcedure('admin')
    .input(ImportNewInput)
    .mutation(async ({ ctx, input }): Promise<ImportSummary> => {
      const doc = parseDocument(input.document);
      const now = nowIso();
      const site: Site = {
        ...doc.site,
        ...(input.name ? { name: input.name } : {}),
        id: newId(),
        orgId: ctx.client.orgId,
        clientId: ctx.client.id,
        siteKey: newSiteKey(),
        createdAt: now,
        updatedAt: now,
      };
      for (const [i, tag] of doc.tags.entries()) await checkAudiences(ctx.store, site, tag.audienceIds, ['tags', i, 'audienceIds']);
      const plan = planTags(site.id, [], doc.tags, ctx.membership);
      await ctx.store.sites.create(site);
      try {
        await ctx.store.tags.replaceForSite(site.id, plan.tags);
      } catch (error) {
        await ctx.store.sites.remove(site.id);
        throw error;
      }
      const { tags: _tags, ...counts } = plan;
      return { site, ...counts, settingsChanged: true };
    }),
});
