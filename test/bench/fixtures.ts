// Realistic tag sets for benchmarks: the mix of pixels and rules a mid-size shop publishes.
import { SITE_DEFAULTS, TAG_DEFAULTS, type SiteSnapshot, type Tag } from '../../shared/schema';

const PATHS = ['/checkout/*', '/product/*', '/cart', '/blog/*', '/account/*', '/search'];

export function realisticTag(i: number): Tag {
  const now = '2026-11-01T00:00:00.000Z';
  return {
    id: `tag${String(i).padStart(4, '0')}xxxxxxxxxxxx`,
    siteId: 'site',
    ...TAG_DEFAULTS,
    cap: i % 3 === 0 ? { type: 'session' } : i % 3 === 1 ? { type: 'window', count: 3, every: 1, unit: 'days' } : { type: 'unlimited' },
    name: `Vendor pixel ${i}`,
    action: {
      kind: 'image',
      url: `https://pixel${i % 7}.vendor-example.com/tr?id=${100000 + i}&ev=PageView&dl={{page_url}}&rl={{referrer}}&cb={{cachebuster}}`,
    },
    conditions: {
      type: 'all',
      conditions: [
        { type: 'rule', variable: 'page.host', operator: 'endsWith', value: 'shop.example.com' },
        { type: 'rule', variable: 'page.path', operator: 'wildcard', value: PATHS[i % PATHS.length]! },
        {
          type: 'any',
          conditions: [
            { type: 'rule', variable: 'page.query', arg: 'utm_source', operator: 'inList', value: 'google, facebook, newsletter' },
            { type: 'rule', variable: 'dataLayer', arg: 'cart.total', operator: 'greaterThan', value: String(i * 3) },
          ],
        },
      ],
    },
    priority: i % 10,
    status: 'active',
    revision: 1,
    createdAt: now,
    updatedAt: now,
  };
}

export function realisticSnapshot(count: number): SiteSnapshot {
  return {
    site: { ...SITE_DEFAULTS, name: 'Shop', domains: ['shop.example.com'], timeZone: 'Europe/Berlin' },
    tags: Array.from({ length: count }, (_, i) => realisticTag(i)),
  };
}
