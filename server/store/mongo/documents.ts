// How domain objects are kept in MongoDB: one document shape per collection (our string ids as
// `_id`, never ObjectId), the indexes created at start, and explicit mappers back to domain objects.
import { type Db, MongoServerError } from 'mongodb';
import { pickSiteSettings, pickTagFields, SITE_DEFAULTS, TAG_DEFAULTS, type Audience, type Client, type Hit, type Membership, type Org, type Site, type Tag, type Version, type VersionSummary } from '../../../shared/schema';
import type { Environment, PublishRequest, Release } from '../../../shared/schema';
import type { ApiTokenRecord, SessionRecord, UserRecord } from '../types';

type Doc<T extends { id: string }> = Omit<T, 'id'> & { _id: string };

export type UserDoc = Doc<UserRecord>;
export type SessionDoc = Doc<SessionRecord>;
export type OrgDoc = Doc<Org>;
/** `_id` is derived from (orgId, userId), so a membership needs no id of its own. */
export type MembershipDoc = Membership & { _id: string };
export type ClientDoc = Doc<Client>;
export type SiteDoc = Doc<Site>;
export type TagDoc = Doc<Tag>;
export type VersionDoc = Doc<Version>;
export type ApiTokenDoc = Doc<ApiTokenRecord>;
export type AudienceDoc = Doc<Audience>;
/** `_id` is derived from (siteId, name), which makes the name unique per site. */
export type EnvironmentDoc = Environment & { _id: string };
export type ReleaseDoc = Doc<Release>;
export type PublishRequestDoc = Doc<PublishRequest>;
export type SecretDoc = { _id: string; value: string };
/** Marks a one-time data migration as done. */
export type MigrationDoc = { _id: string; at: string };
export const environmentId = (siteId: string, name: string): string => JSON.stringify([siteId, name]);
export const toEnvironment = (d: EnvironmentDoc): Environment => ({
  siteId: d.siteId,
  name: d.name,
  versionNumber: d.versionNumber ?? null,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});
export const toRelease = (d: ReleaseDoc): Release => ({
  id: d._id,
  siteId: d.siteId,
  environment: d.environment,
  versionNumber: d.versionNumber,
  action: d.action,
  note: d.note,
  userId: d.userId,
  createdAt: d.createdAt,
});
export const toPublishRequest = (d: PublishRequestDoc): PublishRequest => ({
  id: d._id,
  siteId: d.siteId,
  environment: d.environment,
  note: d.note,
  requestedBy: d.requestedBy,
  createdAt: d.createdAt,
  status: d.status,
  resolvedBy: d.resolvedBy ?? null,
  resolvedAt: d.resolvedAt ?? null,
  versionNumber: d.versionNumber ?? null,
});
export const toAudience = (d: AudienceDoc): Audience => ({
  name: d.name,
  clientId: d.clientId ?? null,
  conditions: d.conditions,
  id: d._id,
  orgId: d.orgId,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});
export const audienceDoc = (a: Audience): AudienceDoc => ({
  _id: a.id,
  orgId: a.orgId,
  clientId: a.clientId,
  name: a.name,
  conditions: a.conditions,
  createdAt: a.createdAt,
  updatedAt: a.updatedAt,
});
/** `at` is a BSON date so `since` compares chronologically, whatever the offset or precision. */
export type HitDoc = Omit<Hit, 'at'> & { _id: string; at: Date };

export const COLLECTIONS = {
  users: 'users',
  sessions: 'sessions',
  orgs: 'orgs',
  memberships: 'memberships',
  clients: 'clients',
  sites: 'sites',
  tags: 'tags',
  versions: 'versions',
  hits: 'hits',
  apiTokens: 'apiTokens',
  audiences: 'audiences',
  environments: 'environments',
  releases: 'releases',
  publishRequests: 'publishRequests',
  secrets: 'secrets',
  migrations: 'migrations',
} as const;

export const EMAIL_INDEX = 'users_email';
export const VERSION_NUMBER_INDEX = 'versions_site_number';
export const API_TOKEN_HASH_INDEX = 'apiTokens_hash';

/** Idempotent: creating an index that already exists with the same spec is a no-op. */
export async function ensureIndexes(db: Db): Promise<void> {
  await Promise.all([
    db.collection(COLLECTIONS.audiences).createIndex({ orgId: 1, name: 1 }, { name: 'audiences_by_org' }),
    db.collection(COLLECTIONS.users).createIndex({ email: 1 }, { name: EMAIL_INDEX, unique: true }),
    db.collection(COLLECTIONS.memberships).createIndex({ orgId: 1, userId: 1 }, { name: 'memberships_org_user', unique: true }),
    db.collection(COLLECTIONS.memberships).createIndex({ userId: 1 }, { name: 'memberships_by_user' }),
    db.collection(COLLECTIONS.clients).createIndex({ orgId: 1 }, { name: 'clients_by_org' }),
    db.collection(COLLECTIONS.sites).createIndex({ siteKey: 1 }, { name: 'sites_site_key', unique: true }),
    db.collection(COLLECTIONS.sites).createIndex({ clientId: 1 }, { name: 'sites_by_client' }),
    db.collection(COLLECTIONS.tags).createIndex({ siteId: 1 }, { name: 'tags_by_site' }),
    db.collection(COLLECTIONS.versions).createIndex({ siteId: 1, number: 1 }, { name: VERSION_NUMBER_INDEX, unique: true }),
    db.collection(COLLECTIONS.hits).createIndex({ siteId: 1, at: 1 }, { name: 'hits_by_site_time' }),
    db.collection(COLLECTIONS.apiTokens).createIndex({ hash: 1 }, { name: API_TOKEN_HASH_INDEX, unique: true }),
    db.collection(COLLECTIONS.apiTokens).createIndex({ orgId: 1, createdAt: -1 }, { name: 'apiTokens_by_org' }),
    db.collection(COLLECTIONS.environments).createIndex({ siteId: 1, name: 1 }, { name: 'environments_by_site' }),
    db.collection(COLLECTIONS.releases).createIndex({ siteId: 1, createdAt: -1, _id: -1 }, { name: 'releases_by_site' }),
    db.collection(COLLECTIONS.publishRequests).createIndex({ siteId: 1, createdAt: -1, _id: -1 }, { name: 'publishRequests_by_site' }),
  ]);
}

