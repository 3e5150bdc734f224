import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiClient, imageTag } from '../helpers/app';
import { startServerProcess, type ServerProcess } from '../helpers/process';

const dataDir = mkdtempSync(join(tmpdir(), 'pixeltag-restart-'));
let server: ServerProcess | undefined;
afterAll(async () => {
  await server?.stop();
});

describe('the embedded store survives a restart', () => {
  it('reads back accounts, sites, tags, versions and hits after the server process stops and starts', async () => {
    server = await startServerProcess({ DATA_DIR: dataDir, DEMO: 'false', COLLECT_FLUSH_MS: '60000' });
    const api = apiClient(server.url);
    const email = `restart-${Date.now()}@example.com`;
    const { orgId } = await api.auth.signup.mutate({ email, name: 'Restart', password: 'a long password here', orgName: 'Restart org' });
    const client = await api.clients.create.mutate({ orgId, name: 'Client' });
    const site = await api.sites.create.mutate({ clientId: client.id, name: 'Site', timeZone: 'Europe/Berlin', domains: ['shop.example.com'] });
    const tag = await api.tags.create.mutate(imageTag(site.id));
    await api.sites.publish.mutate({ siteId: site.id, note: 'before restart' });
    // A hit still in the collector's buffer when the server is asked to stop must be written, not lost.
    await fetch(`${server.url}/p.gif?k=${site.siteKey}&t=${tag.id}&e=pageview&u=x`);
    expect(await server.stop()).toBe(0);

    server = await startServerProcess({ DATA_DIR: dataDir, DEMO: 'false' });
    const again = apiClient(server.url);
    await again.auth.login.mutate({ email, password: 'a long password here' });
    expect(await again.sites.get.query({ siteId: site.id })).toMatchObject({
      site: { name: 'Site', timeZone: 'Europe/Berlin', domains: ['shop.example.com'] },
      live: { number: 1, note: 'before restart' },
      unpublishedChanges: 0,
    });
    expect(await again.tags.list.query({ siteId: site.id })).toEqual([tag]);
    expect(await again.hits.summary.query({ siteId: site.id, hours: 1 })).toEqual([{ tagId: tag.id, event: 'pageview', count: 1 }]);
    const container = await fetch(`${server.url}/c/${site.siteKey}.js`);
    expect(container.status).toBe(200);
    // Two server starts: generous on a busy machine, since this checks data, not speed.
  }, 120_000);
});
