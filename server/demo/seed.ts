// The demo shown on first start: an account, a client, a site with two tags, published, so a
// newcomer can open /demo and watch pixels fire. Seeding twice changes nothing.
import { EMPTY_CONDITIONS, SITE_DEFAULTS, TAG_DEFAULTS, type Site, type Tag } from '../../shared/schema';
import { hashPassword } from '../auth/passwords';
import type { Services } from '../api/context';
import { publishSite } from '../compile/publish';
import { newId, newSiteKey, nowIso } from '../ids';
import type { Store } from '../store/types';

export const DEMO_LOGIN = { email: 'demo@pixeltag.dev', password: 'pixeltag-demo' };

/** The demo site, found through the demo account, or null when there is none. */
export async function findDemoSite(store: Store): Promise<Site | null> {
  const user = await store.users.getByEmail(DEMO_LOGIN.email);
  if (!user) return null;
  for (const { org } of await store.orgs.listForUser(user.id)) {
    for (const client of await store.clients.listByOrg(org.id)) {
      const [site] = await store.sites.listByClient(client.id);
      if (site) return site;
    }
  }
  return null;
}

export async function seedDemo(services: Pick<Services, 'store' | 'containers' | 'config'>, publicOrigin: string): Promise<boolean> {
  const { store } = services;
  if (await store.users.getByEmail(DEMO_LOGIN.email)) return false;
  const now = nowIso();
  const user = { id: newId(), email: DEMO_LOGIN.email, name: 'Demo Marketer', createdAt: now };
  await store.users.create({ ...user, passwordHash: await hashPassword(DEMO_LOGIN.password) });
  const org = { id: newId(), name: 'Demo Agency', createdAt: now };
  await store.orgs.create(org);
  await store.orgs.setMember({ orgId: org.id, userId: user.id, role: 'owner', clientIds: null });
  const client = { id: newId(), orgId: org.id, name: 'Demo Shop Inc.', createdAt: now };
  await store.clients.create(client);
  const site: Site = {
    id: newId(),
    orgId: org.id,
    clientId: client.id,
    siteKey: newSiteKey(),
    ...SITE_DEFAULTS,
    name: 'Demo shop',
    domains: ['localhost'],
    createdAt: now,
    updatedAt: now,
  };
  await store.sites.create(site);
  const tag = (name: string, url: string, conditions: Tag['conditions'], priority: number): Tag => ({
    id: newId(),
    siteId: site.id,
    ...TAG_DEFAULTS,
    name,
    action: { kind: 'image', url },
    conditions,
    priority,
    status: 'active',
    revision: 1,
    createdAt: now,
    updatedAt: now,
  });
  await store.tags.create(
    tag('Page view pixel', `${publicOrigin}/demo/sink.gif?tag=pageview&page={{page_url}}&cb={{cachebuster}}`, EMPTY_CONDITIONS, 10),
  );
  await store.tags.create(
    tag(
      'Checkout conversion',
      `${publicOrigin}/demo/sink.gif?tag=conversion&page={{page_path}}&cb={{cachebuster}}`,
      { type: 'all', conditions: [{ type: 'rule', variable: 'page.path', operator: 'startsWith', value: '/demo/checkout' }] },
      20,
    ),
  );
  await publishSite(services, site, user.id, 'Demo set-up');
  return true;
}
