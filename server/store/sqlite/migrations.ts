// SQLite schema, as an append-only list of migrations. The database's user_version records how
// many have run; start-up runs the rest in one transaction each.
import type Database from 'better-sqlite3';

const MIGRATIONS: string[] = [
  `
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE TABLE orgs (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE memberships (
    org_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    role TEXT NOT NULL,
    client_ids TEXT,
    PRIMARY KEY (org_id, user_id)
  );
  CREATE INDEX memberships_by_user ON memberships (user_id);
  CREATE TABLE clients (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX clients_by_org ON clients (org_id);
  CREATE TABLE sites (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    client_id TEXT NOT NULL,
    site_key TEXT NOT NULL UNIQUE,
    settings TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX sites_by_client ON sites (client_id);
  CREATE TABLE tags (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    fields TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX tags_by_site ON tags (site_id);
  CREATE TABLE versions (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL,
    number INTEGER NOT NULL,
    note TEXT NOT NULL,
    author_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    snapshot TEXT NOT NULL,
    script TEXT NOT NULL,
    etag TEXT NOT NULL,
    UNIQUE (site_id, number)
  );
  CREATE TABLE hits (
    site_id TEXT NOT NULL,
    tag_id TEXT,
    event TEXT NOT NULL,
    url TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX hits_by_site_time ON hits (site_id, at);
  `,
  `
  CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    client_ids TEXT,
    hash TEXT NOT NULL UNIQUE,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT
  );
  CREATE INDEX api_tokens_by_org ON api_tokens (org_id, created_at);
  `,
  `
  CREATE TABLE audiences (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    client_id TEXT,
    name TEXT NOT NULL,
    conditions TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX audiences_by_org ON audiences (org_id, name);
  `,
  `
  CREATE TABLE environments (
    site_id TEXT NOT NULL,
    name TEXT NOT NULL,
    version_number INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (site_id, name)
  );
  CREATE TABLE releases (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    site_id TEXT NOT NULL,
    environment TEXT NOT NULL,
    version_number INTEGER NOT NULL,
    action TEXT NOT NULL,
    note TEXT NOT NULL,
    user_id TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX releases_by_site ON releases (site_id, seq);
  CREATE TABLE publish_requests (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL,
    environment TEXT NOT NULL,
    note TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    status TEXT NOT NULL,
    resolved_by TEXT,
    resolved_at TEXT,
    version_number INTEGER
  );
  CREATE INDEX publish_requests_by_site ON publish_requests (site_id, created_at);
  CREATE TABLE secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  -- Before environments, the live container was the site's latest version: keep serving it.
  INSERT INTO environments (site_id, name, version_number, created_at, updated_at)
    SELECT site_id, 'live', MAX(number), MAX(created_at), MAX(created_at) FROM versions GROUP BY site_id;
  `,
];

/** Runs the migrations not run yet, up to `target` (all of them unless a test stops earlier). */
export function migrate(db: Database.Database, target = MIGRATIONS.length): void {
  const done = db.pragma('user_version', { simple: true }) as number;
  for (let i = done; i < target; i++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[i] as string);
      db.pragma(`user_version = ${i + 1}`);
    })();
  }
}
