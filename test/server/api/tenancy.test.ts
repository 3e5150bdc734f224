// Every procedure of the console API, called by someone from another org, by a viewer and by a
// member limited to another client, each both logged in and through an API token: each is
// refused. The same inputs succeed for the owner, so the refusals come from tenancy and not
// from bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../../server/api/_app';
import { apiClient, codeOf, imageTag, signUp, startTestApp, type ApiClient, type TestApp } from '../../helpers/app';
import { siteConfigDocument, tokenClient } from '../../helpers/tokens';

/** Procedures that act only on the caller's own account, so have no other org to leak. */
const SELF_SERVICE = ['auth.signup', 'auth.login', 'auth.logout', 'auth.me', 'orgs.list', 'orgs.create'];

interface Fixture {
  orgId: string;
  clientId: string;
  /** A client without sites, which may be removed. */
  emptyClientId: string;
  siteId: string;
  tagId: string;
  tagRevision: number;
  memberEmail: string;
  /** A token of the org, which may be revoked. */
  tokenId: string;
  /** An audience of the fixture's client, used by no tag. */
  audienceId: string;
  /** An open publish request of the site. */
  requestId: string;
}

/** A valid input for each procedure against the fixture's resources. Adding a procedure without one fails the test. */
const INPUTS: Record<string, (f: Fixture) => unknown> = {
  'audiences.list': (f) => ({ orgId: f.orgId }),
  'audiences.get': (f) => ({ audienceId: f.audienceId }),
  'audiences.create': (f) => ({ orgId: f.orgId, clientId: f.clientId, name: 'Buyers', conditions: { type: 'all', conditions: [] } }),
  'audiences.update': (f) => ({ audienceId: f.audienceId, name: 'Renamed audience' }),
  'audiences.remove': (f) => ({ audienceId: f.audienceId }),
  'orgs.members': (f) => ({ orgId: f.orgId }),
  'orgs.addMember': (f) => ({ orgId: f.orgId, email: f.memberEmail, role: 'viewer', clientIds: null }),
  'clients.list': (f) => ({ orgId: f.orgId }),
  'clients.get': (f) => ({ clientId: f.clientId }),
  'clients.create': (f) => ({ orgId: f.orgId, name: 'New client' }),
  'clients.update': (f) => ({ clientId: f.clientId, name: 'Renamed' }),
  'clients.remove': (f) => ({ clientId: f.emptyClientId }),
  'sites.list': (f) => ({ clientId: f.clientId }),
  'sites.get': (f) => ({ siteId: f.siteId }),
  'sites.create': (f) => ({ clientId: f.clientId, name: 'Another site' }),
  'sites.update': (f) => ({ siteId: f.siteId, name: 'Renamed site' }),
  'sites.remove': (f) => ({ siteId: f.siteId }),
  'sites.publish': (f) => ({ siteId: f.siteId, note: 'tenancy' }),
  'sites.versions': (f) => ({ siteId: f.siteId }),
  // The fixture published version 1 to staging only, so live can be pointed at it.
  'sites.rollback': (f) => ({ siteId: f.siteId, environment: 'live', versionNumber: 1, note: 'tenancy' }),
  'sites.diff': (f) => ({ siteId: f.siteId, from: 1, to: 'draft' }),
  'sites.environments': (f) => ({ siteId: f.siteId }),
  'sites.addEnvironment': (f) => ({ siteId: f.siteId, name: 'uat' }),
  'sites.removeEnvironment': (f) => ({ siteId: f.siteId, name: 'qa' }),
  'sites.history': (f) => ({ siteId: f.siteId }),
  'sites.requestPublish': (f) => ({ siteId: f.siteId, note: 'tenancy' }),
  'sites.publishRequests': (f) => ({ siteId: f.siteId }),
  'sites.dismissRequest': (f) => ({ siteId: f.siteId, requestId: f.requestId }),
  'sites.preview': (f) => ({ siteId: f.siteId, source: 'draft', pageUrl: 'https://shop.example.com/' }),
  'tags.list': (f) => ({ siteId: f.siteId }),
  'tags.get': (f) => ({ tagId: f.tagId }),
  'tags.create': (f) => imageTag(f.siteId),
  'tags.update': (f) => ({ tagId: f.tagId, revision: f.tagRevision, name: 'Renamed tag' }),
  'tags.remove': (f) => ({ tagId: f.tagId }),
  'hits.summary': (f) => ({ siteId: f.siteId, hours: 24 }),
  'siteConfig.export': (f) => ({ siteId: f.siteId }),
  'siteConfig.import': (f) => ({ siteId: f.siteId, document: siteConfigDocument(), keepSettings: true }),
  'siteConfig.importNew': (f) => ({ clientId: f.clientId, document: siteConfigDocument() }),
  'tokens.list': (f) => ({ orgId: f.orgId }),
  'tokens.create': (f) => ({ orgId: f.orgId, name: 'Deploys', role: 'viewer', clientIds: null }),
  'tokens.revoke': (f) => ({ orgId: f.orgId, tokenId: f.tokenId }),
};

