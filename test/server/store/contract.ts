// The store contract, written once and run against every adapter (sqlite.test.ts, mongo.test.ts):
// each repository method, its ordering, nested round-trips, conflicts and concurrency.
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickSiteSettings, type Audience, type Environment, type PublishRequest, type Release, type Client, type ConditionGroup, type Hit, type Org, type Site, type Tag, type Version } from '../../../shared/schema';
import { Conflict, NotFound } from '../../../server/errors';
import type { ApiTokenRecord, Store, UserRecord } from '../../../server/store/types';

const EMAIL_TAKEN = 'An account with this email already exists';
const STALE_TAG = 'Someone else saved this tag since you opened it. Reload to see their changes.';
const CLIENT_HAS_SITES = 'This client still has sites: delete them first';

const uid = (prefix = '') => prefix + randomBytes(8).toString('hex');
/** An ISO instant `seconds` away from now. */
const instant = (seconds = 0) => new Date(Date.now() + seconds * 1000).toISOString();

const CONDITIONS: ConditionGroup = {
  type: 'all',
  conditions: [
    { type: 'rule', variable: 'page.path', operator: 'wildcard', value: '/checkout/*' },
    {
      type: 'any',
      conditions: [
        { type: 'rule', variable: 'page.query', arg: 'utm_source', operator: 'inList', value: 'google\nbing' },
        { type: 'none', conditions: [{ type: 'rule', variable: 'cookie', arg: 'opt_out', operator: 'exists', value: '' }] },
        { type: 'all', conditions: [] },
      ],
    },
  ],
};

const user = (over: Partial<UserRecord> = {}): UserRecord => ({
  id: uid('u-'),
  email: `${uid()}@example.com`,
  name: 'Ada Lovelace',
  passwordHash: 'scrypt$' + uid(),
  createdAt: instant(),
  ...over,
});
const org = (over: Partial<Org> = {}): Org => ({ id: uid('o-'), name: 'Agency Café ✓', createdAt: instant(), ...over });
const client = (orgId: string, over: Partial<Client> = {}): Client => ({ id: uid('c-'), orgId, name: 'Acme', createdAt: instant(), ...over });
const site = (c: Client, over: Partial<Site> = {}): Site => ({
  id: uid('s-'),
  orgId: c.orgId,
  clientId: c.id,
  siteKey: uid('pt'),
  name: 'Shop',
  domains: ['shop.example.com', '*.example.org'],
  timeZone: 'Europe/Berlin',
  privacy: { honorDnt: true, honorGpc: false, consentMode: 'optIn' },
  collect: true,
  maxFiresPerPage: 3,
  countryHeader: 'cf-ipcountry',
  createdAt: instant(),
  updatedAt: instant(),
  ...over,
});
const tag = (siteId: string, over: Partial<Tag> = {}): Tag => ({
  id: uid('t-'),
  siteId,
  name: 'Checkout pixel',
  action: { kind: 'image', url: 'https://pixel.example.com/p?u={{page_url}}' },
  conditions: CONDITIONS,
  priority: 10,
  status: 'active',
  trigger: { type: 'click', selector: '#buy' },
  cap: { type: 'window', count: 2, every: 1, unit: 'days' },
  schedule: { start: '2026-12-01T09:00', end: null, weekdays: [1, 2, 3, 4, 5], hours: { from: 9, to: 17 } },
  consent: 'marketing',
  audienceIds: ['a-mobile-paid'],
  revision: 1,
  createdAt: instant(),
  updatedAt: instant(),
  ...over,
});
const version = (s: Site, tags: Tag[] = [], over: Partial<Omit<Version, 'number'>> = {}): Omit<Version, 'number'> => ({
  id: uid('v-'),
  siteId: s.id,
  note: 'Launch',
  authorId: uid('u-'),
  createdAt: instant(),
  snapshot: { site: pickSiteSettings(s), tags },
  script: '!function(){/* container */}();',
  etag: '"' + uid() + '"',
  ...over,
});
const hit = (siteId: string, tagId: string | null, event: string, at: string): Hit => ({ siteId, tagId, event, url: 'https://shop.example.com/', at });

/** Fresh entities with random ids, for adapter-specific suites too. */
const apiToken = (orgId: string, over: Partial<ApiTokenRecord> = {}): ApiTokenRecord => ({
  id: uid('k-'),
  orgId,
  name: 'CI deploys',
  role: 'publisher',
  clientIds: ['c-1', 'c-2'],
  createdBy: uid('u-'),
  createdAt: instant(),
  lastUsedAt: null,
  revokedAt: null,
  hash: uid('h-'),
  ...over,
});

const publishRequest = (siteId: string, over: Partial<PublishRequest> = {}): PublishRequest => ({
  id: uid('q-'),
  siteId,
  environment: 'live',
  note: 'New retargeting pixel',
  requestedBy: uid('u-'),
  createdAt: instant(),
  status: 'open',
  resolvedBy: null,
  resolvedAt: null,
  versionNumber: null,
  ...over,
});

export const fixtures = { uid, instant, user, org, client, site, tag, version, hit, apiToken };

