import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, imageTag, signUp, startTestApp, type TestApp } from '../../helpers/app';

let t: TestApp;
let api: Awaited<ReturnType<typeof signUp>>['api'];
let siteId: string;
beforeAll(async () => {
  t = await startTestApp();
  const owner = await signUp(t.url, 'tags');
  api = owner.api;
  const client = await api.clients.create.mutate({ orgId: owner.orgId, name: 'Acme' });
  siteId = (await api.sites.create.mutate({ clientId: client.id, name: 'Shop', timeZone: 'Europe/Berlin' })).id;
});
afterAll(() => t.close());

const issuesOf = async (call: Promise<unknown>) => {
  const error = await call.then(
    () => null,
    (e) => e,
  );
  expect(error?.data?.code).toBe('BAD_REQUEST');
  return (error.data.issues as { path: string; message: string }[]).map((i) => i.path);
};

describe('tags', () => {
  it('creates, reads, updates with the current revision and deletes a tag', async () => {
    const tag = await api.tags.create.mutate(imageTag(siteId));
    expect(tag.revision).toBe(1);
    const updated = await api.tags.update.mutate({ tagId: tag.id, revision: 1, name: 'Renamed', status: 'paused' });
    expect(updated).toMatchObject({ name: 'Renamed', status: 'paused', revision: 2, conditions: tag.conditions });
    expect(await api.tags.get.query({ tagId: tag.id })).toEqual(updated);
    await api.tags.remove.mutate({ tagId: tag.id });
    expect(await codeOf(api.tags.get.query({ tagId: tag.id }))).toBe('NOT_FOUND');
  });

  it('refuses a save from a stale revision with CONFLICT and keeps the first save', async () => {
    const tag = await api.tags.create.mutate(imageTag(siteId));
    await api.tags.update.mutate({ tagId: tag.id, revision: 1, name: 'First editor' });
    expect(await codeOf(api.tags.update.mutate({ tagId: tag.id, revision: 1, name: 'Second editor' }))).toBe('CONFLICT');
    expect(await api.tags.get.query({ tagId: tag.id })).toMatchObject({ name: 'First editor', revision: 2 });
  });

  it('of two concurrent saves from the same revision, exactly one wins', async () => {
    const tag = await api.tags.create.mutate(imageTag(siteId));
    const results = await Promise.all(
      ['A', 'B'].map((name) => codeOf(api.tags.update.mutate({ tagId: tag.id, revision: 1, name }))),
    );
    expect(results.sort()).toEqual(['CONFLICT', 'OK']);
    expect((await api.tags.get.query({ tagId: tag.id })).revision).toBe(2);
  });

  it.each([
    ['an empty name', { name: '' }, ['name']],
    ['a pixel address that is not http(s)', { action: { kind: 'image', url: 'javascript:alert(1)' } }, ['action.url']],
    ['an unknown placeholder', { action: { kind: 'image', url: 'https://p.example/x?{{secret}}' } }, ['action.url']],
    ['an unknown operator', { conditions: { type: 'all', conditions: [{ type: 'rule', variable: 'page.path', operator: 'resembles', value: '/' }] } }, ['conditions.conditions.0.operator']],
    ['a rule without a value', { conditions: { type: 'all', conditions: [{ type: 'rule', variable: 'page.path', operator: 'equals', value: '' }] } }, ['conditions.conditions.0.value']],
    ['a query-parameter rule without the parameter name', { conditions: { type: 'all', conditions: [{ type: 'rule', variable: 'page.query', operator: 'equals', value: 'x' }] } }, ['conditions.conditions.0.arg']],
    ['a priority out of range', { priority: 1000 }, ['priority']],
  ])('answers %s with BAD_REQUEST naming the field', async (_what, patch, paths) => {
    const input = { ...imageTag(siteId), ...patch } as ReturnType<typeof imageTag>;
    expect(await issuesOf(api.tags.create.mutate(input))).toEqual(paths);
  });

  it('a rejected update leaves the stored tag as it was', async () => {
    const tag = await api.tags.create.mutate(imageTag(siteId));
    await issuesOf(api.tags.update.mutate({ tagId: tag.id, revision: 1, name: '', action: { kind: 'image', url: 'ftp://x' } }));
    expect(await api.tags.get.query({ tagId: tag.id })).toEqual(tag);
  });
});

