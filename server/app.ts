// Builds the HTTP server: the console API at /trpc, containers at /c, the collector, the health
// check, the demo page and the built console, all on one port.
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { appRouter, type AppRouter } from './api/_app';
import { contextFactory, type Services } from './api/context';
import { crossSiteReason } from './auth/csrf';
import { RateLimiter } from './auth/rateLimit';
import { Collector, collectorRoutes } from './collect';
import type { Config } from './config';
import { ContainerCache, deliveryRoutes } from './deliver';
import { serveWarmContainer } from './deliver/routes';
import { PreviewTokens } from './deliver/preview';
import { demoRoutes } from './demo/page';
import { SITE_CONFIG_SCHEMA_PATH, siteConfigJsonSchema } from '../shared/schema/siteConfig';
import type { Store } from './store/types';

export const CONSOLE_DIR = fileURLToPath(new URL('../dist/web', import.meta.url));
const LOGIN_ATTEMPTS = 10;
const LOGIN_WINDOW_MS = 15 * 60_000;

export interface App {
  http: FastifyInstance;
  services: Services;
  close(): Promise<void>;
}

export async function buildApp(config: Config, store: Store): Promise<App> {
  const containers = new ContainerCache(store);
  const http = Fastify({
    logger: config.LOG_LEVEL === 'silent' ? false : { level: config.LOG_LEVEL, redact: ['req.headers.cookie', 'req.headers.authorization'] },
    trustProxy: true,
    bodyLimit: 1024 * 1024,
    // Warm container hits, most of all requests, are answered before Fastify routes them.
    serverFactory: (handler) => createServer((req, res) => serveWarmContainer(containers, req, res) || handler(req, res)),
  });
  const services: Services = {
    config,
    store,
    containers,
    previews: new PreviewTokens({ store, config }),
    collector: new Collector(store, config.COLLECT_FLUSH_MS),
    loginLimiter: new RateLimiter(LOGIN_ATTEMPTS, LOGIN_WINDOW_MS),
  };

  await http.register(cookie);
  // The API in its own scope: the cross-site check runs on API calls only, never on the
  // container and collector routes, which are the hottest and take no credentials.
  await http.register(async (api) => {
    api.addHook('onRequest', async (req, reply) => {
      const reason = crossSiteReason(req);
      if (reason) {
        return reply.code(403).send({ error: { message: `Refused: ${reason}`, code: 'FORBIDDEN' } });
      }
    });
    await api.register(fastifyTRPCPlugin, {
      prefix: '/trpc',
      trpcOptions: {
        router: appRouter,
        createContext: contextFactory(services),
        onError({ error, path }) {
          if (error.code === 'INTERNAL_SERVER_ERROR') http.log.error({ err: error, path }, 'API error');
        },
      } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
    });
  });

  deliveryRoutes(http, services.containers, services.previews, store);
  collectorRoutes(http, services.collector);
  demoRoutes(http, store);

  // Generated once from the zod schemas that validate imports, so the two cannot disagree.
  const siteConfigSchema = JSON.stringify(siteConfigJsonSchema(SITE_CONFIG_SCHEMA_PATH));
  http.get(SITE_CONFIG_SCHEMA_PATH, async (_req, reply) =>
    reply.header('content-type', 'application/schema+json; charset=utf-8').header('cache-control', 'public, max-age=300').send(siteConfigSchema),
  );

  http.get('/healthz', async (_req, reply) => {
    try {
      await store.ping();
      return { ok: true, store: 'reachable' };
    } catch {
      return reply.code(503).send({ ok: false, store: 'unreachable' });
    }
  });

  if (existsSync(CONSOLE_DIR)) {
    await http.register(fastifyStatic, { root: CONSOLE_DIR, prefix: '/', wildcard: false });
    // The console routes in the browser: any other GET that accepts HTML gets its index page.
    http.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && String(req.headers.accept ?? '').includes('text/html')) return reply.sendFile('index.html');
      return reply.code(404).send({ error: 'Not found' });
    });
  }

  return {
    http,
    services,
    async close() {
      await http.close();
      await services.collector.close();
      await store.close();
    },
  };
}
