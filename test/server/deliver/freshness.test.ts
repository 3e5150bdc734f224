// A publish made through one server process reaches the containers served by another process on
// the same store: the cache re-checks the store once its copy is a second old.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ContainerCache } from '../../../server/deliver';
import { openSqliteStore } from '../../../server/store/sqlite';
import { apiClient, imageTag } from '../../helpers/app';
import { startServerProcess, type ServerProcess } from '../../helpers/process';
import { publishSite } from '../../../server/compile/publish';
import { SITE_DEFAULTS, TAG_DEFAULTS } from '../../../shared/schema';
import { loadConfig } from '../../../server/config';

describe('ContainerCache', () => {
  it('serves its copy for a second, then picks up a version published elsewhere', async () => {
    const store = openSqliteStore(':memory:');
    let now = 1_000_000;
    const cache = new ContainerCache(store, () => now);
    const elsewhere = { store, containers: new ContainerCache(store), config: loadConfig({}) };
    const site = {
      ...SITE_DEFAULTS, id: 's1', orgId: 'o1', clientId: 'c1', siteKey: 'ptfresh', name: 'Site',
      createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(),
    };
    await store.sites.create(site);
    expect(await cache.get('ptfresh')).toBeNull();
    await publishSite(elsewhere, site, 'u1', 'one');
    now += 999;
    expect(await cache.get('ptfresh')).toBeNull();
    now += 2;
    const first = await cache.get('ptfresh');
    expect(first).not.toBeNull();
    await store.tags.create({ ...TAG_DEFAULTS, ...imageTag('s1', 'https://second.example/p'), id: 't2', revision: 1, createdAt: site.createdAt, updatedAt: site.createdAt });
    await publishSite(elsewhere, site, 'u1', 'two');
    expect((await cache.get('ptfresh'))?.etag).toBe(first?.etag);
    now += 1001;
    const second = await cache.get('ptfresh');
    expect(second?.etag).not.toBe(first?.etag);
    expect(second?.script.toString()).toContain('second.example');
    await store.close();
  });
});

describe('two server processes on one store', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pixeltag-two-'));
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  it('a publish through one process is served by the other', async () => {
    servers.push(await startServerProcess({ DATA_DIR: dataDir, DEMO: 'false' }));
    servers.push(await startServerProcess({ DATA_DIR: dataDir, DEMO: 'false' }));
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const api = apiClient(a.url);
    const { orgId } = await api.auth.signup.mutate({ email: `two-${Date.now()}@example.com`, name: 'Two', password: 'a long password here', orgName: 'Two' });
    const client = await api.clients.create.mutate({ orgId, name: 'Client' });
    const site = await api.sites.create.mutate({ clientId: client.id, name: 'Site' });
    await api.tags.create.mutate(imageTag(site.id, 'https://first.example/p'));
    await api.sites.publish.mutate({ siteId: site.id, note: 'one' });
    const served = async () => (await fetch(`${b.url}/c/${site.siteKey}.js`)).text();
    expect(await served()).toContain('first.example');
    await api.tags.create.mutate(imageTag(site.id, 'https://second.example/p'));
    await api.sites.publish.mutate({ siteId: site.id, note: 'two' });
    await expect.poll(served, { timeout: 10_000, interval: 100 }).toContain('second.example');

    // A rollback is one pointer write in the store: the other process serves version 1 again.
    const versionOne = await (await fetch(`${b.url}/c/${site.siteKey}/v1.js`)).text();
    await api.sites.rollback.mutate({ siteId: site.id, versionNumber: 1, note: 'second pixel misfires' });
    const rolledBackAt = Date.now();
    await expect.poll(served, { timeout: 10_000, interval: 50 }).toBe(versionOne);
    // Within the cache's one-second freshness plus a poll interval; the margin is for a busy machine.
    expect(Date.now() - rolledBackAt).toBeLessThan(5_000);
  }, 120_000);
});