describe('what only admins may do', () => {
  it('lets an editor add image pixels but not custom HTML, which an admin may add', async () => {
    const owner = await signUp(t.url, 'html-owner');
    const editor = await signUp(t.url, 'html-editor');
    await owner.api.orgs.addMember.mutate({ orgId: owner.orgId, email: editor.email, role: 'editor', clientIds: null });
    const client = await owner.api.clients.create.mutate({ orgId: owner.orgId, name: 'C' });
    const site = await owner.api.sites.create.mutate({ clientId: client.id, name: 'S' });
    const html = { ...imageTag(site.id), action: { kind: 'html' as const, html: '<script>console.log(1)</script>' } };
    expect(await codeOf(editor.api.tags.create.mutate(imageTag(site.id)))).toBe('OK');
    expect(await codeOf(editor.api.tags.create.mutate(html))).toBe('FORBIDDEN');
    const created = await owner.api.tags.create.mutate(html);
    expect(await codeOf(editor.api.tags.update.mutate({ tagId: created.id, revision: 1, name: 'Changed' }))).toBe('FORBIDDEN');
    expect((await owner.api.tags.get.query({ tagId: created.id })).name).toBe(html.name);
  });
});

describe('rules that could hurt visitors', () => {
  it('refuses a regex that can backtrack catastrophically, saying why', async () => {
    const input = { ...imageTag(siteId), conditions: { type: 'all' as const, conditions: [{ type: 'rule' as const, variable: 'page.path' as const, operator: 'regex' as const, value: '(a+)+$' }] } };
    const error = await api.tags.create.mutate(input).catch((e) => e);
    expect(error.data.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/conditions\.conditions\.0\.value: .*exponential time/);
  });

  it('fills in the default trigger, cap, schedule and consent for a tag created without them', async () => {
    const tag = await api.tags.create.mutate(imageTag(siteId));
    expect(tag).toMatchObject({ trigger: { type: 'pageview' }, cap: { type: 'unlimited' }, schedule: { start: null, end: null, weekdays: [], hours: null }, consent: 'marketing' });
  });

  it('refuses a schedule that ends before it starts', async () => {
    const input = { ...imageTag(siteId), schedule: { start: '2026-12-24T00:00', end: '2026-12-01T00:00', weekdays: [], hours: null } };
    expect(await issuesOf(api.tags.create.mutate(input))).toEqual(['schedule.end']);
  });
});

describe('sites and clients', () => {
  it('rejects an unknown time zone and a domain with a scheme, naming the fields', async () => {
    const client = (await api.clients.list.query({ orgId: (await api.orgs.list.query())[0]!.id }))[0]!;
    const paths = await issuesOf(api.sites.create.mutate({ clientId: client.id, name: 'X', timeZone: 'Mars/Olympus', domains: ['https://x.com/'] }));
    expect(paths.sort()).toEqual(['domains.0', 'timeZone']);
  });

  it('refuses to delete a client that still has sites', async () => {
    const client = (await api.clients.list.query({ orgId: (await api.orgs.list.query())[0]!.id }))[0]!;
    expect(await codeOf(api.clients.remove.mutate({ clientId: client.id }))).toBe('CONFLICT');
    expect(await api.clients.get.query({ clientId: client.id })).toEqual(client);
  });

  it('shows unpublished changes until the site is published', async () => {
    expect((await api.sites.get.query({ siteId })).unpublishedChanges).toBeGreaterThan(0);
    const version = await api.sites.publish.mutate({ siteId, note: 'Launch' });
    const state = await api.sites.get.query({ siteId });
    expect(state).toMatchObject({ unpublishedChanges: 0, live: { number: version.number, note: 'Launch' } });
    await api.tags.create.mutate(imageTag(siteId));
    expect((await api.sites.get.query({ siteId })).unpublishedChanges).toBe(1);
  });
});
