// The embedded store: one SQLite file through better-sqlite3, in WAL mode so the collector's
// writes do not block the console's reads. Used when MONGODB_URI is unset.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { pickSiteSettings, pickTagFields, SITE_DEFAULTS, TAG_DEFAULTS, type Audience, type Client, type Membership, type Org, type Site, type SiteSettings, type Tag, type TagFields, type Version } from '../../../shared/schema';
import { Conflict, NotFound } from '../../errors';
import type { Environment, PublishRequest, Release } from '../../../shared/schema';
import type { ApiTokenRecord, Store } from '../types';
import { migrate } from './migrations';

type Row = Record<string, unknown>;
const str = (v: unknown) => v as string;

const toOrg = (r: Row): Org => ({ id: str(r.id), name: str(r.name), createdAt: str(r.created_at) });
const toClient = (r: Row): Client => ({ id: str(r.id), orgId: str(r.org_id), name: str(r.name), createdAt: str(r.created_at) });
const toMembership = (r: Row): Membership => ({
  orgId: str(r.org_id),
  userId: str(r.user_id),
  role: r.role as Membership['role'],
  clientIds: r.client_ids === null ? null : JSON.parse(str(r.client_ids)),
});
// Rows saved before a field existed read back with its default.
const toSite = (r: Row): Site => ({
  ...SITE_DEFAULTS,
  ...JSON.parse(str(r.settings)),
  id: str(r.id),
  orgId: str(r.org_id),
  clientId: str(r.client_id),
  siteKey: str(r.site_key),
  createdAt: str(r.created_at),
  updatedAt: str(r.updated_at),
});
const toAudience = (r: Row): Audience => ({
  name: str(r.name),
  clientId: (r.client_id as string | null) ?? null,
  conditions: JSON.parse(str(r.conditions)),
  id: str(r.id),
  orgId: str(r.org_id),
  createdAt: str(r.created_at),
  updatedAt: str(r.updated_at),
});
const toTag = (r: Row): Tag => ({
  ...TAG_DEFAULTS,
  ...JSON.parse(str(r.fields)),
  id: str(r.id),
  siteId: str(r.site_id),
  revision: r.revision as number,
  createdAt: str(r.created_at),
  updatedAt: str(r.updated_at),
});
const toVersionSummary = (r: Row) => ({
  id: str(r.id),
  siteId: str(r.site_id),
  number: r.number as number,
  note: str(r.note),
  authorId: str(r.author_id),
  createdAt: str(r.created_at),
  etag: str(r.etag),
});
const toApiToken = (r: Row): ApiTokenRecord => ({
  id: str(r.id),
  orgId: str(r.org_id),
  name: str(r.name),
  role: r.role as ApiTokenRecord['role'],
  clientIds: r.client_ids === null ? null : JSON.parse(str(r.client_ids)),
  createdBy: str(r.created_by),
  createdAt: str(r.created_at),
  lastUsedAt: (r.last_used_at as string | null) ?? null,
  revokedAt: (r.revoked_at as string | null) ?? null,
  hash: str(r.hash),
});
const toEnvironment = (r: Row): Environment => ({
  siteId: str(r.site_id),
  name: str(r.name),
  versionNumber: (r.version_number as number | null) ?? null,
  createdAt: str(r.created_at),
  updatedAt: str(r.updated_at),
});
const toRelease = (r: Row): Release => ({
  id: str(r.id),
  siteId: str(r.site_id),
  environment: str(r.environment),
  versionNumber: r.version_number as number,
  action: r.action as Release['action'],
  note: str(r.note),
  userId: str(r.user_id),
  createdAt: str(r.created_at),
});
const toPublishRequest = (r: Row): PublishRequest => ({
  id: str(r.id),
  siteId: str(r.site_id),
  environment: str(r.environment),
  note: str(r.note),
  requestedBy: str(r.requested_by),
  createdAt: str(r.created_at),
  status: r.status as PublishRequest['status'],
  resolvedBy: (r.resolved_by as string | null) ?? null,
  resolvedAt: (r.resolved_at as string | null) ?? null,
  versionNumber: (r.version_number as number | null) ?? null,
});
const toVersion = (r: Row): Version => ({ ...toVersionSummary(r), snapshot: JSON.parse(str(r.snapshot)), script: str(r.script) });

