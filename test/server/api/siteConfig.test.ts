// Site-config export and import: round trip, every error reported with its path and nothing
// changed, update/create/remove by key, drafts only, and the JSON Schema served from zod.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITE_CONFIG_FORMAT, type SiteConfig } from '../../../shared/schema/siteConfig';
import { codeOf, imageTag, signUp, startTestApp, type TestApp } from '../../helpers/app';
import { configTag, siteConfigDocument } from '../../helpers/tokens';

let t: TestApp;
let owner: Awaited<ReturnType<typeof signUp>>;
let editor: Awaited<ReturnType<typeof signUp>>;
let clientId: string;

beforeAll(async () => {
  t = await startTestApp();
  owner = await signUp(t.url, 'config-owner');
  editor = await signUp(t.url, 'config-editor');
  clientId = (await owner.api.clients.create.mutate({ orgId: owner.orgId, name: 'Acme' })).id;
  await owner.api.orgs.addMember.mutate({ orgId: owner.orgId, email: editor.email, role: 'editor', clientIds: null });
});
afterAll(() => t.close());

/** A site with three varied tags, made through the ordinary procedures. */
async function seededSite() {
  const site = await owner.api.sites.create.mutate({ clientId, name: 'Shop', domains: ['shop.example.com'], timeZone: 'Europe/Berlin', maxFiresPerPage: 5 });
  await owner.api.tags.create.mutate({ ...imageTag(site.id), name: 'First', trigger: { type: 'click', selector: '#buy' }, cap: { type: 'window', count: 2, every: 1, unit: 'days' } });
  await owner.api.tags.create.mutate({ ...imageTag(site.id, 'https://px.example.com/b', '/cart/*'), name: 'Second', status: 'paused' });
  await owner.api.tags.create.mutate({ ...imageTag(site.id), name: 'Third', action: { kind: 'html', html: '<b>hi</b>' } });
  return site;
}

const withoutKeys = (doc: SiteConfig) => ({ ...doc, tags: doc.tags.map(({ key: _key, ...fields }) => fields) });

const failure = async (call: Promise<unknown>) => {
  const error = await call.then(
    () => null,
    (e) => e,
  );
  return { code: error?.data?.code as string, issues: (error?.data?.issues ?? []) as { path: string; message: string }[], message: String(error?.message) };
};

describe('export', () => {
  it("exports the site's draft as a versioned document, each tag keyed by its id", async () => {
    const site = await seededSite();
    const tags = await owner.api.tags.list.query({ siteId: site.id });
    const doc = await owner.api.siteConfig.export.query({ siteId: site.id });
    expect(doc.format).toBe(SITE_CONFIG_FORMAT);
    expect(doc.version).toBe(1);
    expect(doc.site).toMatchObject({ name: 'Shop', domains: ['shop.example.com'], timeZone: 'Europe/Berlin', maxFiresPerPage: 5 });
    expect(doc.tags.map((tag) => tag.key)).toStrictEqual(tags.map((tag) => tag.id));
    expect(doc.tags.map((tag) => tag.name)).toStrictEqual(['First', 'Second', 'Third']);
    expect(Object.keys(doc.tags[0]!)).not.toContain('revision');
  });
});

