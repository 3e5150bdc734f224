import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config';
import { ContainerCache } from '../../../server/deliver';
import { DEMO_LOGIN, findDemoSite, seedDemo } from '../../../server/demo/seed';
import { openSqliteStore } from '../../../server/store/sqlite';

describe('seedDemo', () => {
  it('creates a published demo site with two tags once, and nothing on the second run', async () => {
    const store = openSqliteStore(':memory:');
    const services = { store, containers: new ContainerCache(store), config: loadConfig({}) };
    expect(await seedDemo(services, 'http://localhost:3000')).toBe(true);
    expect(await seedDemo(services, 'http://localhost:3000')).toBe(false);

    const user = await store.users.getByEmail(DEMO_LOGIN.email);
    const orgs = await store.orgs.listForUser(user!.id);
    expect(orgs).toHaveLength(1);
    expect(await store.clients.listByOrg(orgs[0]!.org.id)).toHaveLength(1);
    const site = await findDemoSite(store);
    expect((await store.tags.listBySite(site!.id)).map((t) => t.name).sort()).toEqual(['Checkout conversion', 'Page view pixel']);
    expect(await store.versions.list(site!.id)).toHaveLength(1);
    expect((await services.containers.get(site!.siteKey))?.script.toString()).toContain('/demo/sink.gif');
    await store.close();
  });
});