/** Tokens manage no tokens (a leaked one could otherwise outlive its revocation): a person logs in for these. */
const LOGIN_ONLY = ['tokens.list', 'tokens.create', 'tokens.revoke'];
/** Procedures that act on the whole org, so a client scope does not apply to them; their role checks do. */
const orgWide = (path: string) => path.startsWith('orgs.') || path.startsWith('tokens.') || ['clients.list', 'clients.create', 'audiences.list'].includes(path);

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: 'query' | 'mutation' } }>).map(
  ([path, procedure]) => ({ path, type: procedure._def.type }),
);
const guarded = procedures.filter((p) => !SELF_SERVICE.includes(p.path));

function call(api: ApiClient, path: string, type: 'query' | 'mutation', input: unknown): Promise<unknown> {
  const [namespace, name] = path.split('.') as [string, string];
  const procs = (api as unknown as Record<string, Record<string, Record<string, (input: unknown) => Promise<unknown>>>>)[namespace];
  return procs![name]![type === 'query' ? 'query' : 'mutate']!(input);
}

let t: TestApp;
let owner: Awaited<ReturnType<typeof signUp>>;
let outsider: Awaited<ReturnType<typeof signUp>>;
let viewer: Awaited<ReturnType<typeof signUp>>;
let scoped: Awaited<ReturnType<typeof signUp>>;
let otherClientId: string;
/** API tokens acting as the callers above: the owner's org at owner and viewer rank, scoped to the other client, another org's, revoked. */
let tokens: Record<'owner' | 'viewer' | 'scoped' | 'outsider' | 'revoked', ApiClient>;

/** A fresh client/site/tag for one procedure call, so destructive calls do not disturb others. */
async function fixture(): Promise<Fixture> {
  const client = await owner.api.clients.create.mutate({ orgId: owner.orgId, name: 'Client' });
  const site = await owner.api.sites.create.mutate({ clientId: client.id, name: 'Site' });
  const tag = await owner.api.tags.create.mutate(imageTag(site.id));
  const empty = await owner.api.clients.create.mutate({ orgId: owner.orgId, name: 'Empty client' });
  // Re-adding the viewer as a viewer changes nothing, so the outsider stays an outsider.
  const memberEmail = viewer.email;
  const { token } = await owner.api.tokens.create.mutate({ orgId: owner.orgId, name: 'Revocable', role: 'viewer', clientIds: null });
  const audience = await owner.api.audiences.create.mutate({ orgId: owner.orgId, clientId: client.id, name: 'Mobile', conditions: { type: 'all', conditions: [] } });
  await owner.api.sites.publish.mutate({ siteId: site.id, environment: 'staging', note: 'First' });
  await owner.api.sites.addEnvironment.mutate({ siteId: site.id, name: 'qa' });
  const request = await owner.api.sites.requestPublish.mutate({ siteId: site.id, note: 'Please' });
  return {
    orgId: owner.orgId,
    clientId: client.id,
    emptyClientId: empty.id,
    siteId: site.id,
    tagId: tag.id,
    tagRevision: tag.revision,
    memberEmail,
    tokenId: token.id,
    audienceId: audience.id,
    requestId: request.id,
  };
}