/** The error a call was refused with; fails the test when the call succeeds. */
async function refusal(call: Promise<unknown>): Promise<Error> {
  try {
    await call;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to be refused, but it succeeded');
}

export function storeContract(name: string, open: () => Promise<Store>): void {
  describe(`${name} store contract`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    /** A fresh org → client → site. */
    async function seedSite(over: Partial<Site> = {}) {
      const o = org();
      await store.orgs.create(o);
      const c = client(o.id);
      await store.clients.create(c);
      const s = site(c, over);
      await store.sites.create(s);
      return { org: o, client: c, site: s };
    }

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    describe('users', () => {
      it('reads a user back by id without the password hash, and by email with it', async () => {
        const u = user();
        await store.users.create(u);
        const { passwordHash: _hash, ...publicUser } = u;
        expect(await store.users.get(u.id)).toStrictEqual(publicUser);
        expect(await store.users.getByEmail(u.email)).toStrictEqual(u);
      });

      it('answers null for an unknown id or email', async () => {
        expect(await store.users.get(uid())).toBeNull();
        expect(await store.users.getByEmail(`${uid()}@example.com`)).toBeNull();
      });

      it('refuses a second account with the same email with Conflict and keeps the first', async () => {
        const first = user();
        await store.users.create(first);
        const second = user({ email: first.email });
        const error = await refusal(store.users.create(second));
        expect(error).toBeInstanceOf(Conflict);
        expect(error.message).toBe(EMAIL_TAKEN);
        expect(await store.users.get(second.id)).toBeNull();
        expect(await store.users.getByEmail(first.email)).toStrictEqual(first);
      });
    });

    describe('sessions', () => {
      it('creates, reads and removes a session, leaving others alone', async () => {
        const userId = uid('u-');
        const a = { id: uid('sess-'), userId, expiresAt: instant(3600) };
        const b = { id: uid('sess-'), userId, expiresAt: instant(7200) };
        await store.sessions.create(a);
        await store.sessions.create(b);
        expect(await store.sessions.get(a.id)).toStrictEqual(a);
        await store.sessions.remove(a.id);
        expect(await store.sessions.get(a.id)).toBeNull();
        expect(await store.sessions.get(b.id)).toStrictEqual(b);
      });

      it('answers null for an unknown session and removes one quietly', async () => {
        expect(await store.sessions.get(uid())).toBeNull();
        await expect(store.sessions.remove(uid())).resolves.toBeUndefined();
      });
    });

    describe('orgs and memberships', () => {
      it('reads an org back, and null for an unknown one', async () => {
        const o = org();
        await store.orgs.create(o);
        expect(await store.orgs.get(o.id)).toStrictEqual(o);
        expect(await store.orgs.get(uid())).toBeNull();
      });

      it('keeps clientIds null (every client) apart from a list of clients', async () => {
        const o = org();
        await store.orgs.create(o);
        const all = { orgId: o.id, userId: uid('u-'), role: 'owner' as const, clientIds: null };
        const some = { orgId: o.id, userId: uid('u-'), role: 'editor' as const, clientIds: ['c-2', 'c-1'] };
        const none = { orgId: o.id, userId: uid('u-'), role: 'viewer' as const, clientIds: [] };
        for (const m of [all, some, none]) await store.orgs.setMember(m);
        expect(await store.orgs.getMember(o.id, all.userId)).toStrictEqual(all);
        expect(await store.orgs.getMember(o.id, some.userId)).toStrictEqual(some);
        expect(await store.orgs.getMember(o.id, none.userId)).toStrictEqual(none);
        expect(await store.orgs.getMember(o.id, uid('u-'))).toBeNull();
      });

      it('setMember replaces the role and clients of an existing membership', async () => {
        const o = org();
        await store.orgs.create(o);
        const userId = uid('u-');
        await store.orgs.setMember({ orgId: o.id, userId, role: 'editor', clientIds: ['c-1'] });
        await store.orgs.setMember({ orgId: o.id, userId, role: 'admin', clientIds: null });
        expect(await store.orgs.listMembers(o.id)).toStrictEqual([{ orgId: o.id, userId, role: 'admin', clientIds: null }]);
        await store.orgs.setMember({ orgId: o.id, userId, role: 'viewer', clientIds: ['c-3'] });
        expect(await store.orgs.getMember(o.id, userId)).toStrictEqual({ orgId: o.id, userId, role: 'viewer', clientIds: ['c-3'] });
      });

      it("lists an org's members ordered by user id, and only that org's", async () => {
        const [o, other] = [org(), org()];
        await store.orgs.create(o);
        await store.orgs.create(other);
        const p = uid();
        const member = (suffix: string) => ({ orgId: o.id, userId: `${p}-${suffix}`, role: 'editor' as const, clientIds: null });
        for (const suffix of ['c', 'a', 'b']) await store.orgs.setMember(member(suffix));
        await store.orgs.setMember({ orgId: other.id, userId: `${p}-a`, role: 'owner', clientIds: null });
        expect(await store.orgs.listMembers(o.id)).toStrictEqual([member('a'), member('b'), member('c')]);
        expect(await store.orgs.listMembers(uid())).toStrictEqual([]);
      });

      it("lists a user's orgs with their memberships, ordered by org name then id", async () => {
        const p = uid();
        const beta = org({ id: `${p}-a`, name: 'Beta' });
        const alphaC = org({ id: `${p}-c`, name: 'Alpha' });
        const alphaB = org({ id: `${p}-b`, name: 'Alpha' });
        const notMine = org({ name: 'Aardvark' });
        for (const o of [beta, alphaC, alphaB, notMine]) await store.orgs.create(o);
        const userId = uid('u-');
        const inBeta = { orgId: beta.id, userId, role: 'owner' as const, clientIds: null };
        const inAlphaC = { orgId: alphaC.id, userId, role: 'viewer' as const, clientIds: ['c-9'] };
        const inAlphaB = { orgId: alphaB.id, userId, role: 'publisher' as const, clientIds: null };
        for (const m of [inBeta, inAlphaC, inAlphaB]) await store.orgs.setMember(m);
        await store.orgs.setMember({ orgId: notMine.id, userId: uid('u-'), role: 'owner', clientIds: null });
        expect(await store.orgs.listForUser(userId)).toStrictEqual([
          { org: alphaB, membership: inAlphaB },
          { org: alphaC, membership: inAlphaC },
          { org: beta, membership: inBeta },
        ]);
        expect(await store.orgs.listForUser(uid('u-'))).toStrictEqual([]);
      });
    });

    describe('clients', () => {
      it('reads a client back, and null for an unknown one', async () => {
        const c = client(uid('o-'));
        await store.clients.create(c);
        expect(await store.clients.get(c.id)).toStrictEqual(c);
        expect(await store.clients.get(uid())).toBeNull();
      });

      it("lists an org's clients ordered by name then id, and only that org's", async () => {
        const orgId = uid('o-');
        const p = uid();
        const zed = client(orgId, { id: `${p}-a`, name: 'Zed' });
        const acmeC = client(orgId, { id: `${p}-c`, name: 'Acme' });
        const acmeB = client(orgId, { id: `${p}-b`, name: 'Acme' });
        for (const c of [zed, acmeC, acmeB, client(uid('o-'))]) await store.clients.create(c);
        expect(await store.clients.listByOrg(orgId)).toStrictEqual([acmeB, acmeC, zed]);
      });

      it('renames a client and returns it as stored', async () => {
        const c = client(uid('o-'));
        await store.clients.create(c);
        const renamed = await store.clients.update(c.id, { name: 'Acme Europe' });
        expect(renamed).toStrictEqual({ ...c, name: 'Acme Europe' });
        expect(await store.clients.get(c.id)).toStrictEqual(renamed);
      });

      it('answers NotFound when renaming an unknown client', async () => {
        expect(await refusal(store.clients.update(uid(), { name: 'Nobody' }))).toBeInstanceOf(NotFound);
      });

      it('refuses to remove a client while it has sites, then removes it once they are gone', async () => {
        const { client: c, site: s } = await seedSite();
        const error = await refusal(store.clients.remove(c.id));
        expect(error).toBeInstanceOf(Conflict);
        expect(error.message).toBe(CLIENT_HAS_SITES);
        expect(await store.clients.get(c.id)).toStrictEqual(c);
        await store.sites.remove(s.id);
        await store.clients.remove(c.id);
        expect(await store.clients.get(c.id)).toBeNull();
        expect(await store.clients.listByOrg(c.orgId)).toStrictEqual([]);
      });
    });

    describe('sites', () => {
      it('reads a site back by id and by key, with its domains and privacy settings', async () => {
        const { site: s } = await seedSite();
        expect(await store.sites.get(s.id)).toStrictEqual(s);
        expect(await store.sites.getByKey(s.siteKey)).toStrictEqual(s);
        expect(await store.sites.get(uid())).toBeNull();
        expect(await store.sites.getByKey(uid('pt'))).toBeNull();
      });

      it('refuses a second site with the same key', async () => {
        const { client: c, site: s } = await seedSite();
        await expect(store.sites.create(site(c, { siteKey: s.siteKey }))).rejects.toBeInstanceOf(Conflict);
        expect(await store.sites.getByKey(s.siteKey)).toStrictEqual(s);
      });

      it('treats a patch key set to undefined as absent, never erasing the field', async () => {
        const { site: s } = await seedSite();
        const updated = await store.sites.update(s.id, { name: undefined, timeZone: 'Asia/Tokyo' });
        expect(updated).toStrictEqual({ ...s, timeZone: 'Asia/Tokyo' });
        expect(await store.sites.get(s.id)).toStrictEqual(updated);
      });

      it("lists a client's sites ordered by creation then id, and only that client's", async () => {
        const { client: c, site: first } = await seedSite({ createdAt: instant(-60) });
        const p = uid();
        const later = site(c, { id: `${p}-a`, createdAt: instant(60) });
        const tieC = site(c, { id: `${p}-c`, createdAt: instant(30) });
        const tieB = site(c, { ...tieC, id: `${p}-b`, siteKey: uid('pt') });
        for (const s of [later, tieC, tieB]) await store.sites.create(s);
        await seedSite();
        expect(await store.sites.listByClient(c.id)).toStrictEqual([first, tieB, tieC, later]);
      });

      it('applies a partial update, replacing nested privacy and keeping identity fields', async () => {
        const { site: s } = await seedSite();
        const patch = {
          name: 'Shop (EU)',
          domains: ['eu.example.com'],
          privacy: { honorDnt: false, honorGpc: true, consentMode: 'optOut' as const },
          collect: false,
          updatedAt: instant(5),
        };
        const updated = await store.sites.update(s.id, patch);
        expect(updated).toStrictEqual({ ...s, ...patch });
        expect(await store.sites.get(s.id)).toStrictEqual(updated);
        expect(await store.sites.getByKey(s.siteKey)).toStrictEqual(updated);
      });

      it('leaves fields out of the patch as they were', async () => {
        const { site: s } = await seedSite();
        const updated = await store.sites.update(s.id, { timeZone: 'America/New_York' });
        expect(updated).toStrictEqual({ ...s, timeZone: 'America/New_York' });
        expect(await store.sites.get(s.id)).toStrictEqual(updated);
      });

      it('answers NotFound when updating an unknown site', async () => {
        expect(await refusal(store.sites.update(uid(), { name: 'Nowhere', updatedAt: instant() }))).toBeInstanceOf(NotFound);
      });

      it('removes a site with its tags, versions and hits, and nothing of its siblings', async () => {
        const { client: c, site: doomed } = await seedSite();
        const sibling = site(c);
        await store.sites.create(sibling);
        const seeded = [];
        for (const s of [doomed, sibling]) {
          const t = tag(s.id);
          await store.tags.create(t);
          const v = await store.versions.create(version(s, [t]));
          await store.hits.insertMany([hit(s.id, t.id, 'pageview', instant())]);
          seeded.push({ t, v });
        }
        const since = instant(-3600);
        await store.sites.remove(doomed.id);

        expect(await store.sites.get(doomed.id)).toBeNull();
        expect(await store.sites.getByKey(doomed.siteKey)).toBeNull();
        expect(await store.tags.get(seeded[0]!.t.id)).toBeNull();
        expect(await store.tags.listBySite(doomed.id)).toStrictEqual([]);
        expect(await store.versions.get(seeded[0]!.v.id)).toBeNull();
        expect(await store.versions.latest(doomed.id)).toBeNull();
        expect(await store.versions.list(doomed.id)).toStrictEqual([]);
        expect(await store.hits.countByTag(doomed.id, since)).toStrictEqual([]);

        expect(await store.sites.listByClient(c.id)).toStrictEqual([sibling]);
        expect(await store.tags.listBySite(sibling.id)).toStrictEqual([seeded[1]!.t]);
        expect(await store.versions.get(seeded[1]!.v.id)).toStrictEqual(seeded[1]!.v);
        expect(await store.hits.countByTag(sibling.id, since)).toStrictEqual([{ tagId: seeded[1]!.t.id, event: 'pageview', count: 1 }]);
      });
    });

    describe('tags', () => {
      it('reads a tag back with its nested condition tree exactly (absent args stay absent)', async () => {
        const { site: s } = await seedSite();
        const t = tag(s.id);
        await store.tags.create(t);
        expect(await store.tags.get(t.id)).toStrictEqual(t);
        expect(await store.tags.get(uid())).toBeNull();
      });

      it("lists a site's tags ordered by creation then id, and only that site's", async () => {
        const { site: s } = await seedSite();
        const { site: other } = await seedSite();
        const p = uid();
        const later = tag(s.id, { id: `${p}-a`, createdAt: instant(60) });
        const tieC = tag(s.id, { id: `${p}-c`, createdAt: instant(30) });
        const tieB = tag(s.id, { ...tieC, id: `${p}-b` });
        for (const t of [later, tieC, tieB, tag(other.id)]) await store.tags.create(t);
        expect(await store.tags.listBySite(s.id)).toStrictEqual([tieB, tieC, later]);
      });

      it('applies an update at the expected revision, bumps the revision and stores it', async () => {
        const { site: s } = await seedSite();
        const t = tag(s.id);
        const untouched = tag(s.id);
        await store.tags.create(t);
        await store.tags.create(untouched);
        const at = instant(10);
        const updated = await store.tags.update(t.id, 1, { name: 'Renamed', status: 'paused', priority: 0 }, at);
        expect(updated).toStrictEqual({ ...t, name: 'Renamed', status: 'paused', priority: 0, revision: 2, updatedAt: at });
        expect(await store.tags.get(t.id)).toStrictEqual(updated);
        const again = await store.tags.update(t.id, 2, { priority: 99 }, instant(20));
        expect(again.revision).toBe(3);
        expect(again.name).toBe('Renamed');
        expect(await store.tags.get(untouched.id)).toStrictEqual(untouched);
      });

      it('replaces the condition tree and action wholesale rather than merging them', async () => {
        const { site: s } = await seedSite();
        const t = tag(s.id);
        await store.tags.create(t);
        const conditions: ConditionGroup = { type: 'any', conditions: [{ type: 'rule', variable: 'page.host', operator: 'equals', value: 'shop.example.com' }] };
        const action = { kind: 'image' as const, url: 'https://other.example.com/px' };
        const updated = await store.tags.update(t.id, 1, { conditions, action }, instant());
        expect(updated.conditions).toStrictEqual(conditions);
        expect((await store.tags.get(t.id))?.conditions).toStrictEqual(conditions);
        expect((await store.tags.get(t.id))?.action).toStrictEqual(action);
      });

      it('refuses a stale revision with Conflict and leaves the stored tag unchanged', async () => {
        const { site: s } = await seedSite();
        const t = tag(s.id);
        await store.tags.create(t);
        const saved = await store.tags.update(t.id, 1, { name: 'First save' }, instant());
        for (const stale of [1, 3]) {
          const error = await refusal(store.tags.update(t.id, stale, { name: 'Lost update', conditions: { type: 'all', conditions: [] } }, instant(99)));
          expect(error).toBeInstanceOf(Conflict);
          expect(error.message).toBe(STALE_TAG);
        }
        expect(await store.tags.get(t.id)).toStrictEqual(saved);
      });

      it('answers NotFound when updating an unknown tag', async () => {
        expect(await refusal(store.tags.update(uid(), 1, { name: 'Ghost' }, instant()))).toBeInstanceOf(NotFound);
      });

      it('lets exactly one of two concurrent updates at the same revision win', async () => {
        const { site: s } = await seedSite();
        const t = tag(s.id);
        await store.tags.create(t);
        const results = await Promise.allSettled([
          store.tags.update(t.id, 1, { name: 'Alice' }, instant()),
          store.tags.update(t.id, 1, { name: 'Bob' }, instant()),
        ]);
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r) => r.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(lost[0]!.reason).toBeInstanceOf(Conflict);
        const stored = await store.tags.get(t.id);
        expect(stored).toStrictEqual(won[0]!.value);
        expect(stored?.revision).toBe(2);
      });

      it('behaves as compare-and-set over any sequence of expected revisions', async () => {
        await fc.assert(
          fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 6 }), async (expectations) => {
            const { site: s } = await seedSite();
            const t = tag(s.id);
            await store.tags.create(t);
            let model: Tag = t;
            for (const [i, expected] of expectations.entries()) {
              const at = instant(i);
              const call = store.tags.update(t.id, expected, { name: `Save ${i}` }, at);
              if (expected === model.revision) {
                model = { ...model, name: `Save ${i}`, revision: model.revision + 1, updatedAt: at };
                expect(await call).toStrictEqual(model);
              } else {
                expect(await refusal(call)).toBeInstanceOf(Conflict);
              }
              expect(await store.tags.get(t.id)).toStrictEqual(model);
            }
          }),
          { numRuns: 15 },
        );
      });

      it('removes a tag, and removes an unknown one quietly', async () => {
        const { site: s } = await seedSite();
        const [gone, kept] = [tag(s.id), tag(s.id)];
        await store.tags.create(gone);
        await store.tags.create(kept);
        await store.tags.remove(gone.id);
        expect(await store.tags.get(gone.id)).toBeNull();
        expect(await store.tags.listBySite(s.id)).toStrictEqual([kept]);
        await expect(store.tags.remove(uid())).resolves.toBeUndefined();
      });

      it('replaces a site\'s tags in one step: listed ones replaced or inserted, unlisted ones removed', async () => {
        const { site: s } = await seedSite();
        const { site: other } = await seedSite();
        const [kept, changed, gone] = [tag(s.id, { createdAt: instant(1) }), tag(s.id, { createdAt: instant(2) }), tag(s.id, { createdAt: instant(3) })];
        const elsewhere = tag(other.id);
        for (const t of [kept, changed, gone, elsewhere]) await store.tags.create(t);
        const next = { ...changed, name: 'Changed', conditions: { type: 'any' as const, conditions: [] }, revision: 2, updatedAt: instant(9) };
        const added = tag(s.id, { createdAt: instant(4), trigger: { type: 'pageview' } });
        await store.tags.replaceForSite(s.id, [kept, next, added]);
        expect(await store.tags.listBySite(s.id)).toStrictEqual([kept, next, added]);
        expect(await store.tags.get(gone.id)).toBeNull();
        expect(await store.tags.listBySite(other.id)).toStrictEqual([elsewhere]);
        await store.tags.replaceForSite(s.id, []);
        expect(await store.tags.listBySite(s.id)).toStrictEqual([]);
      });

      it('refuses to replace with a tag of another site, leaving both sites as they were', async () => {
        const { site: s } = await seedSite();
        const { site: other } = await seedSite();
        const mine = tag(s.id);
        const theirs = tag(other.id);
        await store.tags.create(mine);
        await store.tags.create(theirs);
        const stolen = { ...theirs, siteId: s.id, name: 'Taken over' };
        expect(await refusal(store.tags.replaceForSite(s.id, [tag(s.id), stolen]))).toBeInstanceOf(Conflict);
        expect(await refusal(store.tags.replaceForSite(s.id, [theirs]))).toBeInstanceOf(Conflict);
        expect(await store.tags.listBySite(s.id)).toStrictEqual([mine]);
        expect(await store.tags.listBySite(other.id)).toStrictEqual([theirs]);
      });
    });

    describe('versions', () => {
      it('numbers versions 1, 2, 3 per site, independently of other sites', async () => {
        const { site: a } = await seedSite();
        const { site: b } = await seedSite();
        const numbers = [];
        for (const s of [a, b, a, a, b]) numbers.push((await store.versions.create(version(s))).number);
        expect(numbers).toStrictEqual([1, 1, 2, 3, 2]);
      });

      it('returns and stores the whole version, snapshot and script included', async () => {
        const { site: s } = await seedSite();
        const t = tag(s.id);
        const input = version(s, [t, tag(s.id, { status: 'paused', conditions: { type: 'none', conditions: [] } })]);
        const created = await store.versions.create(input);
        expect(created).toStrictEqual({ ...input, number: 1 });
        expect(await store.versions.get(input.id)).toStrictEqual(created);
        expect(await store.versions.get(uid())).toBeNull();
      });

      it('keeps the snapshot JSON-identical to the draft it froze, so an unchanged draft compares equal', async () => {
        const { site: s } = await seedSite();
        await store.tags.create(tag(s.id));
        await store.tags.create(tag(s.id, { name: 'Second' }));
        const draft = () => store.tags.listBySite(s.id);
        const settings = pickSiteSettings(s);
        await store.versions.create(version(s, [], { snapshot: { site: settings, tags: await draft() } }));
        const live = await store.versions.latest(s.id);
        expect(JSON.stringify(live?.snapshot)).toBe(JSON.stringify({ site: settings, tags: await draft() }));
      });

      it('answers the highest-numbered version as latest, and null before the first publish', async () => {
        const { site: s } = await seedSite();
        expect(await store.versions.latest(s.id)).toBeNull();
        await store.versions.create(version(s, [], { note: 'one' }));
        await store.versions.create(version(s, [], { note: 'two', createdAt: instant(-60) }));
        const third = await store.versions.create(version(s, [], { note: 'three', createdAt: instant(-120) }));
        expect(await store.versions.latest(s.id)).toStrictEqual(third);
      });

      it('lists summaries newest number first, without snapshot or script', async () => {
        const { site: s } = await seedSite();
        const created = [];
        for (const note of ['one', 'two', 'three']) created.push(await store.versions.create(version(s, [tag(s.id)], { note })));
        await store.versions.create(version((await seedSite()).site));
        const summaries = created.reverse().map(({ snapshot: _snapshot, script: _script, ...summary }) => summary);
        expect(await store.versions.list(s.id)).toStrictEqual(summaries);
        expect(await store.versions.list(uid())).toStrictEqual([]);
      });

      it('gives concurrent publishes on one site distinct consecutive numbers', async () => {
        const { site: s } = await seedSite();
        const created = await Promise.all(Array.from({ length: 8 }, (_, i) => store.versions.create(version(s, [], { note: `v${i}` }))));
        expect(created.map((v) => v.number).sort((x, y) => x - y)).toStrictEqual([1, 2, 3, 4, 5, 6, 7, 8]);
        const listed = await store.versions.list(s.id);
        expect(listed.map((v) => v.number)).toStrictEqual([8, 7, 6, 5, 4, 3, 2, 1]);
        for (const v of created) expect((await store.versions.get(v.id))?.number).toBe(v.number);
      });
    });

    describe('environments and releases', () => {
      const release = (siteId: string, over: Partial<Release> = {}): Release => ({
        id: uid('r-'),
        siteId,
        environment: 'live',
        versionNumber: 1,
        action: 'publish',
        note: 'Spring sale',
        userId: uid('u-'),
        createdAt: instant(),
        ...over,
      });

      it('creates environments once per site and name, lists them by name and removes them', async () => {
        const { site: s } = await seedSite();
        const { site: other } = await seedSite();
        const env = (name: string, siteId = s.id): Environment => ({ siteId, name, versionNumber: null, createdAt: instant(), updatedAt: instant() });
        await store.environments.create(env('staging'));
        await store.environments.create(env('qa'));
        await store.environments.create(env('qa', other.id));
        expect((await refusal(store.environments.create(env('qa')))).constructor).toBe(Conflict);
        expect((await store.environments.list(s.id)).map((e) => e.name)).toStrictEqual(['qa', 'staging']);
        expect((await store.environments.get(s.id, 'staging'))?.versionNumber).toBeNull();
        await store.environments.remove(s.id, 'qa');
        expect((await store.environments.list(s.id)).map((e) => e.name)).toStrictEqual(['staging']);
        expect(await store.environments.get(other.id, 'qa')).not.toBeNull();
        expect(await store.environments.get(s.id, 'nope')).toBeNull();
      });

      it('points an environment at each release, creating it on the first, and keeps every release newest first', async () => {
        const { site: s } = await seedSite();
        const first = release(s.id, { createdAt: instant(-120) });
        const second = release(s.id, { versionNumber: 2, createdAt: instant(-60) });
        const back = release(s.id, { versionNumber: 1, action: 'rollback', note: 'Broke checkout', createdAt: instant() });
        const staging = release(s.id, { environment: 'staging', versionNumber: 2, createdAt: instant() });
        for (const r of [first, second, back, staging]) await store.environments.release(r);
        expect(await store.environments.get(s.id, 'live')).toMatchObject({ siteId: s.id, name: 'live', versionNumber: 1, createdAt: first.createdAt, updatedAt: back.createdAt });
        expect((await store.environments.get(s.id, 'staging'))?.versionNumber).toBe(2);
        const history = await store.environments.history(s.id, 10);
        expect(history.map((r) => r.id).slice(2)).toStrictEqual([second.id, first.id]);
        expect(new Set(history.slice(0, 2).map((r) => r.id))).toStrictEqual(new Set([back.id, staging.id]));
        expect(history.find((r) => r.id === back.id)).toStrictEqual(back);
        expect(await store.environments.history(s.id, 1)).toHaveLength(1);
        expect(await store.environments.history(uid(), 10)).toStrictEqual([]);
      });

      it('refuses a release with a used id and leaves the environment where it was', async () => {
        const { site: s } = await seedSite();
        const first = release(s.id);
        await store.environments.release(first);
        expect((await refusal(store.environments.release({ ...first, versionNumber: 5 }))).constructor).toBe(Conflict);
        expect((await store.environments.get(s.id, 'live'))?.versionNumber).toBe(1);
        expect(await store.environments.history(s.id, 10)).toStrictEqual([first]);
      });

      it('finds a version by its number within its site only', async () => {
        const { site: s } = await seedSite();
        const { site: other } = await seedSite();
        const one = await store.versions.create(version(s, [tag(s.id)]));
        await store.versions.create(version(other));
        expect(await store.versions.getByNumber(s.id, 1)).toStrictEqual(one);
        expect(await store.versions.getByNumber(s.id, 2)).toBeNull();
        expect((await store.versions.getByNumber(other.id, 1))?.siteId).toBe(other.id);
      });

      it('removes environments, releases and publish requests with their site', async () => {
        const { site: s } = await seedSite();
        await store.environments.release(release(s.id));
        const request = publishRequest(s.id);
        await store.publishRequests.create(request);
        await store.sites.remove(s.id);
        expect(await store.environments.list(s.id)).toStrictEqual([]);
        expect(await store.environments.history(s.id, 10)).toStrictEqual([]);
        expect(await store.publishRequests.get(request.id)).toBeNull();
      });
    });

    describe('publish requests', () => {
      it('lists a site’s requests newest first and answers each only once', async () => {
        const { site: s } = await seedSite();
        const older = publishRequest(s.id, { createdAt: instant(-60) });
        const newer = publishRequest(s.id, { environment: 'staging', note: 'Black Friday tags' });
        await store.publishRequests.create(older);
        await store.publishRequests.create(newer);
        expect(await store.publishRequests.list(s.id)).toStrictEqual([newer, older]);
        const outcome = { status: 'published' as const, resolvedBy: uid('u-'), resolvedAt: instant(), versionNumber: 4 };
        expect(await store.publishRequests.resolve(older.id, outcome)).toStrictEqual({ ...older, ...outcome });
        const again = await refusal(store.publishRequests.resolve(older.id, { ...outcome, status: 'dismissed', versionNumber: null }));
        expect(again.constructor).toBe(Conflict);
        expect(await store.publishRequests.get(older.id)).toStrictEqual({ ...older, ...outcome });
        expect((await refusal(store.publishRequests.resolve(uid(), outcome))).constructor).toBe(NotFound);
      });

      it('lets exactly one of two concurrent answers through', async () => {
        const { site: s } = await seedSite();
        const request = publishRequest(s.id);
        await store.publishRequests.create(request);
        const answer = (status: 'published' | 'dismissed') =>
          store.publishRequests.resolve(request.id, { status, resolvedBy: uid('u-'), resolvedAt: instant(), versionNumber: null });
        const results = await Promise.allSettled([answer('published'), answer('dismissed')]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      });
    });

    describe('secrets', () => {
      it('keeps the first candidate under each name, for every later caller', async () => {
        const name = uid('preview-');
        expect(await store.secrets.getOrCreate(name, 'first')).toBe('first');
        expect(await store.secrets.getOrCreate(name, 'second')).toBe('first');
        expect(await store.secrets.getOrCreate(uid('other-'), 'third')).toBe('third');
      });
    });

    describe('audiences', () => {
      const audience = (orgId: string, over: Partial<Audience> = {}): Audience => ({
        id: uid('a-'),
        orgId,
        clientId: null,
        name: 'Mobile paid search',
        conditions: CONDITIONS,
        createdAt: instant(),
        updatedAt: instant(),
        ...over,
      });

      it('round-trips an org-wide and a client-wide audience with their condition trees', async () => {
        const o = org();
        await store.orgs.create(o);
        const wide = audience(o.id);
        const narrow = audience(o.id, { clientId: uid('c-'), name: 'Returning buyers' });
        await store.audiences.create(wide);
        await store.audiences.create(narrow);
        expect(await store.audiences.get(wide.id)).toStrictEqual(wide);
        expect(await store.audiences.get(narrow.id)).toStrictEqual(narrow);
        expect(await store.audiences.get(uid())).toBeNull();
      });

      it("lists only the org's audiences, by name", async () => {
        const o = org();
        const b = audience(o.id, { name: 'B' });
        const a = audience(o.id, { name: 'A' });
        await store.audiences.create(b);
        await store.audiences.create(a);
        await store.audiences.create(audience(uid('o-')));
        expect(await store.audiences.listByOrg(o.id)).toStrictEqual([a, b]);
      });

      it('updates name and conditions, leaving the rest, and removes', async () => {
        const o = org();
        const a = audience(o.id);
        await store.audiences.create(a);
        const conditions: ConditionGroup = { type: 'any', conditions: [{ type: 'rule', variable: 'device.type', operator: 'equals', value: 'mobile' }] };
        const at = instant(5);
        const updated = await store.audiences.update(a.id, { conditions, name: undefined, updatedAt: at });
        expect(updated).toStrictEqual({ ...a, conditions, updatedAt: at });
        expect(await store.audiences.get(a.id)).toStrictEqual(updated);
        await expect(store.audiences.update(uid(), { name: 'x', updatedAt: instant() })).rejects.toBeInstanceOf(NotFound);
        await store.audiences.remove(a.id);
        expect(await store.audiences.get(a.id)).toBeNull();
      });
    });

    describe('api tokens', () => {
      it('reads a token back by id and by hash, and answers null for unknown ones', async () => {
        const o = org();
        const t = apiToken(o.id);
        const unscoped = apiToken(o.id, { clientIds: null, role: 'viewer' });
        await store.apiTokens.create(t);
        await store.apiTokens.create(unscoped);
        expect(await store.apiTokens.get(t.id)).toStrictEqual(t);
        expect(await store.apiTokens.getByHash(t.hash)).toStrictEqual(t);
        expect(await store.apiTokens.getByHash(unscoped.hash)).toStrictEqual(unscoped);
        expect(await store.apiTokens.get(uid())).toBeNull();
        expect(await store.apiTokens.getByHash(uid())).toBeNull();
      });

      it('refuses a second token with the same hash with Conflict', async () => {
        const o = org();
        const t = apiToken(o.id);
        await store.apiTokens.create(t);
        expect(await refusal(store.apiTokens.create(apiToken(o.id, { hash: t.hash })))).toBeInstanceOf(Conflict);
        expect(await store.apiTokens.listByOrg(o.id)).toStrictEqual([t]);
      });

      it("lists an org's tokens newest first, then by id, and only that org's", async () => {
        const [o, other] = [org(), org()];
        const p = uid();
        const old = apiToken(o.id, { id: `${p}-a`, createdAt: instant(-60) });
        const tieC = apiToken(o.id, { id: `${p}-c`, createdAt: instant(30) });
        const tieB = apiToken(o.id, { id: `${p}-b`, createdAt: tieC.createdAt });
        for (const t of [old, tieC, tieB, apiToken(other.id)]) await store.apiTokens.create(t);
        expect(await store.apiTokens.listByOrg(o.id)).toStrictEqual([tieB, tieC, old]);
      });

      it('records the last use and revokes once, keeping the first revocation instant', async () => {
        const o = org();
        const t = apiToken(o.id);
        const untouched = apiToken(o.id);
        await store.apiTokens.create(t);
        await store.apiTokens.create(untouched);
        const [used, revoked, again] = [instant(1), instant(2), instant(3)];
        await store.apiTokens.touch(t.id, used);
        await store.apiTokens.revoke(t.id, revoked);
        await store.apiTokens.revoke(t.id, again);
        expect(await store.apiTokens.get(t.id)).toStrictEqual({ ...t, lastUsedAt: used, revokedAt: revoked });
        expect(await store.apiTokens.get(untouched.id)).toStrictEqual(untouched);
        await expect(store.apiTokens.touch(uid(), used)).resolves.toBeUndefined();
        await expect(store.apiTokens.revoke(uid(), used)).resolves.toBeUndefined();
      });
    });

    describe('hits', () => {
      it('accepts an empty batch', async () => {
        await expect(store.hits.insertMany([])).resolves.toBeUndefined();
      });

      it('counts per tag and event, container loads (no tag) included, ordered by tag then event', async () => {
        const { site: s } = await seedSite();
        const { site: other } = await seedSite();
        const p = uid();
        const [a, b] = [`${p}-a`, `${p}-b`];
        const now = instant();
        await store.hits.insertMany([
          hit(s.id, b, 'pageview', now),
          hit(s.id, a, 'pageview', now),
          hit(s.id, null, 'load', now),
          hit(s.id, a, 'click', now),
          hit(s.id, a, 'pageview', now),
          hit(s.id, b, 'pageview', now),
          hit(s.id, a, 'pageview', now),
          hit(s.id, null, 'load', now),
          hit(other.id, a, 'pageview', now),
        ]);
        expect(await store.hits.countByTag(s.id, instant(-60))).toStrictEqual([
          { tagId: null, event: 'load', count: 2 },
          { tagId: a, event: 'click', count: 1 },
          { tagId: a, event: 'pageview', count: 3 },
          { tagId: b, event: 'pageview', count: 2 },
        ]);
      });

      it('counts only hits at or after `since`', async () => {
        const { site: s } = await seedSite();
        const tagId = uid('t-');
        const since = instant(-600);
        const justBefore = new Date(Date.parse(since) - 1).toISOString();
        await store.hits.insertMany([
          hit(s.id, tagId, 'pageview', instant(-7200)),
          hit(s.id, tagId, 'pageview', justBefore),
          hit(s.id, tagId, 'pageview', since),
          hit(s.id, tagId, 'pageview', instant(-10)),
        ]);
        await store.hits.insertMany([hit(s.id, tagId, 'pageview', instant())]);
        expect(await store.hits.countByTag(s.id, since)).toStrictEqual([{ tagId, event: 'pageview', count: 3 }]);
        expect(await store.hits.countByTag(s.id, instant(-86400))).toStrictEqual([{ tagId, event: 'pageview', count: 5 }]);
        expect(await store.hits.countByTag(s.id, instant(60))).toStrictEqual([]);
      });
    });
  });
}
