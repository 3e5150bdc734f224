// Publishing: freeze the site's current draft (settings and tags) into an immutable version with
// its compiled container, then make delivery pick it up.
import { pickSiteSettings, type Site, type SiteSnapshot, type Version, type VersionSummary } from '../../shared/schema';
import type { Services } from '../api/context';
import { newId, nowIso } from '../ids';
import { compileContainer } from '.';

/** The site's draft: its settings, its tags and the audiences those tags require. */
export async function draftSnapshot(services: Pick<Services, 'store'>, site: Site): Promise<SiteSnapshot> {
  const tags = await services.store.tags.listBySite(site.id);
  const ids = [...new Set(tags.flatMap((tag) => tag.audienceIds))].sort();
  const audiences = (await Promise.all(ids.map((id) => services.store.audiences.get(id)))).filter((a) => a !== null);
  return audiences.length ? { site: pickSiteSettings(site), tags, audiences } : { site: pickSiteSettings(site), tags };
}

/** JSON with object keys sorted, so two equal snapshots compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** True when the draft differs from what is live (or nothing is live yet). */
export function hasUnpublishedChanges(draft: SiteSnapshot, live: Version | null): boolean {
  return !live || canonicalJson(draft) !== canonicalJson(live.snapshot);
}

export async function publishSite(
  services: Pick<Services, 'store' | 'containers' | 'config'>,
  site: Site,
  authorId: string,
  note: string,
): Promise<VersionSummary> {
  const snapshot = await draftSnapshot(services, site);
  const { script, etag } = compileContainer(site.siteKey, snapshot, { vendorHosts: services.config.VENDOR_HOSTS });
  const version = await services.store.versions.create({
    id: newId(),
    siteId: site.id,
    note,
    authorId,
    createdAt: nowIso(),
    snapshot,
    script,
    etag,
  });
  services.containers.invalidate(site.siteKey);
  const { snapshot: _snapshot, script: _script, ...summary } = version;
  return summary;
}
