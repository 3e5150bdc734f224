// Runs the store contract against MongoDB when MONGODB_URI points at a server, in a throwaway
// database dropped afterwards; plus what only this adapter promises: indexes and string ids.
import { MongoClient } from 'mongodb';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMongoStore } from '../../../server/store/mongo';
import { fixtures as f, storeContract } from './contract';

const uri = process.env.MONGODB_URI ?? '';
const dbName = `pixeltag_test_${randomBytes(6).toString('hex')}`;

describe.skipIf(!uri)('mongo store', () => {
  // Built in beforeAll: the body of a skipped describe still runs, and '' is no connection string.
  let admin: MongoClient;
  beforeAll(async () => {
    admin = await new MongoClient(uri).connect();
  });
  afterAll(async () => {
    await admin?.db(dbName).dropDatabase();
    await admin?.close();
  });

  storeContract('mongo', () => openMongoStore(uri, dbName));

  it('opens again on an existing database (index creation is idempotent)', async () => {
    const first = await openMongoStore(uri, dbName);
    await first.close();
    const second = await openMongoStore(uri, dbName);
    await expect(second.ping()).resolves.toBeUndefined();
    await second.close();
  });

  it('creates the unique and lookup indexes', async () => {
    await (await openMongoStore(uri, dbName)).close();
    const keysOf = async (collection: string) =>
      (await admin.db(dbName).collection(collection).listIndexes().toArray()).map((i) => ({ key: i.key, unique: i.unique === true }));
    expect(await keysOf('users')).toContainEqual({ key: { email: 1 }, unique: true });
    expect(await keysOf('sites')).toEqual(expect.arrayContaining([{ key: { siteKey: 1 }, unique: true }, { key: { clientId: 1 }, unique: false }]));
    expect(await keysOf('versions')).toContainEqual({ key: { siteId: 1, number: 1 }, unique: true });
    expect(await keysOf('memberships')).toEqual(
      expect.arrayContaining([{ key: { orgId: 1, userId: 1 }, unique: true }, { key: { userId: 1 }, unique: false }]),
    );
    expect(await keysOf('clients')).toContainEqual({ key: { orgId: 1 }, unique: false });
    expect(await keysOf('tags')).toContainEqual({ key: { siteId: 1 }, unique: false });
    expect(await keysOf('hits')).toContainEqual({ key: { siteId: 1, at: 1 }, unique: false });
  });

  it('stores every document under a string _id, never an ObjectId', async () => {
    const store = await openMongoStore(uri, dbName);
    try {
      const user = f.user();
      const org = f.org();
      const client = f.client(org.id);
      const site = f.site(client);
      const tag = f.tag(site.id);
      await store.users.create(user);
      await store.sessions.create({ id: f.uid(), userId: user.id, expiresAt: f.instant(60) });
      await store.orgs.create(org);
      await store.orgs.setMember({ orgId: org.id, userId: user.id, role: 'owner', clientIds: null });
      await store.clients.create(client);
      await store.sites.create(site);
      await store.tags.create(tag);
      await store.versions.create(f.version(site, [tag]));
      await store.hits.insertMany([f.hit(site.id, tag.id, 'pageview', f.instant())]);
    } finally {
      await store.close();
    }
    const collections = await admin.db(dbName).listCollections({}, { nameOnly: true }).toArray();
    expect(collections.length).toBeGreaterThanOrEqual(9);
    for (const { name } of collections) {
      const notString = await admin.db(dbName).collection(name).countDocuments({ _id: { $not: { $type: 'string' } } });
      expect({ collection: name, notString }).toStrictEqual({ collection: name, notString: 0 });
    }
  });
});
