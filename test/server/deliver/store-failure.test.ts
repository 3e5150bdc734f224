// When the store fails: a cold server answers 503 with a JavaScript comment (never a crash or a
// 500), a warm one keeps serving the copy in hand, and both recover once the store is back.
// Runs the routes in-process (Fastify inject) over a store wrapper that throws on demand.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publishSite } from '../../../server/compile/publish';
import { PreviewTokens } from '../../../server/deliver/preview';
import { loadConfig } from '../../../server/config';
import { ContainerCache, deliveryRoutes } from '../../../server/deliver';
import { openSqliteStore } from '../../../server/store/sqlite';
import type { Store } from '../../../server/store/types';
import { SITE_DEFAULTS, TAG_DEFAULTS } from '../../../shared/schema';
import { imageTag } from '../../helpers/app';

/** The store, except that every sites and versions call rejects while `down` is set; counts the calls. */
function flakyStore(store: Store) {
  const state = { down: false, calls: 0 };
  const guard = <T extends object>(repo: T): T =>
    new Proxy(repo, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          state.calls++;
          return state.down ? Promise.reject(new Error('store unreachable')) : (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  return { store: { ...store, sites: guard(store.sites), versions: guard(store.versions), environments: guard(store.environments) } as Store, state };
}

const now = new Date().toISOString();
const site = { ...SITE_DEFAULTS, id: 's1', orgId: 'o1', clientId: 'c1', siteKey: 'ptflaky', name: 'Site', createdAt: now, updatedAt: now };

let store: Store;
let flaky: ReturnType<typeof flakyStore>;
let clock: number;
let app: FastifyInstance;
let cache: ContainerCache;

async function publish(url: string): Promise<void> {
  const id = `t${Math.random().toString(36).slice(2)}`;
  await store.tags.create({ ...TAG_DEFAULTS, ...imageTag(site.id, url), id, revision: 1, createdAt: now, updatedAt: now });
  await publishSite({ store, containers: new ContainerCache(store), config: loadConfig({}) }, site, 'u1', url);
}

beforeEach(async () => {
  store = openSqliteStore(':memory:');
  await store.sites.create(site);
  await publish('https://one.example/p');
  flaky = flakyStore(store);
  clock = 1_000_000;
  cache = new ContainerCache(flaky.store, () => clock, 2);
  app = Fastify({ logger: false });
  deliveryRoutes(app, cache, new PreviewTokens({ store: flaky.store, config: loadConfig({}) }), flaky.store);
});
afterEach(async () => {
  await app.close();
  await store.close();
});

const get = (url: string) => app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });

describe('a store failure', () => {
  it.each(['/c/ptflaky.js', '/c/ptflaky/v1.js'])('answers 503 with a JavaScript comment at %s when nothing is cached', async (url) => {
    flaky.state.down = true;
    const res = await get(url);
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/javascript/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['retry-after']).toBe('1');
    expect(res.body).toMatch(/^\/\*.*\*\/\s*$/);
  });

  it('is asked again only after a second, and the container is served once the store is back', async () => {
    flaky.state.down = true;
    expect((await get('/c/ptflaky.js')).statusCode).toBe(503);
    const calls = flaky.state.calls;
    expect((await get('/c/ptflaky.js')).statusCode).toBe(503);
    expect(flaky.state.calls).toBe(calls);
    flaky.state.down = false;
    clock += 1000;
    const res = await get('/c/ptflaky.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
  });

  it('keeps the live copy in hand served, second after second, while the store is down', async () => {
    const warm = await get('/c/ptflaky.js');
    expect(warm.statusCode).toBe(200);
    flaky.state.down = true;
    for (let second = 0; second < 3; second++) {
      clock += 1001;
      const res = await get('/c/ptflaky.js');
      expect(res.statusCode).toBe(200);
      expect(res.headers.etag).toBe(warm.headers.etag);
      expect(res.rawPayload.equals(warm.rawPayload)).toBe(true);
    }
  });

  it('picks up a newer publish once the store is back', async () => {
    const warm = await get('/c/ptflaky.js');
    flaky.state.down = true;
    clock += 1001;
    await publish('https://two.example/p');
    expect((await get('/c/ptflaky.js')).headers.etag).toBe(warm.headers.etag);
    flaky.state.down = false;
    clock += 1001;
    const res = await app.inject({ method: 'GET', url: '/c/ptflaky.js' });
    expect(res.headers.etag).not.toBe(warm.headers.etag);
    expect(res.body).toContain('two.example');
  });

  it('keeps serving a version already in memory', async () => {
    const warm = await get('/c/ptflaky/v1.js');
    flaky.state.down = true;
    clock += 60_000;
    const res = await get('/c/ptflaky/v1.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.rawPayload.equals(warm.rawPayload)).toBe(true);
  });
});

describe('the version cache', () => {
  it('loads nothing until asked', async () => {
    expect(flaky.state.calls).toBe(0);
    await get('/c/ptflaky/v1.js');
    expect(flaky.state.calls).toBeGreaterThan(0);
  });

  it('holds a bounded number of versions, dropping the least recently used', async () => {
    await publish('https://two.example/p');
    await publish('https://three.example/p');
    const counted = async (url: string) => {
      const before = flaky.state.calls;
      expect((await get(url)).statusCode).toBe(200);
      return flaky.state.calls - before;
    };
    expect(await counted('/c/ptflaky/v1.js')).toBeGreaterThan(0);
    expect(await counted('/c/ptflaky/v2.js')).toBeGreaterThan(0);
    expect(await counted('/c/ptflaky/v1.js')).toBe(0);
    expect(await counted('/c/ptflaky/v3.js')).toBeGreaterThan(0); // the bound is 2: v2 goes
    expect(await counted('/c/ptflaky/v1.js')).toBe(0);
    expect(await counted('/c/ptflaky/v2.js')).toBeGreaterThan(0);
  });
});