beforeAll(async () => {
  t = await startTestApp();
  owner = await signUp(t.url, 'owner');
  outsider = await signUp(t.url, 'outsider');
  viewer = await signUp(t.url, 'viewer');
  scoped = await signUp(t.url, 'scoped');
  otherClientId = (await owner.api.clients.create.mutate({ orgId: owner.orgId, name: 'The one client they may see' })).id;
  await owner.api.orgs.addMember.mutate({ orgId: owner.orgId, email: viewer.email, role: 'viewer', clientIds: null });
  await owner.api.orgs.addMember.mutate({ orgId: owner.orgId, email: scoped.email, role: 'admin', clientIds: [otherClientId] });
  const revoked = await tokenClient(t.url, owner, { role: 'owner' });
  await owner.api.tokens.revoke.mutate({ orgId: owner.orgId, tokenId: revoked.token.id });
  tokens = {
    owner: (await tokenClient(t.url, owner, { role: 'owner' })).api,
    viewer: (await tokenClient(t.url, owner, { role: 'viewer' })).api,
    scoped: (await tokenClient(t.url, owner, { role: 'admin', clientIds: [otherClientId] })).api,
    outsider: (await tokenClient(t.url, outsider, { role: 'owner' })).api,
    revoked: revoked.api,
  };
});
afterAll(() => t.close());

describe('tenancy', () => {
  it('knows an input for every guarded procedure', () => {
    expect(guarded.length).toBeGreaterThan(15);
    for (const { path } of guarded) expect(INPUTS, `add an input for ${path}`).toHaveProperty([path]);
  });

  it.each(guarded)('$path succeeds for the org owner', async ({ path, type }) => {
    expect(await codeOf(call(owner.api, path, type, INPUTS[path]!(await fixture())))).toBe('OK');
  });

  it.each(guarded)('$path is refused to a user of another org', async ({ path, type }) => {
    const code = await codeOf(call(outsider.api, path, type, INPUTS[path]!(await fixture())));
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(code);
  });

  it.each(guarded)('$path is refused to a member limited to another client', async ({ path, type }) => {
    if (orgWide(path)) return; // checked by role below
    const code = await codeOf(call(scoped.api, path, type, INPUTS[path]!(await fixture())));
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(code);
  });

  it.each(guarded.filter((p) => p.type === 'mutation'))('$path cannot be done by a viewer', async ({ path, type }) => {
    expect(await codeOf(call(viewer.api, path, type, INPUTS[path]!(await fixture())))).toBe('FORBIDDEN');
  });

  it.each(guarded)('$path needs a login', async ({ path, type }) => {
    expect(await codeOf(call(apiClient(t.url), path, type, INPUTS[path]!(await fixture())))).toBe('UNAUTHORIZED');
  });

  describe('through an API token', () => {
    it.each(guarded)('$path succeeds for an owner token, or is left to a login', async ({ path, type }) => {
      const expected = LOGIN_ONLY.includes(path) ? 'FORBIDDEN' : 'OK';
      expect(await codeOf(call(tokens.owner, path, type, INPUTS[path]!(await fixture())))).toBe(expected);
    });

    it.each(guarded)('$path is refused to a token of another org', async ({ path, type }) => {
      const code = await codeOf(call(tokens.outsider, path, type, INPUTS[path]!(await fixture())));
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(code);
    });

    it.each(guarded)('$path is refused to a token limited to another client', async ({ path, type }) => {
      if (orgWide(path) && !LOGIN_ONLY.includes(path)) return; // checked by role below
      const code = await codeOf(call(tokens.scoped, path, type, INPUTS[path]!(await fixture())));
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(code);
    });

    it.each(guarded.filter((p) => p.type === 'mutation'))('$path cannot be done by a viewer token', async ({ path, type }) => {
      expect(await codeOf(call(tokens.viewer, path, type, INPUTS[path]!(await fixture())))).toBe('FORBIDDEN');
    });

    it.each(guarded)('$path is unauthorized with a revoked token', async ({ path, type }) => {
      expect(await codeOf(call(tokens.revoked, path, type, INPUTS[path]!(await fixture())))).toBe('UNAUTHORIZED');
    });
  });

  it('a member limited to one client lists only that client', async () => {
    const clients = await scoped.api.clients.list.query({ orgId: owner.orgId });
    expect(clients.map((c) => c.id)).toEqual([otherClientId]);
  });

  it('a viewer can read the sites and tags of the org', async () => {
    const f = await fixture();
    expect((await viewer.api.tags.list.query({ siteId: f.siteId })).map((tag) => tag.id)).toEqual([f.tagId]);
  });
});
