// GET /c/{siteKey}.js picks brotli, gzip or the plain script by Accept-Encoding, gives each its own
// strong ETag, and tells caches to vary on it and to serve a stale copy while revalidating.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageTag, signUp, startTestApp, type TestApp } from '../../helpers/app';
import { getRaw } from './raw';

let t: TestApp;
let url: string;
let plain: Buffer;
beforeAll(async () => {
  t = await startTestApp();
  const { api, orgId } = await signUp(t.url, 'compression');
  const client = await api.clients.create.mutate({ orgId, name: 'Acme' });
  const site = await api.sites.create.mutate({ clientId: client.id, name: 'Shop' });
  await api.tags.create.mutate(imageTag(site.id, 'https://brotli.example/p'));
  await api.sites.publish.mutate({ siteId: site.id, note: 'v1' });
  url = `${t.url}/c/${site.siteKey}.js`;
  plain = (await getRaw(url)).body;
});
afterAll(() => t.close());

describe('Accept-Encoding', () => {
  it('sends the plain script, with no Content-Encoding, when nothing is accepted', async () => {
    for (const accept of [undefined, 'identity', 'deflate', 'br;q=0, gzip;q=0']) {
      const res = await getRaw(url, accept === undefined ? {} : { 'accept-encoding': accept });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.body.equals(plain)).toBe(true);
    }
    expect(plain.toString()).toContain('brotli.example');
  });

  it('prefers brotli when both are accepted, and its bytes decode to the plain script', async () => {
    const res = await getRaw(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.headers['content-encoding']).toBe('br');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(brotliDecompressSync(res.body).equals(plain)).toBe(true);
    const gzip = await getRaw(url, { 'accept-encoding': 'gzip' });
    expect(res.body.length).toBeLessThan(gzip.body.length);
  });

  it('respects br;q=0 and sends gzip instead', async () => {
    const res = await getRaw(url, { 'accept-encoding': 'br;q=0, gzip' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.body).equals(plain)).toBe(true);
  });

  it('follows the q-values when the client ranks gzip above brotli', async () => {
    const res = await getRaw(url, { 'accept-encoding': 'br;q=0.5, gzip;q=1' });
    expect(res.headers['content-encoding']).toBe('gzip');
  });

  it('varies on Accept-Encoding and gives each encoding its own strong ETag', async () => {
    const [br, gzip, identity] = await Promise.all(
      ['br', 'gzip', 'identity'].map((accept) => getRaw(url, { 'accept-encoding': accept })),
    );
    const etags = [br, gzip, identity].map((res) => res!.headers.etag);
    for (const res of [br, gzip, identity]) expect(res!.headers.vary).toBe('Accept-Encoding');
    for (const etag of etags) expect(etag).toMatch(/^"[\w-]+"$/);
    expect(new Set(etags).size).toBe(3);
  });
});

describe('caching', () => {
  it('lets caches keep the live URL a minute and serve it stale for five more while they revalidate', async () => {
    const res = await getRaw(url, { 'accept-encoding': 'br' });
    expect(res.headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=300');
  });

  it.each(['br', 'gzip', 'identity'])('answers 304 with no body to the %s ETag, also weak or in a list', async (accept) => {
    const etag = (await getRaw(url, { 'accept-encoding': accept })).headers.etag!;
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const res = await getRaw(url, { 'accept-encoding': accept, 'if-none-match': ifNoneMatch });
      expect(res.status).toBe(304);
      expect(res.body.length).toBe(0);
      expect(res.headers.etag).toBe(etag);
      expect(res.headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=300');
    }
  });

  it('answers 200 to an ETag of another version', async () => {
    const res = await getRaw(url, { 'accept-encoding': 'gzip', 'if-none-match': '"an-older-version"' });
    expect(res.status).toBe(200);
  });
});
