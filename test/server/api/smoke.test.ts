import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, imageTag, type TestApp } from '../../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('smoke', () => {
  it('signs up, creates client/site/tag, publishes and serves the container', async () => {
    const { api, orgId } = await signUp(t.url);
    const client = await api.clients.create.mutate({ orgId, name: 'Acme' });
    const site = await api.sites.create.mutate({ clientId: client.id, name: 'Shop', domains: ['shop.example.com'] });
    await api.tags.create.mutate(imageTag(site.id));
    await api.sites.publish.mutate({ siteId: site.id, note: 'first' });
    const res = await fetch(`${t.url}/c/${site.siteKey}.js`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('pixel.example.com');
  });
});
