// Publishing through the API: environments with their own snippet, rollback in one action, the
// diff between any two versions or the draft, editors' publish requests and the audit record,
// and preview links whose tokens are signed, expire and name one site.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PreviewTokens } from '../../../server/deliver/preview';
import { apiClient, codeOf, imageTag, signUp, startTestApp, type ApiClient, type TestApp } from '../../helpers/app';

let t: TestApp;
let owner: Awaited<ReturnType<typeof signUp>>;
let clientId: string;

beforeAll(async () => {
  t = await startTestApp();
  owner = await signUp(t.url, 'owner');
  clientId = (await owner.api.clients.create.mutate({ orgId: owner.orgId, name: 'Client' })).id;
});
afterAll(() => t.close());

async function newSite(api: ApiClient = owner.api) {
  const site = await api.sites.create.mutate({ clientId, name: 'Shop', domains: ['shop.example.com'] });
  const tag = await api.tags.create.mutate(imageTag(site.id, 'https://one.example/p'));
  return { site, tag };
}

const container = (siteKey: string, query = '') => fetch(`${t.url}/c/${siteKey}.js${query}`);
const body = async (siteKey: string, query = '') => (await container(siteKey, query)).text();

/** The BAD_REQUEST issue paths of a refused call. */
async function issuePaths(call: Promise<unknown>): Promise<string[]> {
  try {
    await call;
  } catch (error) {
    return ((error as { data?: { issues?: { path: string }[] } }).data?.issues ?? []).map((issue) => issue.path);
  }
  throw new Error('expected the call to be refused');
}

/** A member of the owner's org with `role`, logged in. */
async function member(role: 'viewer' | 'editor' | 'publisher') {
  const person = await signUp(t.url, role);
  await owner.api.orgs.addMember.mutate({ orgId: owner.orgId, email: person.email, role, clientIds: null });
  return person.api;
}

describe('environments', () => {
  it('gives every site live and staging, each with its own snippet; staging can be promoted to live', async () => {
    const { site } = await newSite();
    expect(await owner.api.sites.environments.query({ siteId: site.id })).toMatchObject([
      { name: 'live', builtIn: true, versionNumber: null },
      { name: 'staging', builtIn: true, versionNumber: null },
    ]);
    await owner.api.sites.publish.mutate({ siteId: site.id, environment: 'staging', note: 'Try it on staging' });
    expect((await container(site.siteKey, '?env=staging')).status).toBe(200);
    expect(await body(site.siteKey, '?env=staging')).toContain('one.example');
    expect((await container(site.siteKey)).status).toBe(404);
    expect((await container(site.siteKey, '?env=live')).status).toBe(404);

    const promoted = await owner.api.sites.rollback.mutate({ siteId: site.id, environment: 'live', versionNumber: 1, note: 'Staging looks right' });
    expect(promoted).toMatchObject({ environment: 'live', versionNumber: 1, action: 'promote' });
    expect(await body(site.siteKey)).toBe(await body(site.siteKey, '?env=staging'));
    expect((await owner.api.sites.get.query({ siteId: site.id })).environments.map((e) => [e.name, e.versionNumber])).toStrictEqual([
      ['live', 1],
      ['staging', 1],
    ]);
  });

  it('adds and removes environments of its own; the built-in ones stay', async () => {
    const { site } = await newSite();
    await owner.api.sites.addEnvironment.mutate({ siteId: site.id, name: 'QA' });
    expect((await owner.api.sites.environments.query({ siteId: site.id })).map((e) => e.name)).toStrictEqual(['live', 'staging', 'qa']);
    expect((await container(site.siteKey, '?env=qa')).status).toBe(404);
    await owner.api.sites.publish.mutate({ siteId: site.id, environment: 'qa' });
    expect(await body(site.siteKey, '?env=qa')).toContain('one.example');

    expect(await issuePaths(owner.api.sites.addEnvironment.mutate({ siteId: site.id, name: 'qa' }))).toStrictEqual(['name']);
    expect(await issuePaths(owner.api.sites.addEnvironment.mutate({ siteId: site.id, name: 'Not valid!' }))).toStrictEqual(['name']);
    expect(await issuePaths(owner.api.sites.removeEnvironment.mutate({ siteId: site.id, name: 'live' }))).toStrictEqual(['name']);
    expect(await issuePaths(owner.api.sites.publish.mutate({ siteId: site.id, environment: 'nowhere' }))).toStrictEqual(['environment']);

    await owner.api.sites.removeEnvironment.mutate({ siteId: site.id, name: 'qa' });
    expect((await container(site.siteKey, '?env=qa')).status).toBe(404);
    expect((await owner.api.sites.environments.query({ siteId: site.id })).map((e) => e.name)).toStrictEqual(['live', 'staging']);
    // The record keeps what happened to it.
    expect((await owner.api.sites.history.query({ siteId: site.id })).map((r) => r.environment)).toStrictEqual(['qa']);
  });

  it('answers an environment name that cannot exist with 404, not an error', async () => {
    const { site } = await newSite();
    await owner.api.sites.publish.mutate({ siteId: site.id });
    for (const env of ['', 'UPPER', '../live', 'x'.repeat(200)]) expect((await container(site.siteKey, `?env=${encodeURIComponent(env)}`)).status).toBe(404);
  });
});