describe('import', () => {
  it('round-trips: export → import into a new site → export gives the same document except ids', async () => {
    const site = await seededSite();
    const doc = await owner.api.siteConfig.export.query({ siteId: site.id });
    const result = await owner.api.siteConfig.importNew.mutate({ clientId, document: JSON.parse(JSON.stringify(doc)) });
    expect(result).toMatchObject({ created: 3, updated: 0, removed: 0, unchanged: 0 });
    expect(result.site.id).not.toBe(site.id);
    expect(result.site.siteKey).not.toBe(site.siteKey);
    const again = await owner.api.siteConfig.export.query({ siteId: result.site.id });
    expect(withoutKeys(again)).toStrictEqual(withoutKeys(doc));
    expect(again.tags.map((tag) => tag.key)).toStrictEqual((await owner.api.tags.list.query({ siteId: result.site.id })).map((tag) => tag.id));
  });

  it('names the new site as asked', async () => {
    const result = await owner.api.siteConfig.importNew.mutate({ clientId, document: siteConfigDocument(), name: 'Staging shop' });
    expect(result.site.name).toBe('Staging shop');
  });

  it('reports every error with its JSON path and changes nothing', async () => {
    const site = await seededSite();
    const before = await owner.api.siteConfig.export.query({ siteId: site.id });
    const bad = JSON.parse(JSON.stringify(before));
    bad.site.timeZone = 'Mars/Olympus';
    bad.tags[1].conditions.conditions[0].operator = 'resembles';
    bad.tags[2].priority = 1000;
    bad.tags.push({ ...configTag('fourth'), conditions: { type: 'all', conditions: [{ type: 'rule', variable: 'page.path', operator: 'regex', value: '(a+)+$' }] } });
    bad.tags.push(configTag('fourth'));
    const { code, issues } = await failure(owner.api.siteConfig.import.mutate({ siteId: site.id, document: bad }));
    expect(code).toBe('BAD_REQUEST');
    expect(issues.map((i) => i.path).sort()).toStrictEqual(
      ['site.timeZone', 'tags.1.conditions.conditions.0.operator', 'tags.2.priority', 'tags.3.conditions.conditions.0.value'].sort(),
    );
    expect(await owner.api.siteConfig.export.query({ siteId: site.id })).toStrictEqual(before);
  });

  it('reports duplicate keys once the rest is valid, and refuses a document of another format', async () => {
    const site = await seededSite();
    const dup = await failure(owner.api.siteConfig.import.mutate({ siteId: site.id, document: siteConfigDocument([configTag('a'), configTag('b'), configTag('a')]) }));
    expect(dup.issues.map((i) => i.path)).toStrictEqual(['tags.2.key']);
    const other = await failure(owner.api.siteConfig.importNew.mutate({ clientId, document: { format: 'gtm', version: 2, tags: 'none' } }));
    expect(other.code).toBe('BAD_REQUEST');
    expect(other.issues.map((i) => i.path).sort()).toStrictEqual(['format', 'site', 'tags', 'version']);
    expect(await codeOf(owner.api.siteConfig.importNew.mutate({ clientId, document: 'not an object' }))).toBe('BAD_REQUEST');
  });

  it('updates tags whose key matches, creates new ones and removes missing ones, by key', async () => {
    const site = await seededSite();
    const [first, second, third] = await owner.api.tags.list.query({ siteId: site.id });
    const doc = await owner.api.siteConfig.export.query({ siteId: site.id });
    const next = {
      ...doc,
      tags: [
        { ...doc.tags[1]!, name: 'Second, renamed' },
        doc.tags[2]!,
        configTag('brand-new', { name: 'Brand new' }),
      ],
    };
    const result = await owner.api.siteConfig.import.mutate({ siteId: site.id, document: next });
    expect(result).toMatchObject({ created: 1, updated: 1, removed: 1, unchanged: 1, settingsChanged: false });
    const tags = await owner.api.tags.list.query({ siteId: site.id });
    expect(tags.map((tag) => tag.name).sort()).toStrictEqual(['Brand new', 'Second, renamed', 'Third']);
    expect(tags.find((tag) => tag.id === second!.id)).toMatchObject({ name: 'Second, renamed', revision: second!.revision + 1 });
    expect(tags.find((tag) => tag.id === third!.id)).toStrictEqual(third);
    expect(tags.some((tag) => tag.id === first!.id)).toBe(false);
  });

  it('imports as a draft only: nothing is published, live stays as it was', async () => {
    const site = await seededSite();
    const live = await owner.api.sites.publish.mutate({ siteId: site.id, note: 'v1' });
    await owner.api.siteConfig.import.mutate({ siteId: site.id, document: siteConfigDocument() });
    const created = await owner.api.siteConfig.importNew.mutate({ clientId, document: siteConfigDocument() });
    expect((await owner.api.sites.versions.query({ siteId: site.id })).map((v) => v.id)).toStrictEqual([live.id]);
    expect(await owner.api.sites.versions.query({ siteId: created.site.id })).toStrictEqual([]);
    const state = await owner.api.sites.get.query({ siteId: site.id });
    expect(state.live?.id).toBe(live.id);
    expect(state.unpublishedChanges).toBeGreaterThan(0);
    expect((await fetch(`${t.url}/c/${created.site.siteKey}.js`)).status).toBe(404);
  });

  it('leaves settings to admins: an editor imports tags, or settings only when unchanged', async () => {
    const site = await seededSite();
    const doc = await owner.api.siteConfig.export.query({ siteId: site.id });
    const plain = { ...doc, tags: doc.tags.filter((tag) => tag.action.kind !== 'html') };
    const renamed = { ...plain, site: { ...plain.site, name: 'Renamed by import' } };
    expect(await codeOf(editor.api.siteConfig.import.mutate({ siteId: site.id, document: renamed }))).toBe('FORBIDDEN');
    expect(await codeOf(editor.api.siteConfig.import.mutate({ siteId: site.id, document: renamed, keepSettings: true }))).toBe('OK');
    expect((await owner.api.sites.get.query({ siteId: site.id })).site.name).toBe('Shop');
    expect((await owner.api.siteConfig.import.mutate({ siteId: site.id, document: renamed })).settingsChanged).toBe(true);
    expect((await owner.api.sites.get.query({ siteId: site.id })).site.name).toBe('Renamed by import');
  });

  it('refuses custom HTML written by an editor, as the tag form does, and changes nothing', async () => {
    const site = await seededSite();
    const doc = await owner.api.siteConfig.export.query({ siteId: site.id });
    const changedHtml = { ...doc, tags: doc.tags.map((tag) => (tag.action.kind === 'html' ? { ...tag, action: { kind: 'html' as const, html: '<i>x</i>' } } : tag)) };
    const { code, message } = await failure(editor.api.siteConfig.import.mutate({ siteId: site.id, document: changedHtml }));
    expect(code).toBe('FORBIDDEN');
    expect(message).toContain('tags.2');
    expect(await owner.api.siteConfig.export.query({ siteId: site.id })).toStrictEqual(doc);
    // An unchanged custom HTML tag is not a write, so an editor may re-import the document as it is.
    expect(await codeOf(editor.api.siteConfig.import.mutate({ siteId: site.id, document: doc }))).toBe('OK');
  });
});

describe('JSON Schema', () => {
  it('is served at /schema/site-config.json and describes an exported document', async () => {
    const response = await fetch(`${t.url}/schema/site-config.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/schema+json');
    const schema = await response.json();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.properties.format.const).toBe(SITE_CONFIG_FORMAT);
    expect(schema.properties.version.const).toBe(1);

    const doc = await owner.api.siteConfig.export.query({ siteId: (await seededSite()).id });
    // Structural check: every required key is present and no key is outside the declared properties.
    const conforms = (value: Record<string, unknown>, node: { required?: string[]; properties?: Record<string, unknown> }) => {
      for (const key of node.required ?? []) expect(value, `required ${key}`).toHaveProperty([key]);
      for (const key of Object.keys(value)) expect(Object.keys(node.properties ?? {}), `declared ${key}`).toContain(key);
    };
    conforms(doc, schema);
    conforms(doc.site, schema.properties.site);
    for (const tag of doc.tags) conforms(tag, schema.properties.tags.items);
    expect(schema.properties.site.properties.privacy.properties.consentMode.enum).toContain(doc.site.privacy.consentMode);
  });
});
