import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileConfig } from '../../../server/compile';
import { evaluate } from '../../../shared/rules/evaluate';
import { K, VarCode } from '../../../shared/runtime/keys';
import type { SiteSnapshot } from '../../../shared/schema';
import { codeOf, imageTag, signUp, startTestApp, type TestApp } from '../../helpers/app';

let t: TestApp;
let owner: Awaited<ReturnType<typeof signUp>>;
let clientId: string;
let otherClientId: string;
let siteId: string;
const mobile = { type: 'all' as const, conditions: [{ type: 'rule' as const, variable: 'device.type' as const, operator: 'equals' as const, value: 'mobile' }] };

beforeAll(async () => {
  t = await startTestApp();
  owner = await signUp(t.url, 'audiences');
  clientId = (await owner.api.clients.create.mutate({ orgId: owner.orgId, name: 'Shoes' })).id;
  otherClientId = (await owner.api.clients.create.mutate({ orgId: owner.orgId, name: 'Hats' })).id;
  siteId = (await owner.api.sites.create.mutate({ clientId, name: 'Shop' })).id;
});
afterAll(() => t.close());

describe('audiences', () => {
  it('are created org-wide or for one client, and a member of one client sees only those it may use', async () => {
    const wide = await owner.api.audiences.create.mutate({ orgId: owner.orgId, clientId: null, name: 'Mobile visitors', conditions: mobile });
    const hats = await owner.api.audiences.create.mutate({ orgId: owner.orgId, clientId: otherClientId, name: 'Hat buyers', conditions: mobile });
    const member = await signUp(t.url, 'shoes-editor');
    await owner.api.orgs.addMember.mutate({ orgId: owner.orgId, email: member.email, role: 'editor', clientIds: [clientId] });
    const seen = (await member.api.audiences.list.query({ orgId: owner.orgId })).map((a) => a.id);
    expect(seen).toContain(wide.id);
    expect(seen).not.toContain(hats.id);
    expect(await codeOf(member.api.audiences.get.query({ audienceId: hats.id }))).toBe('NOT_FOUND');
    // An org-wide audience changes every client's tags: a member of one client may not change it.
    expect(await codeOf(member.api.audiences.update.mutate({ audienceId: wide.id, name: 'Mine now' }))).toBe('FORBIDDEN');
  });

  it("refuses a tag that requires another client's audience, naming the field", async () => {
    const hats = await owner.api.audiences.create.mutate({ orgId: owner.orgId, clientId: otherClientId, name: 'Hats only', conditions: mobile });
    const error = await owner.api.tags.create.mutate({ ...imageTag(siteId), audienceIds: [hats.id] }).catch((e) => e);
    expect(error.data.code).toBe('BAD_REQUEST');
    expect(error.data.issues.map((i: { path: string }) => i.path)).toEqual(['audienceIds.0']);
  });

  it('ships the audience rules with the tag, so the tag fires only for visitors in the audience', async () => {
    const audience = await owner.api.audiences.create.mutate({ orgId: owner.orgId, clientId, name: 'Phones', conditions: mobile });
    const tag = await owner.api.tags.create.mutate({ ...imageTag(siteId, 'https://p.example/x', '/checkout/*'), audienceIds: [audience.id] });
    await owner.api.sites.publish.mutate({ siteId, note: 'audience' });
    const live = await t.app.services.store.versions.latest(siteId);
    expect(live?.snapshot.audiences?.map((a) => a.id)).toEqual([audience.id]);
    const compiled = compileConfig('k', live!.snapshot as SiteSnapshot)[K.Tags].find((c) => c[K.TagId] === tag.id)!;
    const visit = (device: string) => (v: VarCode) => (v === VarCode.PagePath ? '/checkout/done' : v === VarCode.DeviceType ? device : undefined);
    expect(evaluate(compiled[K.TagCondition], visit('mobile'))).toBe(true);
    expect(evaluate(compiled[K.TagCondition], visit('desktop'))).toBe(false);
  });

  it('cannot be deleted while a tag requires it, and can once no tag does', async () => {
    const audience = await owner.api.audiences.create.mutate({ orgId: owner.orgId, clientId, name: 'Doomed', conditions: mobile });
    const tag = await owner.api.tags.create.mutate({ ...imageTag(siteId), audienceIds: [audience.id] });
    const refused = await owner.api.audiences.remove.mutate({ audienceId: audience.id }).catch((e) => e);
    expect(refused.data.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/1 tag still uses this audience/);
    await owner.api.tags.update.mutate({ tagId: tag.id, revision: tag.revision, audienceIds: [] });
    expect(await codeOf(owner.api.audiences.remove.mutate({ audienceId: audience.id }))).toBe('OK');
  });

  it("refuses an import whose tags require another org's audience, naming the path, and imports nothing", async () => {
    const stranger = await signUp(t.url, 'stranger');
    const theirs = await stranger.api.audiences.create.mutate({ orgId: stranger.orgId, clientId: null, name: 'Secret', conditions: mobile });
    const document = await owner.api.siteConfig.export.query({ siteId });
    const before = await owner.api.tags.list.query({ siteId });
    const tampered = { ...document, tags: [{ ...document.tags[0]!, audienceIds: [theirs.id] }] };
    const error = await owner.api.siteConfig.import.mutate({ siteId, document: tampered, keepSettings: true }).catch((e) => e);
    expect(error.data.code).toBe('BAD_REQUEST');
    expect(error.data.issues.map((i: { path: string }) => i.path)).toEqual(['tags.0.audienceIds.0']);
    expect(await owner.api.tags.list.query({ siteId })).toEqual(before);
  });

  it('a tag whose audience vanished from its snapshot fires for no one', () => {
    const snapshot = {
      site: { name: 'S', domains: [], timeZone: 'UTC', privacy: { honorDnt: true, honorGpc: true, consentMode: 'none' as const }, collect: true, maxFiresPerPage: null, countryHeader: null },
      tags: [{ ...imageTag('s'), id: 't', siteId: 's', revision: 1, createdAt: '', updatedAt: '', trigger: { type: 'pageview' as const }, cap: { type: 'unlimited' as const }, schedule: { start: null, end: null, weekdays: [], hours: null }, consent: 'necessary' as const, audienceIds: ['gone'] }],
    };
    const compiled = compileConfig('k', snapshot)[K.Tags][0]!;
    expect(evaluate(compiled[K.TagCondition], (v) => (v === VarCode.PagePath ? '/checkout/x' : undefined))).toBe(false);
  });
});
