// GET /c/{siteKey}/v{number}.js serves exactly one version's bytes, immutable, for CDNs; the live
// URL moving on to a newer publish does not change it.
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageTag, signUp, startTestApp, type TestApp } from '../../helpers/app';
import { getRaw } from './raw';

let t: TestApp;
let siteKey: string;
const scripts = new Map<number, string>();
beforeAll(async () => {
  t = await startTestApp();
  const { api, orgId } = await signUp(t.url, 'versions');
  const client = await api.clients.create.mutate({ orgId, name: 'Acme' });
  const site = await api.sites.create.mutate({ clientId: client.id, name: 'Shop' });
  siteKey = site.siteKey;
  await api.tags.create.mutate(imageTag(site.id, 'https://one.example/p'));
  await api.sites.publish.mutate({ siteId: site.id, note: 'one' });
  // The first version is requested before the second exists: its cached copy must not move on.
  expect((await getRaw(`${t.url}/c/${siteKey}/v1.js`)).status).toBe(200);
  await api.tags.create.mutate(imageTag(site.id, 'https://two.example/p'));
  await api.sites.publish.mutate({ siteId: site.id, note: 'two' });
  for (const summary of await api.sites.versions.query({ siteId: site.id })) {
    scripts.set(summary.number, (await t.app.services.store.versions.get(summary.id))!.script);
  }
});
afterAll(() => t.close());

const IMMUTABLE = 'public, max-age=31536000, immutable';

describe('GET /c/{siteKey}/v{number}.js', () => {
  it.each([1, 2])('serves exactly the bytes of version %i, cacheable for a year and immutable', async (number) => {
    const res = await getRaw(`${t.url}/c/${siteKey}/v${number}.js`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/javascript/);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(res.headers.etag).toMatch(/^"[\w-]+"$/);
    expect(res.body.toString()).toBe(scripts.get(number));
  });

  it('gives each version its own ETag, and the live URL the latest version', async () => {
    const [one, two, live] = await Promise.all([`/c/${siteKey}/v1.js`, `/c/${siteKey}/v2.js`, `/c/${siteKey}.js`].map((path) => getRaw(`${t.url}${path}`)));
    expect(one!.headers.etag).not.toBe(two!.headers.etag);
    expect(live!.headers.etag).toBe(two!.headers.etag);
    expect(one!.body.toString()).toContain('one.example');
    expect(one!.body.toString()).not.toContain('two.example');
  });

  it('negotiates brotli there too and answers 304 to its ETag', async () => {
    const br = await getRaw(`${t.url}/c/${siteKey}/v1.js`, { 'accept-encoding': 'br, gzip' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(brotliDecompressSync(br.body).toString()).toBe(scripts.get(1));
    const again = await getRaw(`${t.url}/c/${siteKey}/v1.js`, { 'accept-encoding': 'br, gzip', 'if-none-match': br.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.headers['cache-control']).toBe(IMMUTABLE);
  });

  it.each(['v3.js', 'v0.js', 'v01.js', 'v-1.js', 'v1', 'v1.json', '1.js', 'vx.js', 'v12345678901.js'])('answers 404 with a JavaScript comment for %s', async (file) => {
    const res = await getRaw(`${t.url}/c/${siteKey}/${file}`);
    expect(res.status).toBe(404);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.toString()).toMatch(/^\/\*.*\*\/\s*$/);
  });

  it('answers 404 for a version of an unknown site', async () => {
    const res = await getRaw(`${t.url}/c/ptnosuchsite/v1.js`);
    expect(res.status).toBe(404);
    expect(res.body.toString()).toMatch(/^\/\*/);
  });
});
