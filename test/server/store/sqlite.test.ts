// Runs the store contract against the embedded SQLite adapter, plus what only a file store has:
// data survives closing and reopening the file, and migrations run once.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../server/store/sqlite';
import { migrate } from '../../../server/store/sqlite/migrations';
import { fixtures as f, storeContract } from './contract';

const dir = mkdtempSync(join(tmpdir(), 'pixeltag-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

storeContract('sqlite', async () => openSqliteStore(join(dir, 'contract.db')));

const schemaOf = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return {
      userVersion: db.pragma('user_version', { simple: true }) as number,
      objects: db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all(),
    };
  } finally {
    db.close();
  }
};

describe('sqlite store on disk', () => {
  it('reads back after closing and reopening the file what was written before', async () => {
    const file = join(dir, `reopen-${f.uid()}.db`);
    const user = f.user();
    const session = { id: f.uid('sess-'), userId: user.id, expiresAt: f.instant(3600) };
    const org = f.org();
    const membership = { orgId: org.id, userId: user.id, role: 'editor' as const, clientIds: ['c-1'] };
    const client = f.client(org.id);
    const site = f.site(client);
    const tag = f.tag(site.id);
    const since = f.instant(-60);

    const before = openSqliteStore(file);
    await before.users.create(user);
    await before.sessions.create(session);
    await before.orgs.create(org);
    await before.orgs.setMember(membership);
    await before.clients.create(client);
    await before.sites.create(site);
    await before.tags.create(tag);
    const saved = await before.tags.update(tag.id, 1, { name: 'Saved before close' }, f.instant());
    const published = await before.versions.create(f.version(site, [saved]));
    await before.hits.insertMany([f.hit(site.id, tag.id, 'pageview', f.instant())]);
    await before.close();

    const after = openSqliteStore(file);
    try {
      expect(await after.users.getByEmail(user.email)).toStrictEqual(user);
      expect(await after.sessions.get(session.id)).toStrictEqual(session);
      expect(await after.orgs.listForUser(user.id)).toStrictEqual([{ org, membership }]);
      expect(await after.clients.get(client.id)).toStrictEqual(client);
      expect(await after.sites.getByKey(site.siteKey)).toStrictEqual(site);
      expect(await after.tags.get(tag.id)).toStrictEqual(saved);
      expect(await after.versions.latest(site.id)).toStrictEqual(published);
      expect(await after.hits.countByTag(site.id, since)).toStrictEqual([{ tagId: tag.id, event: 'pageview', count: 1 }]);
      // Counters carry on from what is on disk rather than restarting.
      expect((await after.versions.create(f.version(site))).number).toBe(2);
      expect((await after.tags.update(tag.id, 2, { priority: 1 }, f.instant())).revision).toBe(3);
    } finally {
      await after.close();
    }
  });

  it('runs migrations once: reopening leaves the schema and its version as they were', async () => {
    const file = join(dir, `migrate-${f.uid()}.db`);
    await openSqliteStore(file).close();
    const first = schemaOf(file);
    expect(first.userVersion).toBeGreaterThan(0);
    expect(first.objects.length).toBeGreaterThan(0);

    const org = f.org();
    const reopened = openSqliteStore(file);
    await reopened.orgs.create(org);
    await reopened.close();
    const again = openSqliteStore(file);
    try {
      expect(await again.orgs.get(org.id)).toStrictEqual(org);
    } finally {
      await again.close();
    }
    expect(schemaOf(file)).toStrictEqual(first);
  });
});

describe('rows saved before the targeting fields existed', () => {
  it('read back with the default trigger, cap, schedule, consent and site limits', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pixeltag-old-')), 'old.db');
    const store = openSqliteStore(file);
    await store.close();
    const db = new Database(file);
    const now = new Date().toISOString();
    db.prepare('INSERT INTO sites (id, org_id, client_id, site_key, settings, created_at, updated_at) VALUES (?,?,?,?,?,?,?)').run(
      's-old', 'o', 'c', 'ptold', JSON.stringify({ name: 'Old', domains: [], timeZone: 'UTC', privacy: { honorDnt: true, honorGpc: true, consentMode: 'none' }, collect: true }), now, now,
    );
    db.prepare('INSERT INTO tags (id, site_id, revision, fields, created_at, updated_at) VALUES (?,?,?,?,?,?)').run(
      't-old', 's-old', 1, JSON.stringify({ name: 'Old', action: { kind: 'image', url: 'https://p.example/x' }, conditions: { type: 'all', conditions: [] }, priority: 0, status: 'active' }), now, now,
    );
    db.close();
    const reopened = openSqliteStore(file);
    expect(await reopened.sites.get('s-old')).toMatchObject({ maxFiresPerPage: null, countryHeader: null });
    expect(await reopened.tags.get('t-old')).toMatchObject({ trigger: { type: 'pageview' }, cap: { type: 'unlimited' }, consent: 'marketing' });
    await reopened.close();
  });
});

describe('a database from before environments', () => {
  it('keeps serving what it served: each site with versions gets live pointing at its latest', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pixeltag-preenv-')), 'old.db');
    const db = new Database(file);
    // The schema as it stood before environments (migrations 1 to 3), with two published sites.
    migrate(db, 3);
    const insert = db.prepare('INSERT INTO versions (id, site_id, number, note, author_id, created_at, snapshot, script, etag) VALUES (?,?,?,?,?,?,?,?,?)');
    for (const [siteId, number] of [['s-a', 1], ['s-a', 2], ['s-a', 3], ['s-b', 1]] as const) {
      insert.run(`${siteId}-${number}`, siteId, number, '', 'u', `2026-01-0${number}T00:00:00.000Z`, '{}', '', '"e"');
    }
    db.close();

    const store = openSqliteStore(file);
    try {
      expect(await store.environments.get('s-a', 'live')).toMatchObject({ versionNumber: 3, updatedAt: '2026-01-03T00:00:00.000Z' });
      expect(await store.environments.get('s-b', 'live')).toMatchObject({ versionNumber: 1 });
      expect(await store.environments.get('s-a', 'staging')).toBeNull();
      expect(await store.environments.list('s-never-published')).toStrictEqual([]);
    } finally {
      await store.close();
    }
  });
});
