import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSPARENT_GIF } from '../../../server/collect';
import { signUp, startTestApp, type TestApp } from '../../helpers/app';

let t: TestApp;
let api: Awaited<ReturnType<typeof signUp>>['api'];
let site: { id: string; siteKey: string };
beforeAll(async () => {
  t = await startTestApp();
  const owner = await signUp(t.url, 'collect');
  api = owner.api;
  const client = await api.clients.create.mutate({ orgId: owner.orgId, name: 'Acme' });
  site = await api.sites.create.mutate({ clientId: client.id, name: 'Shop' });
});
afterAll(() => t.close());

const pixel = (query: string, headers: Record<string, string> = {}) => fetch(`${t.url}/p.gif?${query}`, { headers });

describe('GET /p.gif', () => {
  it('answers a 43-byte transparent GIF that is never cached', async () => {
    const res = await pixel(`k=${site.siteKey}&t=tag1&e=pageview&u=https%3A%2F%2Fshop.example%2F`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/gif');
    expect(res.headers.get('cache-control')).toMatch(/no-store/);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.length).toBe(43);
    expect(body.subarray(0, 6).toString()).toBe('GIF89a');
    expect(body.equals(TRANSPARENT_GIF)).toBe(true);
  });

  it('records the site, tag, event, page and time of each hit', async () => {
    const before = Date.now();
    await pixel(`k=${site.siteKey}&t=tagA&e=purchase&u=https%3A%2F%2Fshop.example%2Fdone`);
    await pixel(`k=${site.siteKey}&t=tagA&e=purchase&u=https%3A%2F%2Fshop.example%2Fdone`);
    const counts = await api.hits.summary.query({ siteId: site.id, hours: 1 });
    expect(counts).toContainEqual({ tagId: 'tagA', event: 'purchase', count: 2 });
    const stored = await t.app.services.store.hits.countByTag(site.id, new Date(before - 1000).toISOString());
    expect(stored.find((c) => c.tagId === 'tagA')?.count).toBe(2);
  });

  it('still answers the GIF but records nothing for an unknown key or malformed query', async () => {
    for (const query of ['k=ptunknown&t=x', 'k=%3Cscript%3E', '', `k=${site.siteKey}&e=${'x'.repeat(100)}`]) {
      const res = await pixel(query);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/gif');
    }
    const counts = await api.hits.summary.query({ siteId: site.id, hours: 1 });
    expect(counts.some((c) => c.event.startsWith('xxx'))).toBe(false);
  });

  it('drops hits that carry Do Not Track or Global Privacy Control when the site honours them', async () => {
    await pixel(`k=${site.siteKey}&t=dnt&e=pageview`, { dnt: '1' });
    await pixel(`k=${site.siteKey}&t=gpc&e=pageview`, { 'sec-gpc': '1' });
    const counts = await api.hits.summary.query({ siteId: site.id, hours: 1 });
    expect(counts.filter((c) => c.tagId === 'dnt' || c.tagId === 'gpc')).toEqual([]);
  });
});
