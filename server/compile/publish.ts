// Publishing: freeze the site's current draft (settings and tags) into an immutable version with
// its compiled container, point an environment at it, and record who did it. Rollback points an
// environment at an earlier version the same way. Delivery picks either up within a second.
import {
  LIVE,
  pickSiteSettings,
  type Release,
  type Site,
  type SiteSnapshot,
  type Version,
  type VersionRef,
  type VersionSummary,
} from '../../shared/schema';
import { diffSnapshots, type SnapshotDiff } from '../../shared/publish/diff';
import type { Services } from '../api/context';
import { Invalid } from '../errors';
import { newId, nowIso } from '../ids';
import { compileContainer } from '.';

type PublishServices = Pick<Services, 'store' | 'containers' | 'config'>;

/** The site's draft: its settings, its tags and the audiences those tags require. */
export async function draftSnapshot(services: Pick<Services, 'store'>, site: Site): Promise<SiteSnapshot> {
  const tags = await services.store.tags.listBySite(site.id);
  const ids = [...new Set(tags.flatMap((tag) => tag.audienceIds))].sort();
  const audiences = (await Promise.all(ids.map((id) => services.store.audiences.get(id)))).filter((a) => a !== null);
  return audiences.length ? { site: pickSiteSettings(site), tags, audiences } : { site: pickSiteSettings(site), tags };
}

/** The version an environment serves now, or null when nothing was published to it. */
export async function environmentVersion(services: Pick<Services, 'store'>, site: Site, environment: string): Promise<Version | null> {
  const pointer = await services.store.environments.get(site.id, environment);
  return pointer?.versionNumber ? services.store.versions.getByNumber(site.id, pointer.versionNumber) : null;
}

const summary = ({ snapshot: _snapshot, script: _script, ...rest }: Version): VersionSummary => rest;

/** Every process re-reads the store within a second; this process serves the change at once. */
async function release(services: PublishServices, site: Site, entry: Omit<Release, 'id' | 'siteId' | 'createdAt'>): Promise<Release> {
  const recorded: Release = { ...entry, id: newId(), siteId: site.id, createdAt: nowIso() };
  await services.store.environments.release(recorded);
  services.containers.invalidate(site.siteKey);
  return recorded;
}

/** Freezes the draft into a new version and points `environment` (live unless named) at it. */
export async function publishSite(
  services: PublishServices,
  site: Site,
  authorId: string,
  note: string,
  environment: string = LIVE,
): Promise<VersionSummary & { release: Release }> {
  const snapshot = await draftSnapshot(services, site);
  const { script, etag } = compileContainer(site.siteKey, snapshot, { vendorHosts: services.config.VENDOR_HOSTS });
  const version = await services.store.versions.create({ id: newId(), siteId: site.id, note, authorId, createdAt: nowIso(), snapshot, script, etag });
  const recorded = await release(services, site, { environment, versionNumber: version.number, action: 'publish', note, userId: authorId });
  return { ...summary(version), release: recorded };
}

/**
 * Points `environment` at an existing version: back to an earlier one (a rollback) or forward to
 * a later one (a promotion, e.g. what staging has to live). One write; no recompilation.
 */
export async function rollbackSite(
  services: PublishServices,
  site: Site,
  userId: string,
  environment: string,
  versionNumber: number,
  note: string,
): Promise<Release> {
  const version = await services.store.versions.getByNumber(site.id, versionNumber);
  if (!version) throw new Invalid(['versionNumber'], `This site has no version ${versionNumber}`);
  const current = (await services.store.environments.get(site.id, environment))?.versionNumber ?? null;
  if (current === versionNumber) throw new Invalid(['versionNumber'], `${environment} already serves version ${versionNumber}`);
  const action = current !== null && versionNumber < current ? 'rollback' : 'promote';
  return release(services, site, { environment, versionNumber, action, note, userId });
}

/** The snapshot a reference names; null for an environment nothing was published to. */
export async function snapshotOf(services: Pick<Services, 'store'>, site: Site, ref: VersionRef, field: string): Promise<SiteSnapshot | null> {
  if (ref === 'draft') return draftSnapshot(services, site);
  if (typeof ref === 'number') {
    const version = await services.store.versions.getByNumber(site.id, ref);
    if (!version) throw new Invalid([field], `This site has no version ${ref}`);
    return version.snapshot;
  }
  return (await environmentVersion(services, site, ref.environment))?.snapshot ?? null;
}

/** What publishing the draft over `served` (what an environment serves, or null) would change: what "unpublished changes" counts. */
export async function unpublishedChanges(services: Pick<Services, 'store'>, site: Site, served: Version | null): Promise<SnapshotDiff> {
  return diffSnapshots(served?.snapshot ?? null, await draftSnapshot(services, site));
}

