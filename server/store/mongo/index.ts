// The MongoDB store, used when MONGODB_URI is set. Works without replica-set transactions: the
// writes that must be atomic (tag revisions, version numbers) rely on single-document atomicity
// and unique indexes; multi-document deletes run children first so a retry can finish them.
import { MongoClient, MongoServerError } from 'mongodb';
import { SITE_SETTING_KEYS, TAG_FIELD_KEYS, type Version } from '../../../shared/schema';
import { Conflict, NotFound } from '../../errors';
import { newId } from '../../ids';
import type { SitesRepo, Store } from '../types';
import {
  type ApiTokenDoc,
  apiTokenDoc,
  type AudienceDoc,
  audienceDoc,
  toAudience,
  type ClientDoc,
  COLLECTIONS,
  EMAIL_INDEX,
  ensureIndexes,
  environmentId,
  type EnvironmentDoc,
  migrateLiveEnvironments,
  type PublishRequestDoc,
  type ReleaseDoc,
  type SecretDoc,
  toEnvironment,
  toPublishRequest,
  toRelease,
  type HitDoc,
  isDuplicateKey,
  type MembershipDoc,
  membershipId,
  type OrgDoc,
  pickDefined,
  type SessionDoc,
  siteDoc,
  type SiteDoc,
  tagDoc,
  type TagDoc,
  toApiToken,
  toClient,
  toMembership,
  toOrg,
  toSession,
  toSite,
  toTag,
  toUserRecord,
  toVersion,
  toVersionSummary,
  type UserDoc,
  VERSION_NUMBER_INDEX,
  type VersionDoc,
} from './documents';

const SITE_SETTINGS_KEYS = [...SITE_SETTING_KEYS, 'updatedAt'] as const;

/** Each round of concurrent publishes on one site lets at least one through, so only a pile-up this deep gives up. */
const MAX_VERSION_ATTEMPTS = 50;

