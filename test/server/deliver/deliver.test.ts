import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageTag, signUp, startTestApp, type TestApp } from '../../helpers/app';
import { getRaw, type RawResponse } from './raw';

let t: TestApp;
let api: Awaited<ReturnType<typeof signUp>>['api'];
let site: { id: string; siteKey: string };
beforeAll(async () => {
  t = await startTestApp();
  const owner = await signUp(t.url, 'deliver');
  api = owner.api;
  const client = await api.clients.create.mutate({ orgId: owner.orgId, name: 'Acme' });
  site = await api.sites.create.mutate({ clientId: client.id, name: 'Shop' });
});
afterAll(() => t.close());

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${t.url}${path}`, { headers });

describe('GET /c/{siteKey}.js', () => {
  it('answers 404 with a JavaScript comment before anything is published, drafts included', async () => {
    await api.tags.create.mutate(imageTag(site.id, 'https://draft.example/p'));
    const res = await get(`/c/${site.siteKey}.js`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/javascript/);
    expect(await res.text()).toMatch(/^\/\*.*\*\/\s*$/);
  });

  it('answers 404 for an unknown or malformed key', async () => {
    for (const path of ['/c/ptdoesnotexist.js', '/c/..%2F..%2Fetc.js', '/c/x']) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(await res.text()).toMatch(/^\/\*/);
    }
  });

  it('serves the published version, gzipped when accepted, with a strong ETag and a short cache', async () => {
    await api.sites.publish.mutate({ siteId: site.id, note: 'v1' });
    const res = await get(`/c/${site.siteKey}.js`, { 'accept-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/javascript/);
    expect(res.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(await res.text()).toContain('draft.example');
  });

  it('answers a warm request (served before routing) exactly as the cold one the route answered', async () => {
    const path = `/c/${site.siteKey}.js`;
    // Drops what the process holds, so the first request of each pair goes through the route.
    const cold = () => t.app.services.containers.invalidate(site.siteKey);
    const comparable = ({ status, headers, body }: RawResponse) => {
      const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...rest } = headers;
      return { status, headers: rest, body: body.toString('base64') };
    };
    const variants: Record<string, string>[] = [{}, { 'accept-encoding': 'gzip' }, { 'accept-encoding': 'br, gzip' }, { 'accept-encoding': 'gzip;q=0' }];
    for (const headers of variants) {
      cold();
      const first = await getRaw(`${t.url}${path}`, headers);
      const warm = await getRaw(`${t.url}${path}`, headers);
      expect(comparable(warm)).toStrictEqual(comparable(first));
      cold();
      const revalidated = await getRaw(`${t.url}${path}`, { ...headers, 'if-none-match': String(first.headers.etag) });
      const warmRevalidated = await getRaw(`${t.url}${path}`, { ...headers, 'if-none-match': String(first.headers.etag) });
      expect(revalidated.status).toBe(304);
      expect(comparable(warmRevalidated)).toStrictEqual(comparable(revalidated));
    }
  });

  it('sends gzip bytes that decode to the plain script', async () => {
    const plain = await (await get(`/c/${site.siteKey}.js`, { 'accept-encoding': 'identity' })).text();
    const { request } = await import('node:http');
    const gz = await new Promise<Buffer>((resolve, reject) => {
      request(`${t.url}/c/${site.siteKey}.js`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks)));
      })
        .on('error', reject)
        .end();
    });
    expect(gunzipSync(gz).toString()).toBe(plain);
    expect(gz.length).toBeLessThan(Buffer.byteLength(plain));
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const etag = (await get(`/c/${site.siteKey}.js`)).headers.get('etag')!;
    const res = await get(`/c/${site.siteKey}.js`, { 'if-none-match': etag });
    expect(res.status).toBe(304);
    expect(await res.text()).toBe('');
  });

  it('serves a new publish at once, with a new ETag, and keeps drafts out until then', async () => {
    const before = await get(`/c/${site.siteKey}.js`);
    const etag = before.headers.get('etag');
    await api.tags.create.mutate(imageTag(site.id, 'https://second.example/p'));
    expect(await (await get(`/c/${site.siteKey}.js`)).text()).not.toContain('second.example');
    await api.sites.publish.mutate({ siteId: site.id, note: 'v2' });
    const after = await get(`/c/${site.siteKey}.js`);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(await after.text()).toContain('second.example');
  });

  it('does not ship paused tags', async () => {
    const paused = await api.tags.create.mutate({ ...imageTag(site.id, 'https://paused.example/p'), status: 'paused' });
    await api.sites.publish.mutate({ siteId: site.id, note: 'paused' });
    expect(await (await get(`/c/${site.siteKey}.js`)).text()).not.toContain('paused.example');
    expect(paused.status).toBe('paused');
  });
});

describe('GET /healthz', () => {
  it('reports the store reachable', async () => {
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, store: 'reachable' });
  });
});

describe('country from a trusted CDN header', () => {
  it('writes the visitor country into the container only for sites that name the header', async () => {
    const owner = await signUp(t.url, 'country');
    const client = await owner.api.clients.create.mutate({ orgId: owner.orgId, name: 'C' });
    const site = await owner.api.sites.create.mutate({ clientId: client.id, name: 'S', countryHeader: 'cf-ipcountry' });
    await owner.api.tags.create.mutate(imageTag(site.id));
    await owner.api.sites.publish.mutate({ siteId: site.id, note: 'country' });
    const de = await get(`/c/${site.siteKey}.js`, { 'cf-ipcountry': 'de' });
    const unknown = await get(`/c/${site.siteKey}.js`);
    const forged = await get(`/c/${site.siteKey}.js`, { 'cf-ipcountry': '"};alert(1);//' });
    expect(await de.text()).toContain('"C":"DE"');
    expect(await unknown.text()).toContain('"C":""');
    expect(await forged.text()).toContain('"C":""');
    expect(de.headers.get('etag')).not.toBe(unknown.headers.get('etag'));
    expect(de.headers.get('vary')).toMatch(/cf-ipcountry/);

    // Cold (through the route) and warm (read from the raw header list) agree for every country.
    const path = `${t.url}/c/${site.siteKey}.js`;
    for (const country of ['fr', 'FR', '', 'not-a-country']) {
      const headers: Record<string, string> = { 'accept-encoding': 'gzip', 'CF-IPCountry': country };
      t.app.services.containers.invalidate(site.siteKey);
      const cold = await getRaw(path, headers);
      const warm = await getRaw(path, headers);
      expect(warm.status).toBe(200);
      expect(warm.headers.etag).toBe(cold.headers.etag);
      expect(warm.body.equals(cold.body)).toBe(true);
    }
  });
});
