// Publishing: freeze the site's current draft (settings and tags) into an immutable version with
// its compiled container, then make delivery pick it up.
import type { Site, SiteSettings, SiteSnapshot, Version, VersionSummary } from '../../shared/schema';
import type { Services } from '../api/context';
import { newId, nowIso } from '../ids';
import { compileContainer } from '.';

export function siteSettings(site: Site): SiteSettings {
  const { name, domains, timeZone, privacy, collect } = site;
  return { name, domains, timeZone, privacy, collect };
}

export async function draftSnapshot(services: Pick<Services, 'store'>, site: Site): Promise<SiteSnapshot> {
  return { site: siteSettings(site), tags: await services.store.tags.listBySite(site.id) };
}

/** True when the draft differs from what is live (or nothing is live yet). */
export function hasUnpublishedChanges(draft: SiteSnapshot, live: Version | null): boolean {
  return !live || JSON.stringify(draft) !== JSON.stringify(live.snapshot);
}

export async function publishSite(
  services: Pick<Services, 'store' | 'containers'>,
  site: Site,
  authorId: string,
  note: string,
): Promise<VersionSummary> {
  const snapshot = await draftSnapshot(services, site);
  const { script, etag } = compileContainer(site.siteKey, snapshot);
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