export async function openMongoStore(uri: string, dbName: string): Promise<Store> {
  // ignoreUndefined: an absent optional field (a rule's `arg`) must stay absent, not become null.
  const client = new MongoClient(uri, { ignoreUndefined: true });
  await client.connect();
  const db = client.db(dbName);
  try {
    await ensureIndexes(db);
    await migrateLiveEnvironments(db);
  } catch (error) {
    await client.close();
    throw error;
  }

  const users = db.collection<UserDoc>(COLLECTIONS.users);
  const sessions = db.collection<SessionDoc>(COLLECTIONS.sessions);
  const orgs = db.collection<OrgDoc>(COLLECTIONS.orgs);
  const memberships = db.collection<MembershipDoc>(COLLECTIONS.memberships);
  const clients = db.collection<ClientDoc>(COLLECTIONS.clients);
  const sites = db.collection<SiteDoc>(COLLECTIONS.sites);
  const tags = db.collection<TagDoc>(COLLECTIONS.tags);
  const versions = db.collection<VersionDoc>(COLLECTIONS.versions);
  const hits = db.collection<HitDoc>(COLLECTIONS.hits);
  const apiTokens = db.collection<ApiTokenDoc>(COLLECTIONS.apiTokens);
  const audiences = db.collection<AudienceDoc>(COLLECTIONS.audiences);
  const environments = db.collection<EnvironmentDoc>(COLLECTIONS.environments);
  const releases = db.collection<ReleaseDoc>(COLLECTIONS.releases);
  const publishRequests = db.collection<PublishRequestDoc>(COLLECTIONS.publishRequests);
  const secrets = db.collection<SecretDoc>(COLLECTIONS.secrets);

  /** Numbers the version one past the site's last; a concurrent publish that took the number makes us retry. */
  async function insertVersion(v: Omit<Version, 'number'>): Promise<Version> {
    for (let attempt = 1; ; attempt++) {
      const last = await versions.findOne({ siteId: v.siteId }, { sort: { number: -1 }, projection: { number: 1 } });
      const version: Version = { ...v, number: (last?.number ?? 0) + 1 };
      try {
        await versions.insertOne({
          _id: version.id,
          siteId: version.siteId,
          number: version.number,
          note: version.note,
          authorId: version.authorId,
          createdAt: version.createdAt,
          snapshot: version.snapshot,
          script: version.script,
          etag: version.etag,
        });
        return version;
      } catch (error) {
        if (!isDuplicateKey(error, VERSION_NUMBER_INDEX) || attempt >= MAX_VERSION_ATTEMPTS) throw error;
      }
    }
  }

  const updateSite: SitesRepo['update'] = async (id, patch) => {
    const set = pickDefined(patch, SITE_SETTINGS_KEYS);
    const doc = Object.keys(set).length
      ? await sites.findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'after' })
      : await sites.findOne({ _id: id });
    if (!doc) throw new NotFound('Site');
    return toSite(doc);
  };

  return {
    users: {
      async create(u) {
        try {
          await users.insertOne({ _id: u.id, email: u.email, name: u.name, passwordHash: u.passwordHash, createdAt: u.createdAt });
        } catch (error) {
          if (isDuplicateKey(error, EMAIL_INDEX)) throw new Conflict('An account with this email already exists');
          throw error;
        }
      },
      async get(id) {
        const d = await users.findOne({ _id: id });
        if (!d) return null;
        const { passwordHash: _passwordHash, ...user } = toUserRecord(d);
        return user;
      },
      async getByEmail(email) {
        const d = await users.findOne({ email });
        return d ? toUserRecord(d) : null;
      },
    },
    sessions: {
      async create(s) {
        await sessions.insertOne({ _id: s.id, userId: s.userId, expiresAt: s.expiresAt });
      },
      async get(id) {
        const d = await sessions.findOne({ _id: id });
        return d ? toSession(d) : null;
      },
      async remove(id) {
        await sessions.deleteOne({ _id: id });
      },
    },
    orgs: {
      async create(o) {
        await orgs.insertOne({ _id: o.id, name: o.name, createdAt: o.createdAt });
      },
      async get(id) {
        const d = await orgs.findOne({ _id: id });
        return d ? toOrg(d) : null;
      },
      async setMember(m) {
        await memberships.updateOne(
          { _id: membershipId(m.orgId, m.userId) },
          { $set: { orgId: m.orgId, userId: m.userId, role: m.role, clientIds: m.clientIds } },
          { upsert: true },
        );
      },
      async getMember(orgId, userId) {
        const d = await memberships.findOne({ _id: membershipId(orgId, userId) });
        return d ? toMembership(d) : null;
      },
      async listMembers(orgId) {
        return (await memberships.find({ orgId }).sort({ userId: 1 }).toArray()).map(toMembership);
      },
      async listForUser(userId) {
        const mine = new Map((await memberships.find({ userId }).toArray()).map((d) => [d.orgId, toMembership(d)]));
        if (!mine.size) return [];
        const found = await orgs.find({ _id: { $in: [...mine.keys()] } }).sort({ name: 1, _id: 1 }).toArray();
        return found.flatMap((d) => {
          const membership = mine.get(d._id);
          return membership ? [{ org: toOrg(d), membership }] : [];
        });
      },
    },
    clients: {
      async create(c) {
        await clients.insertOne({ _id: c.id, orgId: c.orgId, name: c.name, createdAt: c.createdAt });
      },
      async get(id) {
        const d = await clients.findOne({ _id: id });
        return d ? toClient(d) : null;
      },
      async listByOrg(orgId) {
        return (await clients.find({ orgId }).sort({ name: 1, _id: 1 }).toArray()).map(toClient);
      },
      async update(id, patch) {
        const d = await clients.findOneAndUpdate({ _id: id }, { $set: { name: patch.name } }, { returnDocument: 'after' });
        if (!d) throw new NotFound('Client');
        return toClient(d);
      },
      async remove(id) {
        // Not atomic with the delete: without transactions a site created in between is not
        // seen, as in any check-then-act; the console creates sites only under a live client.
        if (await sites.findOne({ clientId: id }, { projection: { _id: 1 } })) {
          throw new Conflict('This client still has sites: delete them first');
        }
        await clients.deleteOne({ _id: id });
      },
    },
    sites: {
      async create(s) {
        try {
          await sites.insertOne(siteDoc(s));
        } catch (error) {
          if (error instanceof MongoServerError && error.code === 11000) throw new Conflict('A site with this id or key already exists');
          throw error;
        }
      },
      async get(id) {
        const d = await sites.findOne({ _id: id });
        return d ? toSite(d) : null;
      },
      async getByKey(siteKey) {
        const d = await sites.findOne({ siteKey });
        return d ? toSite(d) : null;
      },
      async listByClient(clientId) {
        return (await sites.find({ clientId }).sort({ createdAt: 1, _id: 1 }).toArray()).map(toSite);
      },
      update: updateSite,
      async remove(id) {
        // Children first: if this stops half-way the site is still there to remove again.
        await tags.deleteMany({ siteId: id });
        await versions.deleteMany({ siteId: id });
        await environments.deleteMany({ siteId: id });
        await releases.deleteMany({ siteId: id });
        await publishRequests.deleteMany({ siteId: id });
        await hits.deleteMany({ siteId: id });
        await sites.deleteOne({ _id: id });
      },
    },
    tags: {
      async create(t) {
        await tags.insertOne(tagDoc(t));
      },
      async get(id) {
        const d = await tags.findOne({ _id: id });
        return d ? toTag(d) : null;
      },
      async listBySite(siteId) {
        return (await tags.find({ siteId }).sort({ createdAt: 1, _id: 1 }).toArray()).map(toTag);
      },
      async update(id, expectedRevision, patch, updatedAt) {
        const d = await tags.findOneAndUpdate(
          { _id: id, revision: expectedRevision },
          { $set: { ...pickDefined(patch, TAG_FIELD_KEYS), updatedAt }, $inc: { revision: 1 } },
          { returnDocument: 'after' },
        );
        if (d) return toTag(d);
        if (!(await tags.findOne({ _id: id }, { projection: { _id: 1 } }))) throw new NotFound('Tag');
        throw new Conflict('Someone else saved this tag since you opened it. Reload to see their changes.');
      },
      async remove(id) {
        await tags.deleteOne({ _id: id });
      },
      async replaceForSite(siteId, list) {
        // Without transactions this is not atomic. Foreign ids are refused before any write; then
        // one ordered bulk write upserts (each filtered by site, so another site's tag is never
        // taken over) and only then are the tags no longer listed removed: a failure half-way
        // leaves every tag of the new list or the old one, never a site missing both.
        if (list.some((t) => t.siteId !== siteId)) throw new Conflict('A tag with this id belongs to another site');
        const ids = list.map((t) => t.id);
        if (ids.length && (await tags.findOne({ _id: { $in: ids }, siteId: { $ne: siteId } }, { projection: { _id: 1 } }))) {
          throw new Conflict('A tag with this id belongs to another site');
        }
        if (list.length) {
          try {
            await tags.bulkWrite(
              list.map((t) => ({ replaceOne: { filter: { _id: t.id, siteId }, replacement: tagDoc(t), upsert: true } })),
              { ordered: true },
            );
          } catch (error) {
            if (error instanceof MongoServerError && error.code === 11000) throw new Conflict('A tag with this id belongs to another site');
            throw error;
          }
        }
        await tags.deleteMany({ siteId, _id: { $nin: ids } });
      },
    },
    versions: {
      create: insertVersion,
      async get(id) {
        const d = await versions.findOne({ _id: id });
        return d ? toVersion(d) : null;
      },
      async latest(siteId) {
        const d = await versions.findOne({ siteId }, { sort: { number: -1 } });
        return d ? toVersion(d) : null;
      },
      async getByNumber(siteId, number) {
        const d = await versions.findOne({ siteId, number });
        return d ? toVersion(d) : null;
      },
      async list(siteId) {
        const found = await versions.find({ siteId }, { projection: { snapshot: 0, script: 0 } }).sort({ number: -1 }).toArray();
        return found.map(toVersionSummary);
      },
    },
    environments: {
      async list(siteId) {
        return (await environments.find({ siteId }).sort({ name: 1 }).toArray()).map(toEnvironment);
      },
      async get(siteId, name) {
        const d = await environments.findOne({ _id: environmentId(siteId, name) });
        return d ? toEnvironment(d) : null;
      },
      async create(e) {
        try {
          await environments.insertOne({ _id: environmentId(e.siteId, e.name), ...e });
        } catch (error) {
          if (error instanceof MongoServerError && error.code === 11000) throw new Conflict(`The site already has an environment named ${e.name}`);
          throw error;
        }
      },
      async remove(siteId, name) {
        await environments.deleteOne({ _id: environmentId(siteId, name) });
      },
      async release(r) {
        // Without transactions: the record is written first, so a pointer never moves unrecorded;
        // if the second write fails the caller gets the error and can release again.
        try {
          const { id, ...rest } = r;
          await releases.insertOne({ _id: id, ...rest });
        } catch (error) {
          if (error instanceof MongoServerError && error.code === 11000) throw new Conflict('A release with this id already exists');
          throw error;
        }
        await environments.updateOne(
          { _id: environmentId(r.siteId, r.environment) },
          {
            $set: { versionNumber: r.versionNumber, updatedAt: r.createdAt },
            $setOnInsert: { siteId: r.siteId, name: r.environment, createdAt: r.createdAt },
          },
          { upsert: true },
        );
      },
      async history(siteId, limit) {
        return (await releases.find({ siteId }).sort({ createdAt: -1, _id: -1 }).limit(limit).toArray()).map(toRelease);
      },
    },
    publishRequests: {
      async create(q) {
        try {
          const { id, ...rest } = q;
          await publishRequests.insertOne({ _id: id, ...rest });
        } catch (error) {
          if (error instanceof MongoServerError && error.code === 11000) throw new Conflict('A publish request with this id already exists');
          throw error;
        }
      },
      async get(id) {
        const d = await publishRequests.findOne({ _id: id });
        return d ? toPublishRequest(d) : null;
      },
      async list(siteId) {
        return (await publishRequests.find({ siteId }).sort({ createdAt: -1, _id: -1 }).toArray()).map(toPublishRequest);
      },
      async resolve(id, outcome) {
        const d = await publishRequests.findOneAndUpdate({ _id: id, status: 'open' }, { $set: outcome }, { returnDocument: 'after' });
        if (d) return toPublishRequest(d);
        if (!(await publishRequests.findOne({ _id: id }, { projection: { _id: 1 } }))) throw new NotFound('Publish request');
        throw new Conflict('This publish request was already answered');
      },
    },
    secrets: {
      async getOrCreate(name, candidate) {
        try {
          const d = await secrets.findOneAndUpdate({ _id: name }, { $setOnInsert: { value: candidate } }, { upsert: true, returnDocument: 'after' });
          if (d) return d.value;
        } catch (error) {
          // Two processes upserting the same new _id at once: one insert wins, the other reads it.
          if (!(error instanceof MongoServerError && error.code === 11000)) throw error;
        }
        const stored = await secrets.findOne({ _id: name });
        if (!stored) throw new Error(`secret ${name} could not be stored`);
        return stored.value;
      },
    },
    hits: {
      async insertMany(batch) {
        if (!batch.length) return;
        await hits.insertMany(
          batch.map((h) => ({ _id: newId(), siteId: h.siteId, tagId: h.tagId, event: h.event, url: h.url, at: new Date(h.at) })),
          { ordered: false },
        );
      },
      async countByTag(siteId, since) {
        const from = new Date(since);
        if (Number.isNaN(from.getTime())) throw new Error(`countByTag: not an instant: ${since}`);
        const groups = await hits
          .aggregate<{ _id: { tagId: string | null; event: string }; count: number }>([
            { $match: { siteId, at: { $gte: from } } },
            { $group: { _id: { tagId: '$tagId', event: '$event' }, count: { $sum: 1 } } },
            { $sort: { '_id.tagId': 1, '_id.event': 1 } },
          ])
          .toArray();
        return groups.map((g) => ({ tagId: g._id.tagId ?? null, event: g._id.event, count: g.count }));
      },
    },
    audiences: {
      async create(a) {
        try {
          await audiences.insertOne(audienceDoc(a));
        } catch (error) {
          if (error instanceof MongoServerError && error.code === 11000) throw new Conflict('An audience with this id already exists');
          throw error;
        }
      },
      async get(id) {
        const d = await audiences.findOne({ _id: id });
        return d ? toAudience(d) : null;
      },
      async listByOrg(orgId) {
        return (await audiences.find({ orgId }).sort({ name: 1, _id: 1 }).toArray()).map(toAudience);
      },
      async update(id, patch) {
        const set: Partial<AudienceDoc> = { updatedAt: patch.updatedAt };
        if (patch.name !== undefined) set.name = patch.name;
        if (patch.conditions !== undefined) set.conditions = patch.conditions;
        const d = await audiences.findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'after' });
        if (!d) throw new NotFound('Audience');
        return toAudience(d);
      },
      async remove(id) {
        await audiences.deleteOne({ _id: id });
      },
    },
    apiTokens: {
      async create(t) {
        try {
          await apiTokens.insertOne(apiTokenDoc(t));
        } catch (error) {
          if (error instanceof MongoServerError && error.code === 11000) throw new Conflict('A token with this id or secret already exists');
          throw error;
        }
      },
      async get(id) {
        const d = await apiTokens.findOne({ _id: id });
        return d ? toApiToken(d) : null;
      },
      async getByHash(hash) {
        const d = await apiTokens.findOne({ hash });
        return d ? toApiToken(d) : null;
      },
      async listByOrg(orgId) {
        return (await apiTokens.find({ orgId }).sort({ createdAt: -1, _id: 1 }).toArray()).map(toApiToken);
      },
      async touch(id, lastUsedAt) {
        await apiTokens.updateOne({ _id: id }, { $set: { lastUsedAt } });
      },
      async revoke(id, revokedAt) {
        await apiTokens.updateOne({ _id: id, revokedAt: null }, { $set: { revokedAt } });
      },
    },
    async ping() {
      await db.command({ ping: 1 });
    },
    async close() {
      await client.close();
    },
  };
}