/** A patch applied without its undefined keys: an absent field means "leave as is", never "erase". */
function merge<T extends object>(current: T, patch: { [K in keyof T]?: T[K] | undefined }): T {
  const next = { ...current };
  for (const [key, value] of Object.entries(patch)) if (value !== undefined) (next as Record<string, unknown>)[key] = value;
  return next;
}

/** Unique-constraint violations become Conflict, so no driver error leaves the store. */
function insertOrConflict(write: () => void, message: string): void {
  try {
    write();
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new Conflict(message);
    throw e;
  }
}

function siteSettingsJson(site: SiteSettings): string {
  return JSON.stringify(pickSiteSettings(site));
}
function tagFieldsJson(tag: TagFields): string {
  return JSON.stringify(pickTagFields(tag));
}

export function openSqliteStore(file: string): Store {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const one = (sql: string, ...args: unknown[]) => db.prepare(sql).get(...args) as Row | undefined;
  const all = (sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as Row[];
  const run = (sql: string, ...args: unknown[]) => db.prepare(sql).run(...args);

  const getSite = (id: string) => {
    const row = one('SELECT * FROM sites WHERE id = ?', id);
    return row ? toSite(row) : null;
  };
  const getTag = (id: string) => {
    const row = one('SELECT * FROM tags WHERE id = ?', id);
    return row ? toTag(row) : null;
  };

  const insertVersion = db.transaction((v: Omit<Version, 'number'>): Version => {
    const last = one('SELECT MAX(number) AS n FROM versions WHERE site_id = ?', v.siteId);
    const number = ((last?.n as number | null) ?? 0) + 1;
    run(
      'INSERT INTO versions (id, site_id, number, note, author_id, created_at, snapshot, script, etag) VALUES (?,?,?,?,?,?,?,?,?)',
      v.id, v.siteId, number, v.note, v.authorId, v.createdAt, JSON.stringify(v.snapshot), v.script, v.etag,
    );
    return { ...v, number };
  });

  const insertRelease = db.transaction((r: Release) => {
    run(
      `INSERT INTO environments (site_id, name, version_number, created_at, updated_at) VALUES (?,?,?,?,?)
       ON CONFLICT (site_id, name) DO UPDATE SET version_number = excluded.version_number, updated_at = excluded.updated_at`,
      r.siteId, r.environment, r.versionNumber, r.createdAt, r.createdAt,
    );
    run(
      'INSERT INTO releases (id, site_id, environment, version_number, action, note, user_id, created_at) VALUES (?,?,?,?,?,?,?,?)',
      r.id, r.siteId, r.environment, r.versionNumber, r.action, r.note, r.userId, r.createdAt,
    );
  });

  const insertHits = db.transaction((hits: Parameters<Store['hits']['insertMany']>[0]) => {
    const stmt = db.prepare('INSERT INTO hits (site_id, tag_id, event, url, at) VALUES (?,?,?,?,?)');
    for (const h of hits) stmt.run(h.siteId, h.tagId, h.event, h.url, h.at);
  });

  const removeSite = db.transaction((id: string) => {
    run('DELETE FROM tags WHERE site_id = ?', id);
    run('DELETE FROM versions WHERE site_id = ?', id);
    run('DELETE FROM environments WHERE site_id = ?', id);
    run('DELETE FROM releases WHERE site_id = ?', id);
    run('DELETE FROM publish_requests WHERE site_id = ?', id);
    run('DELETE FROM hits WHERE site_id = ?', id);
    run('DELETE FROM sites WHERE id = ?', id);
  });

  const upsertTag = (t: Tag) =>
    run(
      'INSERT INTO tags (id, site_id, revision, fields, created_at, updated_at) VALUES (?,?,?,?,?,?) ' +
        'ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, fields = excluded.fields, created_at = excluded.created_at, updated_at = excluded.updated_at ' +
        'WHERE tags.site_id = excluded.site_id',
      t.id, t.siteId, t.revision, tagFieldsJson(t), t.createdAt, t.updatedAt,
    );
  /** One transaction: a failure half-way (a foreign id, a full disk) leaves the site's tags as they were. */
  const replaceTags = db.transaction((siteId: string, tags: Tag[]) => {
    const keep = new Set(tags.map((t) => t.id));
    for (const r of all('SELECT id FROM tags WHERE site_id = ?', siteId)) if (!keep.has(str(r.id))) run('DELETE FROM tags WHERE id = ?', r.id);
    for (const t of tags) {
      if (t.siteId !== siteId || upsertTag(t).changes === 0) throw new Conflict('A tag with this id belongs to another site');
    }
  });

  return {
    users: {
      async create(u) {
        insertOrConflict(
          () => run('INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?,?,?,?,?)', u.id, u.email, u.name, u.passwordHash, u.createdAt),
          'An account with this email already exists',
        );
      },
      async get(id) {
        const r = one('SELECT id, email, name, created_at FROM users WHERE id = ?', id);
        return r ? { id: str(r.id), email: str(r.email), name: str(r.name), createdAt: str(r.created_at) } : null;
      },
      async getByEmail(email) {
        const r = one('SELECT * FROM users WHERE email = ?', email);
        return r
          ? { id: str(r.id), email: str(r.email), name: str(r.name), createdAt: str(r.created_at), passwordHash: str(r.password_hash) }
          : null;
      },
    },
    sessions: {
      async create(s) {
        run('INSERT INTO sessions (id, user_id, expires_at) VALUES (?,?,?)', s.id, s.userId, s.expiresAt);
      },
      async get(id) {
        const r = one('SELECT * FROM sessions WHERE id = ?', id);
        return r ? { id: str(r.id), userId: str(r.user_id), expiresAt: str(r.expires_at) } : null;
      },
      async remove(id) {
        run('DELETE FROM sessions WHERE id = ?', id);
      },
    },
    orgs: {
      async create(o) {
        run('INSERT INTO orgs (id, name, created_at) VALUES (?,?,?)', o.id, o.name, o.createdAt);
      },
      async get(id) {
        const r = one('SELECT * FROM orgs WHERE id = ?', id);
        return r ? toOrg(r) : null;
      },
      async setMember(m) {
        run(
          'INSERT INTO memberships (org_id, user_id, role, client_ids) VALUES (?,?,?,?) ON CONFLICT (org_id, user_id) DO UPDATE SET role = excluded.role, client_ids = excluded.client_ids',
          m.orgId, m.userId, m.role, m.clientIds === null ? null : JSON.stringify(m.clientIds),
        );
      },
      async getMember(orgId, userId) {
        const r = one('SELECT * FROM memberships WHERE org_id = ? AND user_id = ?', orgId, userId);
        return r ? toMembership(r) : null;
      },
      async listMembers(orgId) {
        return all('SELECT * FROM memberships WHERE org_id = ? ORDER BY user_id', orgId).map(toMembership);
      },
      async listForUser(userId) {
        return all(
          'SELECT m.*, o.name, o.created_at, o.id FROM memberships m JOIN orgs o ON o.id = m.org_id WHERE m.user_id = ? ORDER BY o.name, o.id',
          userId,
        ).map((r) => ({ org: toOrg(r), membership: toMembership(r) }));
      },
    },
    clients: {
      async create(c) {
        run('INSERT INTO clients (id, org_id, name, created_at) VALUES (?,?,?,?)', c.id, c.orgId, c.name, c.createdAt);
      },
      async get(id) {
        const r = one('SELECT * FROM clients WHERE id = ?', id);
        return r ? toClient(r) : null;
      },
      async listByOrg(orgId) {
        return all('SELECT * FROM clients WHERE org_id = ? ORDER BY name, id', orgId).map(toClient);
      },
      async update(id, patch) {
        if (run('UPDATE clients SET name = ? WHERE id = ?', patch.name, id).changes === 0) throw new NotFound('Client');
        return toClient(one('SELECT * FROM clients WHERE id = ?', id) as Row);
      },
      async remove(id) {
        if (one('SELECT 1 FROM sites WHERE client_id = ? LIMIT 1', id)) throw new Conflict('This client still has sites: delete them first');
        run('DELETE FROM clients WHERE id = ?', id);
      },
    },
    sites: {
      async create(s) {
        insertOrConflict(
          () =>
            run(
              'INSERT INTO sites (id, org_id, client_id, site_key, settings, created_at, updated_at) VALUES (?,?,?,?,?,?,?)',
              s.id, s.orgId, s.clientId, s.siteKey, siteSettingsJson(s), s.createdAt, s.updatedAt,
            ),
          'A site with this id or key already exists',
        );
      },
      async get(id) {
        return getSite(id);
      },
      async getByKey(key) {
        const r = one('SELECT * FROM sites WHERE site_key = ?', key);
        return r ? toSite(r) : null;
      },
      async listByClient(clientId) {
        return all('SELECT * FROM sites WHERE client_id = ? ORDER BY created_at, id', clientId).map(toSite);
      },
      async update(id, patch) {
        const current = getSite(id);
        if (!current) throw new NotFound('Site');
        const next = merge<Site>(current, patch);
        run('UPDATE sites SET settings = ?, updated_at = ? WHERE id = ?', siteSettingsJson(next), next.updatedAt, id);
        return next;
      },
      async remove(id) {
        removeSite(id);
      },
    },
    tags: {
      async create(t) {
        run(
          'INSERT INTO tags (id, site_id, revision, fields, created_at, updated_at) VALUES (?,?,?,?,?,?)',
          t.id, t.siteId, t.revision, tagFieldsJson(t), t.createdAt, t.updatedAt,
        );
      },
      async get(id) {
        return getTag(id);
      },
      async listBySite(siteId) {
        return all('SELECT * FROM tags WHERE site_id = ? ORDER BY created_at, id', siteId).map(toTag);
      },
      async update(id, expectedRevision, patch, updatedAt) {
        return db.transaction(() => {
          const current = getTag(id);
          if (!current) throw new NotFound('Tag');
          if (current.revision !== expectedRevision) {
            throw new Conflict('Someone else saved this tag since you opened it. Reload to see their changes.');
          }
          const next: Tag = { ...merge<Tag>(current, patch), revision: current.revision + 1, updatedAt };
          run('UPDATE tags SET fields = ?, revision = ?, updated_at = ? WHERE id = ? AND revision = ?', tagFieldsJson(next), next.revision, updatedAt, id, expectedRevision);
          return next;
        })();
      },
      async remove(id) {
        run('DELETE FROM tags WHERE id = ?', id);
      },
      async replaceForSite(siteId, tags) {
        // IMMEDIATE takes the write lock first, so no other process writes between our read and our writes.
        replaceTags.immediate(siteId, tags);
      },
    },
    versions: {
      async create(v) {
        // IMMEDIATE takes the write lock before reading MAX(number), so two processes cannot pick the same number.
        return insertVersion.immediate(v);
      },
      async get(id) {
        const r = one('SELECT * FROM versions WHERE id = ?', id);
        return r ? toVersion(r) : null;
      },
      async latest(siteId) {
        const r = one('SELECT * FROM versions WHERE site_id = ? ORDER BY number DESC LIMIT 1', siteId);
        return r ? toVersion(r) : null;
      },
      async getByNumber(siteId, number) {
        const r = one('SELECT * FROM versions WHERE site_id = ? AND number = ?', siteId, number);
        return r ? toVersion(r) : null;
      },
      async list(siteId) {
        return all('SELECT id, site_id, number, note, author_id, created_at, etag FROM versions WHERE site_id = ? ORDER BY number DESC', siteId).map(toVersionSummary);
      },
    },
    environments: {
      async list(siteId) {
        return all('SELECT * FROM environments WHERE site_id = ? ORDER BY name', siteId).map(toEnvironment);
      },
      async get(siteId, name) {
        const r = one('SELECT * FROM environments WHERE site_id = ? AND name = ?', siteId, name);
        return r ? toEnvironment(r) : null;
      },
      async create(e) {
        insertOrConflict(
          () =>
            run(
              'INSERT INTO environments (site_id, name, version_number, created_at, updated_at) VALUES (?,?,?,?,?)',
              e.siteId, e.name, e.versionNumber, e.createdAt, e.updatedAt,
            ),
          `The site already has an environment named ${e.name}`,
        );
      },
      async remove(siteId, name) {
        run('DELETE FROM environments WHERE site_id = ? AND name = ?', siteId, name);
      },
      async release(r) {
        insertOrConflict(() => insertRelease.immediate(r), 'A release with this id already exists');
      },
      async history(siteId, limit) {
        return all('SELECT * FROM releases WHERE site_id = ? ORDER BY seq DESC LIMIT ?', siteId, limit).map(toRelease);
      },
    },
    publishRequests: {
      async create(q) {
        insertOrConflict(
          () =>
            run(
              'INSERT INTO publish_requests (id, site_id, environment, note, requested_by, created_at, status, resolved_by, resolved_at, version_number) VALUES (?,?,?,?,?,?,?,?,?,?)',
              q.id, q.siteId, q.environment, q.note, q.requestedBy, q.createdAt, q.status, q.resolvedBy, q.resolvedAt, q.versionNumber,
            ),
          'A publish request with this id already exists',
        );
      },
      async get(id) {
        const r = one('SELECT * FROM publish_requests WHERE id = ?', id);
        return r ? toPublishRequest(r) : null;
      },
      async list(siteId) {
        return all('SELECT * FROM publish_requests WHERE site_id = ? ORDER BY created_at DESC, id DESC', siteId).map(toPublishRequest);
      },
      async resolve(id, outcome) {
        const changed = run(
          "UPDATE publish_requests SET status = ?, resolved_by = ?, resolved_at = ?, version_number = ? WHERE id = ? AND status = 'open'",
          outcome.status, outcome.resolvedBy, outcome.resolvedAt, outcome.versionNumber, id,
        ).changes;
        const r = one('SELECT * FROM publish_requests WHERE id = ?', id);
        if (!r) throw new NotFound('Publish request');
        if (!changed) throw new Conflict('This publish request was already answered');
        return toPublishRequest(r);
      },
    },
    secrets: {
      async getOrCreate(name, candidate) {
        run('INSERT OR IGNORE INTO secrets (name, value) VALUES (?, ?)', name, candidate);
        return str(one('SELECT value FROM secrets WHERE name = ?', name)?.value);
      },
    },
    hits: {
      async insertMany(hits) {
        if (hits.length) insertHits(hits);
      },
      async countByTag(siteId, since) {
        return all(
          'SELECT tag_id, event, COUNT(*) AS n FROM hits WHERE site_id = ? AND at >= ? GROUP BY tag_id, event ORDER BY tag_id, event',
          siteId, since,
        ).map((r) => ({ tagId: r.tag_id as string | null, event: str(r.event), count: r.n as number }));
      },
    },
    audiences: {
      async create(a) {
        insertOrConflict(
          () =>
            run(
              'INSERT INTO audiences (id, org_id, client_id, name, conditions, created_at, updated_at) VALUES (?,?,?,?,?,?,?)',
              a.id, a.orgId, a.clientId, a.name, JSON.stringify(a.conditions), a.createdAt, a.updatedAt,
            ),
          'An audience with this id already exists',
        );
      },
      async get(id) {
        const r = one('SELECT * FROM audiences WHERE id = ?', id);
        return r ? toAudience(r) : null;
      },
      async listByOrg(orgId) {
        return all('SELECT * FROM audiences WHERE org_id = ? ORDER BY name, id', orgId).map(toAudience);
      },
      async update(id, patch) {
        const row = one('SELECT * FROM audiences WHERE id = ?', id);
        if (!row) throw new NotFound('Audience');
        const next = merge<Audience>(toAudience(row), patch);
        run('UPDATE audiences SET name = ?, conditions = ?, updated_at = ? WHERE id = ?', next.name, JSON.stringify(next.conditions), next.updatedAt, id);
        return next;
      },
      async remove(id) {
        run('DELETE FROM audiences WHERE id = ?', id);
      },
    },
    apiTokens: {
      async create(t) {
        insertOrConflict(
          () =>
            run(
              'INSERT INTO api_tokens (id, org_id, name, role, client_ids, hash, created_by, created_at, last_used_at, revoked_at) VALUES (?,?,?,?,?,?,?,?,?,?)',
              t.id, t.orgId, t.name, t.role, t.clientIds === null ? null : JSON.stringify(t.clientIds), t.hash, t.createdBy, t.createdAt, t.lastUsedAt, t.revokedAt,
            ),
          'A token with this id or secret already exists',
        );
      },
      async get(id) {
        const r = one('SELECT * FROM api_tokens WHERE id = ?', id);
        return r ? toApiToken(r) : null;
      },
      async getByHash(hash) {
        const r = one('SELECT * FROM api_tokens WHERE hash = ?', hash);
        return r ? toApiToken(r) : null;
      },
      async listByOrg(orgId) {
        return all('SELECT * FROM api_tokens WHERE org_id = ? ORDER BY created_at DESC, id', orgId).map(toApiToken);
      },
      async touch(id, lastUsedAt) {
        run('UPDATE api_tokens SET last_used_at = ? WHERE id = ?', lastUsedAt, id);
      },
      async revoke(id, revokedAt) {
        run('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', revokedAt, id);
      },
    },
    async ping() {
      one('SELECT 1');
    },
    async close() {
      db.close();
    },
  };
}