const LIVE_ENVIRONMENTS_MIGRATION = 'live-environments';

/**
 * Before environments, a site served its latest version: once per database, point each site's
 * `live` environment at it. Upserts with $setOnInsert, so a start interrupted half-way can rerun.
 */
export async function migrateLiveEnvironments(db: Db): Promise<void> {
  const migrations = db.collection<MigrationDoc>(COLLECTIONS.migrations);
  if (await migrations.findOne({ _id: LIVE_ENVIRONMENTS_MIGRATION })) return;
  const latest = await db
    .collection<VersionDoc>(COLLECTIONS.versions)
    .aggregate<{ _id: string; number: number; at: string }>([{ $group: { _id: '$siteId', number: { $max: '$number' }, at: { $max: '$createdAt' } } }])
    .toArray();
  const environments = db.collection<EnvironmentDoc>(COLLECTIONS.environments);
  for (const site of latest) {
    await environments.updateOne(
      { _id: environmentId(site._id, 'live') },
      { $setOnInsert: { siteId: site._id, name: 'live', versionNumber: site.number, createdAt: site.at, updatedAt: site.at } },
      { upsert: true },
    );
  }
  await migrations.updateOne({ _id: LIVE_ENVIRONMENTS_MIGRATION }, { $setOnInsert: { at: new Date().toISOString() } }, { upsert: true });
}

/** True when `error` is a duplicate-key error raised by the named unique index. */
export function isDuplicateKey(error: unknown, indexName: string): boolean {
  if (!(error instanceof MongoServerError) || error.code !== 11000) return false;
  return error.message.includes(`index: ${indexName} `);
}

export const membershipId = (orgId: string, userId: string): string => JSON.stringify([orgId, userId]);

export const toUserRecord = (d: UserDoc): UserRecord => ({
  id: d._id,
  email: d.email,
  name: d.name,
  createdAt: d.createdAt,
  passwordHash: d.passwordHash,
});
export const toSession = (d: SessionDoc): SessionRecord => ({ id: d._id, userId: d.userId, expiresAt: d.expiresAt });
export const toOrg = (d: OrgDoc): Org => ({ id: d._id, name: d.name, createdAt: d.createdAt });
export const toMembership = (d: MembershipDoc): Membership => ({
  orgId: d.orgId,
  userId: d.userId,
  role: d.role,
  clientIds: d.clientIds ?? null,
});
export const toClient = (d: ClientDoc): Client => ({ id: d._id, orgId: d.orgId, name: d.name, createdAt: d.createdAt });

// Documents saved before a field existed read back with its default.
export const toSite = (d: SiteDoc): Site => ({
  ...pickSiteSettings({ ...SITE_DEFAULTS, ...d }),
  id: d._id,
  orgId: d.orgId,
  clientId: d.clientId,
  siteKey: d.siteKey,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});
export const toTag = (d: TagDoc): Tag => ({
  ...pickTagFields({ ...TAG_DEFAULTS, ...d }),
  id: d._id,
  siteId: d.siteId,
  revision: d.revision,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});
export const toVersionSummary = (d: Omit<VersionDoc, 'snapshot' | 'script'>): VersionSummary => ({
  id: d._id,
  siteId: d.siteId,
  number: d.number,
  note: d.note,
  authorId: d.authorId,
  createdAt: d.createdAt,
  etag: d.etag,
});
export const toApiToken = (d: ApiTokenDoc): ApiTokenRecord => ({
  id: d._id,
  orgId: d.orgId,
  name: d.name,
  role: d.role,
  clientIds: d.clientIds ?? null,
  createdBy: d.createdBy,
  createdAt: d.createdAt,
  lastUsedAt: d.lastUsedAt ?? null,
  revokedAt: d.revokedAt ?? null,
  hash: d.hash,
});
export const apiTokenDoc = (t: ApiTokenRecord): ApiTokenDoc => ({
  _id: t.id,
  orgId: t.orgId,
  name: t.name,
  role: t.role,
  clientIds: t.clientIds,
  createdBy: t.createdBy,
  createdAt: t.createdAt,
  lastUsedAt: t.lastUsedAt,
  revokedAt: t.revokedAt,
  hash: t.hash,
});
export const toVersion = (d: VersionDoc): Version => ({ ...toVersionSummary(d), snapshot: d.snapshot, script: d.script });

export const siteDoc = (s: Site): SiteDoc => ({
  _id: s.id,
  orgId: s.orgId,
  clientId: s.clientId,
  siteKey: s.siteKey,
  ...pickSiteSettings(s),
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
});
export const tagDoc = (t: Tag): TagDoc => ({
  _id: t.id,
  siteId: t.siteId,
  revision: t.revision,
  ...pickTagFields(t),
  createdAt: t.createdAt,
  updatedAt: t.updatedAt,
});

/** Copies the named keys that are present (not undefined) in `patch`, for a `$set`. */
export function pickDefined<T extends object, K extends keyof T>(patch: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const picked: Partial<Pick<T, K>> = {};
  for (const key of keys) if (patch[key] !== undefined) picked[key] = patch[key];
  return picked;
}
