// API tokens: shown once and stored hashed, usable as a Bearer credential with their role and
// client scope, refused once revoked, and not held to the browser's cross-site checks.
// (Every procedure is also run with token callers in tenancy.test.ts.)
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, codeOf, imageTag, signUp, startTestApp, type TestApp } from '../../helpers/app';
import { tokenClient } from '../../helpers/tokens';

let t: TestApp;
let owner: Awaited<ReturnType<typeof signUp>>;
let clientId: string;
let siteId: string;
let otherClientId: string;
let otherSiteId: string;

beforeAll(async () => {
  t = await startTestApp();
  owner = await signUp(t.url, 'token-owner');
  clientId = (await owner.api.clients.create.mutate({ orgId: owner.orgId, name: 'Acme' })).id;
  siteId = (await owner.api.sites.create.mutate({ clientId, name: 'Shop' })).id;
  otherClientId = (await owner.api.clients.create.mutate({ orgId: owner.orgId, name: 'Globex' })).id;
  otherSiteId = (await owner.api.sites.create.mutate({ clientId: otherClientId, name: 'Blog' })).id;
});
afterAll(() => t.close());

const bearer = (secret: string) => apiClient(t.url, { cookie: '' }, { authorization: `Bearer ${secret}` });

describe('creating and listing tokens', () => {
  it('returns a ptk_ secret of 32 random bytes once, and stores only its SHA-256', async () => {
    const { secret, token } = await owner.api.tokens.create.mutate({ orgId: owner.orgId, name: 'CI', role: 'publisher', clientIds: [clientId] });
    expect(secret).toMatch(/^ptk_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({ name: 'CI', role: 'publisher', clientIds: [clientId], createdBy: owner.user.id, lastUsedAt: null, revokedAt: null });
    const stored = await t.app.services.store.apiTokens.get(token.id);
    expect(stored?.hash).toBe(createHash('sha256').update(secret).digest('base64url'));
    expect(JSON.stringify(stored)).not.toContain(secret.slice(4));
    const listed = await owner.api.tokens.list.query({ orgId: owner.orgId });
    const mine = listed.find((row) => row.id === token.id);
    expect(mine).toStrictEqual(token);
    expect(JSON.stringify(listed)).not.toContain(secret.slice(4));
    expect(JSON.stringify(listed)).not.toContain(stored!.hash);
  });

  it('records when a token was last used', async () => {
    const { api, token } = await tokenClient(t.url, owner, { role: 'viewer' });
    await api.sites.get.query({ siteId });
    const listed = await owner.api.tokens.list.query({ orgId: owner.orgId });
    expect(listed.find((row) => row.id === token.id)?.lastUsedAt).toEqual(expect.any(String));
  });

  it('refuses a role above the creator\'s, a scope wider than theirs and clients of another org', async () => {
    const admin = await signUp(t.url, 'admin');
    await owner.api.orgs.addMember.mutate({ orgId: owner.orgId, email: admin.email, role: 'admin', clientIds: [clientId] });
    const asAdmin = { api: admin.api, orgId: owner.orgId };
    expect(await codeOf(tokenClient(t.url, asAdmin, { role: 'owner', clientIds: [clientId] }))).toBe('FORBIDDEN');
    expect(await codeOf(tokenClient(t.url, asAdmin, { role: 'editor', clientIds: null }))).toBe('FORBIDDEN');
    expect(await codeOf(tokenClient(t.url, asAdmin, { role: 'editor', clientIds: [otherClientId] }))).toBe('FORBIDDEN');
    expect(await codeOf(tokenClient(t.url, asAdmin, { role: 'admin', clientIds: [clientId] }))).toBe('OK');
    const stranger = await signUp(t.url, 'stranger');
    const foreignClient = (await stranger.api.clients.create.mutate({ orgId: stranger.orgId, name: 'Theirs' })).id;
    expect(await codeOf(tokenClient(t.url, owner, { role: 'viewer', clientIds: [foreignClient] }))).toBe('BAD_REQUEST');
  });

  it('lets only admins and owners manage tokens, and a scoped admin only tokens within their scope', async () => {
    const editor = await signUp(t.url, 'editor');
    await owner.api.orgs.addMember.mutate({ orgId: owner.orgId, email: editor.email, role: 'editor', clientIds: null });
    expect(await codeOf(editor.api.tokens.list.query({ orgId: owner.orgId }))).toBe('FORBIDDEN');
    expect(await codeOf(tokenClient(t.url, { api: editor.api, orgId: owner.orgId }, { role: 'viewer' }))).toBe('FORBIDDEN');

    const scopedAdmin = await signUp(t.url, 'scoped-admin');
    await owner.api.orgs.addMember.mutate({ orgId: owner.orgId, email: scopedAdmin.email, role: 'admin', clientIds: [clientId] });
    const wide = await tokenClient(t.url, owner, { role: 'viewer', clientIds: null });
    const listed = await scopedAdmin.api.tokens.list.query({ orgId: owner.orgId });
    expect(listed.map((row) => row.id)).not.toContain(wide.token.id);
    expect(await codeOf(scopedAdmin.api.tokens.revoke.mutate({ orgId: owner.orgId, tokenId: wide.token.id }))).toBe('NOT_FOUND');
  });
});

describe('calling the API with a token', () => {
  it('acts with the token\'s role: an editor token edits drafts but cannot publish or write custom HTML', async () => {
    const { api } = await tokenClient(t.url, owner, { role: 'editor' });
    const tag = await api.tags.create.mutate(imageTag(siteId));
    expect(await api.tags.get.query({ tagId: tag.id })).toStrictEqual(tag);
    expect(await codeOf(api.sites.publish.mutate({ siteId, note: 'no' }))).toBe('FORBIDDEN');
    const html = { ...imageTag(siteId), action: { kind: 'html' as const, html: '<b>hi</b>' } };
    expect(await codeOf(api.tags.create.mutate(html))).toBe('FORBIDDEN');
  });

  it('records the token\'s creator as the author of what it publishes', async () => {
    const { api } = await tokenClient(t.url, owner, { role: 'publisher' });
    const version = await api.sites.publish.mutate({ siteId, note: 'from CI' });
    expect(version).toMatchObject({ note: 'from CI', authorId: owner.user.id });
  });

  it('stays within its client scope', async () => {
    const { api } = await tokenClient(t.url, owner, { role: 'admin', clientIds: [clientId] });
    expect((await api.clients.list.query({ orgId: owner.orgId })).map((c) => c.id)).toStrictEqual([clientId]);
    expect(await codeOf(api.sites.get.query({ siteId }))).toBe('OK');
    expect(await codeOf(api.sites.get.query({ siteId: otherSiteId }))).toBe('NOT_FOUND');
    expect(await codeOf(api.sites.list.query({ clientId: otherClientId }))).toBe('NOT_FOUND');
  });

  it('acts only inside its org: no account-wide procedures, no tokens of its own', async () => {
    const { api } = await tokenClient(t.url, owner, { role: 'owner' });
    expect(await api.auth.me.query()).toBeNull();
    expect(await codeOf(api.orgs.list.query())).toBe('FORBIDDEN');
    expect(await codeOf(api.orgs.create.mutate({ name: 'Shadow org' }))).toBe('FORBIDDEN');
    expect(await codeOf(api.tokens.create.mutate({ orgId: owner.orgId, name: 'Child', role: 'viewer', clientIds: null }))).toBe('FORBIDDEN');
    const stranger = await signUp(t.url, 'stranger');
    expect(await codeOf(api.orgs.members.query({ orgId: stranger.orgId }))).toBe('NOT_FOUND');
  });

  it('is refused with UNAUTHORIZED once revoked, and when unknown or malformed', async () => {
    const { api, token, secret } = await tokenClient(t.url, owner, { role: 'owner' });
    expect(await codeOf(api.sites.get.query({ siteId }))).toBe('OK');
    const revoked = await owner.api.tokens.revoke.mutate({ orgId: owner.orgId, tokenId: token.id });
    expect(revoked.revokedAt).toEqual(expect.any(String));
    expect(await codeOf(api.sites.get.query({ siteId }))).toBe('UNAUTHORIZED');
    expect(await codeOf(bearer(`${secret.slice(0, -2)}AA`).sites.get.query({ siteId }))).toBe('UNAUTHORIZED');
    expect(await codeOf(bearer('not-a-token').sites.get.query({ siteId }))).toBe('UNAUTHORIZED');
  });

  it('uses the bearer token alone: a revoked token is refused even with a valid session cookie alongside', async () => {
    const { token, secret } = await tokenClient(t.url, owner, { role: 'owner' });
    await owner.api.tokens.revoke.mutate({ orgId: owner.orgId, tokenId: token.id });
    const both = apiClient(t.url, { cookie: owner.jar.cookie }, { authorization: `Bearer ${secret}` });
    expect(await codeOf(both.sites.get.query({ siteId }))).toBe('UNAUTHORIZED');
  });
});

it("leaves other Authorization schemes (a proxy's Basic auth) to the session cookie", async () => {
  const behindProxy = apiClient(t.url, { cookie: owner.jar.cookie }, { authorization: 'Basic dXNlcjpwYXNz' });
  expect(await codeOf(behindProxy.sites.get.query({ siteId }))).toBe('OK');
  expect(await codeOf(behindProxy.tags.create.mutate(imageTag(siteId)))).toBe('OK');
});

describe('cross-site checks', () => {
  const crossSitePost = (headers: Record<string, string>) =>
    fetch(`${t.url}/trpc/tags.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', ...headers },
      body: JSON.stringify(imageTag(siteId)),
    });

  it('lets a mutation with a bearer token and no cookie through, whatever its origin', async () => {
    const { secret } = await tokenClient(t.url, owner, { role: 'editor' });
    const response = await crossSitePost({ authorization: `Bearer ${secret}` });
    expect(response.status).toBe(200);
  });

  it('still refuses a cross-site mutation that carries a cookie, bearer token or not', async () => {
    const { secret } = await tokenClient(t.url, owner, { role: 'editor' });
    expect((await crossSitePost({ cookie: owner.jar.cookie })).status).toBe(403);
    expect((await crossSitePost({ cookie: owner.jar.cookie, authorization: `Bearer ${secret}` })).status).toBe(403);
  });
});