describe('rollback', () => {
  it('points live back at an earlier version in one action, served at once, and records it', async () => {
    const { site, tag } = await newSite();
    await owner.api.sites.publish.mutate({ siteId: site.id, note: 'Launch' });
    const v1 = await body(site.siteKey);
    await owner.api.tags.update.mutate({ tagId: tag.id, revision: tag.revision, action: { kind: 'image', url: 'https://two.example/p' } });
    await owner.api.sites.publish.mutate({ siteId: site.id, note: 'Move the pixel' });
    expect(await body(site.siteKey)).toContain('two.example');

    const release = await owner.api.sites.rollback.mutate({ siteId: site.id, versionNumber: 1, note: 'Two is down' });
    expect(release).toMatchObject({ environment: 'live', versionNumber: 1, action: 'rollback', note: 'Two is down', userId: owner.user.id });
    expect(await body(site.siteKey)).toBe(v1);
    expect(await body(site.siteKey)).toBe(await body(`${site.siteKey}/v1`));

    const history = await owner.api.sites.history.query({ siteId: site.id });
    expect(history.map((r) => [r.action, r.environment, r.versionNumber, r.note, r.userName])).toStrictEqual([
      ['rollback', 'live', 1, 'Two is down', 'owner'],
      ['publish', 'live', 2, 'Move the pixel', 'owner'],
      ['publish', 'live', 1, 'Launch', 'owner'],
    ]);
    for (const entry of history) expect(Date.parse(entry.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    const versions = await owner.api.sites.versions.query({ siteId: site.id });
    expect(versions.map((v) => [v.number, v.environments])).toStrictEqual([
      [2, []],
      [1, ['live']],
    ]);
    // The draft still has the edit: live is what changed, not the draft.
    expect((await owner.api.sites.get.query({ siteId: site.id })).unpublishedChanges).toBe(1);
  });

  it('refuses a version the site does not have, or the one already served, naming the field', async () => {
    const { site } = await newSite();
    await owner.api.sites.publish.mutate({ siteId: site.id });
    expect(await issuePaths(owner.api.sites.rollback.mutate({ siteId: site.id, versionNumber: 7 }))).toStrictEqual(['versionNumber']);
    expect(await issuePaths(owner.api.sites.rollback.mutate({ siteId: site.id, versionNumber: 1 }))).toStrictEqual(['versionNumber']);
    expect(await issuePaths(owner.api.sites.rollback.mutate({ siteId: site.id, versionNumber: 0 }))).toStrictEqual(['versionNumber']);
    expect(await owner.api.sites.history.query({ siteId: site.id })).toHaveLength(1);
  });
});

describe('diff', () => {
  it('lists tags added, removed and changed with each field before and after, between versions and against the draft', async () => {
    const { site, tag } = await newSite();
    const doomed = await owner.api.tags.create.mutate({ ...imageTag(site.id, 'https://doomed.example/p'), name: 'Doomed' });
    await owner.api.sites.publish.mutate({ siteId: site.id });
    await owner.api.tags.update.mutate({ tagId: tag.id, revision: tag.revision, action: { kind: 'image', url: 'https://two.example/p' }, priority: 50 });
    await owner.api.tags.remove.mutate({ tagId: doomed.id });
    const added = await owner.api.tags.create.mutate({ ...imageTag(site.id), name: 'Newcomer' });
    await owner.api.sites.update.mutate({ siteId: site.id, timeZone: 'Europe/Berlin' });

    const draft = await owner.api.sites.diff.query({ siteId: site.id, from: { environment: 'live' }, to: 'draft' });
    expect(draft.tags.added).toStrictEqual([{ id: added.id, name: 'Newcomer' }]);
    expect(draft.tags.removed).toStrictEqual([{ id: doomed.id, name: 'Doomed' }]);
    expect(draft.tags.changed).toStrictEqual([
      {
        id: tag.id,
        name: tag.name,
        changes: [
          { field: 'action.url', before: 'https://one.example/p', after: 'https://two.example/p' },
          { field: 'priority', before: tag.priority, after: 50 },
        ],
      },
    ]);
    expect(draft.settings).toStrictEqual([{ field: 'timeZone', before: 'UTC', after: 'Europe/Berlin' }]);
    expect(draft.count).toBe(4);
    expect((await owner.api.sites.get.query({ siteId: site.id })).unpublishedChanges).toBe(4);

    await owner.api.sites.publish.mutate({ siteId: site.id });
    const between = await owner.api.sites.diff.query({ siteId: site.id, from: 1, to: 2 });
    expect(between).toStrictEqual({ ...draft });
    const backwards = await owner.api.sites.diff.query({ siteId: site.id, from: 2, to: 1 });
    expect(backwards.tags.added.map((t) => t.name)).toStrictEqual(['Doomed']);
    expect(backwards.tags.changed[0]?.changes[0]).toStrictEqual({ field: 'action.url', before: 'https://two.example/p', after: 'https://one.example/p' });
    expect((await owner.api.sites.diff.query({ siteId: site.id, from: 2, to: 'draft' })).count).toBe(0);
    expect(await issuePaths(owner.api.sites.diff.query({ siteId: site.id, from: 9, to: 'draft' }))).toStrictEqual(['from']);
  });

  it('shows everything as added against an environment nothing was published to', async () => {
    const { site, tag } = await newSite();
    const diff = await owner.api.sites.diff.query({ siteId: site.id, from: { environment: 'staging' }, to: 'draft' });
    expect(diff.tags.added).toStrictEqual([{ id: tag.id, name: tag.name }]);
    expect(diff.count).toBe(1);
  });
});

describe('workflow by role', () => {
  it('lets editors request a publish, which a publisher publishes; viewers only read; editors cannot publish or roll back', async () => {
    const viewer = await member('viewer');
    const editor = await member('editor');
    const publisher = await member('publisher');
    const { site } = await newSite();
    await owner.api.sites.publish.mutate({ siteId: site.id, note: 'Launch' });
    await editor.tags.create.mutate({ ...imageTag(site.id, 'https://editor.example/p'), name: 'Editor tag' });

    expect(await codeOf(editor.sites.publish.mutate({ siteId: site.id }))).toBe('FORBIDDEN');
    expect(await codeOf(editor.sites.rollback.mutate({ siteId: site.id, versionNumber: 1 }))).toBe('FORBIDDEN');
    expect(await codeOf(viewer.sites.requestPublish.mutate({ siteId: site.id }))).toBe('FORBIDDEN');
    expect(await codeOf(viewer.sites.preview.mutate({ siteId: site.id, source: 'draft', pageUrl: 'https://shop.example.com/' }))).toBe('FORBIDDEN');

    const request = await editor.sites.requestPublish.mutate({ siteId: site.id, note: 'Adds the editor tag' });
    expect(await viewer.sites.publishRequests.query({ siteId: site.id })).toMatchObject([{ id: request.id, status: 'open', requestedByName: 'editor' }]);

    const published = await publisher.sites.publish.mutate({ siteId: site.id, requestId: request.id });
    expect(published).toMatchObject({ number: 2, note: 'Adds the editor tag' });
    expect(await body(site.siteKey)).toContain('editor.example');
    expect(await viewer.sites.publishRequests.query({ siteId: site.id })).toMatchObject([
      { id: request.id, status: 'published', versionNumber: 2, resolvedByName: 'publisher' },
    ]);
    expect(await codeOf(publisher.sites.publish.mutate({ siteId: site.id, requestId: request.id }))).toBe('CONFLICT');
    expect((await owner.api.sites.versions.query({ siteId: site.id })).length).toBe(2);

    const second = await editor.sites.requestPublish.mutate({ siteId: site.id, environment: 'staging' });
    expect(await codeOf(editor.sites.dismissRequest.mutate({ siteId: site.id, requestId: second.id }))).toBe('FORBIDDEN');
    expect(await publisher.sites.dismissRequest.mutate({ siteId: site.id, requestId: second.id })).toMatchObject({ status: 'dismissed' });

    const rolledBack = await publisher.sites.rollback.mutate({ siteId: site.id, versionNumber: 1, note: 'Not yet' });
    expect(rolledBack.action).toBe('rollback');
    expect((await viewer.sites.history.query({ siteId: site.id })).map((r) => [r.action, r.versionNumber, r.userName, r.note])).toStrictEqual([
      ['rollback', 1, 'publisher', 'Not yet'],
      ['publish', 2, 'publisher', 'Adds the editor tag'],
      ['publish', 1, 'owner', 'Launch'],
    ]);
  });

  it('refuses to answer another site’s request', async () => {
    const { site } = await newSite();
    const { site: other } = await newSite();
    const request = await owner.api.sites.requestPublish.mutate({ siteId: other.id });
    expect(await issuePaths(owner.api.sites.publish.mutate({ siteId: site.id, requestId: request.id }))).toStrictEqual(['requestId']);
    expect(await codeOf(owner.api.sites.dismissRequest.mutate({ siteId: site.id, requestId: request.id }))).toBe('NOT_FOUND');
    expect(await owner.api.sites.versions.query({ siteId: site.id })).toStrictEqual([]);
  });
});

describe('preview links', () => {
  async function previewed() {
    const { site, tag } = await newSite();
    await owner.api.sites.publish.mutate({ siteId: site.id, note: 'Launch' });
    await owner.api.tags.update.mutate({ tagId: tag.id, revision: tag.revision, action: { kind: 'image', url: 'https://draft.example/p' } });
    const link = await owner.api.sites.preview.mutate({ siteId: site.id, source: 'draft', pageUrl: 'https://shop.example.com/cart?x=1' });
    return { site, link };
  }

  it('adds a signed token to the page address that serves the draft with the debug panel, never cached', async () => {
    const { site, link } = await previewed();
    const url = new URL(link.url);
    expect(url.origin + url.pathname).toBe('https://shop.example.com/cart');
    expect(url.searchParams.get('x')).toBe('1');
    expect(url.searchParams.get('pixeltag_preview')).toBe(link.token);
    expect(Date.parse(link.expiresAt)).toBeGreaterThan(Date.now());

    const res = await container(site.siteKey, `?preview=${encodeURIComponent(link.token)}`);
    expect(res.headers.get('x-pixeltag-preview')).toBe('accepted');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const script = await res.text();
    expect(script).toContain('draft.example');
    expect(script).toContain('Pixeltag preview');
    // Everyone else still gets live, which has no panel.
    const live = await body(site.siteKey);
    expect(live).toContain('one.example');
    expect(live).not.toContain('Pixeltag preview');
  });

  it('writes the visitor country into a preview as into live, for sites that name the header', async () => {
    const site = await owner.api.sites.create.mutate({ clientId, name: 'Country shop', countryHeader: 'cf-ipcountry' });
    await owner.api.tags.create.mutate(imageTag(site.id));
    const { token } = await owner.api.sites.preview.mutate({ siteId: site.id, source: 'draft', pageUrl: 'https://shop.example.com/' });
    const preview = (country?: string) =>
      fetch(`${t.url}/c/${site.siteKey}.js?preview=${encodeURIComponent(token)}`, { headers: country ? { 'cf-ipcountry': country } : {} }).then((res) => res.text());
    expect(await preview('de')).toContain('"C":"DE"');
    const unknown = await preview();
    expect(unknown).toContain('"C":""');
    expect(unknown).not.toContain('\\u0000');
  });

  it('previews a version by number', async () => {
    const { site } = await previewed();
    const { token } = await owner.api.sites.preview.mutate({ siteId: site.id, source: 1, pageUrl: 'https://shop.example.com/' });
    const script = await body(site.siteKey, `?preview=${encodeURIComponent(token)}`);
    expect(script).toContain('one.example');
    expect(script).toContain('version 1');
    expect(await issuePaths(owner.api.sites.preview.mutate({ siteId: site.id, source: 5, pageUrl: 'https://shop.example.com/' }))).toStrictEqual(['source']);
    expect(await issuePaths(owner.api.sites.preview.mutate({ siteId: site.id, source: 'draft', pageUrl: 'not a url' }))).toStrictEqual(['pageUrl']);
  });

  it('refuses a forged, expired or other-site token and serves live instead', async () => {
    const { site, link } = await previewed();
    const { site: other } = await newSite();
    const live = await body(site.siteKey);
    const refusal = async (token: string) => {
      const res = await container(site.siteKey, `?preview=${encodeURIComponent(token)}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.text()).toBe(live);
      return res.headers.get('x-pixeltag-preview');
    };
    const [payload, signature] = link.token.split('.') as [string, string];
    // A payload naming another source or a later expiry, under the old signature.
    const forgedPayload = Buffer.from(JSON.stringify({ k: site.siteKey, s: 'draft', x: Date.now() + 1e9 })).toString('base64url');
    expect(await refusal(`${forgedPayload}.${signature}`)).toBe('refused: signature');
    expect(await refusal(`${payload}.${signature.slice(0, -2)}AA`)).toBe('refused: signature');
    expect(await refusal('garbage')).toBe('refused: malformed');
    const otherToken = (await owner.api.sites.preview.mutate({ siteId: other.id, source: 'draft', pageUrl: 'https://shop.example.com/' })).token;
    expect(await refusal(otherToken)).toBe('refused: other site');

    // Signed with the same key as the server's (it lives in the store), but already expired.
    const past = new PreviewTokens({ store: t.app.services.store, config: t.app.services.config }, () => Date.now() - 5 * 3_600_000);
    expect(await refusal((await past.issue(site.siteKey, 'draft')).token)).toBe('refused: expired');
    // An unknown site key is still a 404.
    expect((await container('ptunknown', `?preview=${encodeURIComponent(link.token)}`)).status).toBe(404);
  });

  it('is refused to people outside the org', async () => {
    const { site } = await newSite();
    const outsider = await signUp(t.url, 'outsider');
    expect(await codeOf(outsider.api.sites.preview.mutate({ siteId: site.id, source: 'draft', pageUrl: 'https://shop.example.com/' }))).toBe('NOT_FOUND');
    expect(await codeOf(apiClient(t.url).sites.preview.mutate({ siteId: site.id, source: 'draft', pageUrl: 'https://shop.example.com/' }))).toBe('UNAUTHORIZED');
  });
});
