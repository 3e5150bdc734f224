// Serves containers: GET /c/{siteKey}.js answers the site's latest published version from
// memory, gzipped once when first loaded, with a strong ETag and a short cache lifetime.
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/types';

interface CachedContainer {
  script: Buffer;
  gzip: Buffer;
  etag: string;
}

const CACHE_CONTROL = 'public, max-age=60';
const NOT_FOUND_BODY = '/* Pixeltag: no published container for this key */\n';

export class ContainerCache {
  private readonly entries = new Map<string, Promise<CachedContainer | null>>();

  constructor(private readonly store: Store) {}

  get(siteKey: string): Promise<CachedContainer | null> {
    let entry = this.entries.get(siteKey);
    if (!entry) {
      entry = this.load(siteKey);
      this.entries.set(siteKey, entry);
      // A failed load (store unreachable) must not be remembered.
      entry.catch(() => this.entries.delete(siteKey));
    }
    return entry;
  }

  /** Called after a publish so the next request loads the new version. */
  invalidate(siteKey: string): void {
    this.entries.delete(siteKey);
  }

  private async load(siteKey: string): Promise<CachedContainer | null> {
    const site = await this.store.sites.getByKey(siteKey);
    const version = site && (await this.store.versions.latest(site.id));
    if (!version) return null;
    const script = Buffer.from(version.script);
    return { script, gzip: gzipSync(script, { level: 9 }), etag: version.etag };
  }
}

const SITE_KEY = /^[A-Za-z0-9_-]{1,64}$/;

export function deliveryRoutes(app: FastifyInstance, containers: ContainerCache): void {
  app.get<{ Params: { file: string } }>('/c/:file', async (req, reply) => {
    const key = req.params.file.endsWith('.js') ? req.params.file.slice(0, -3) : '';
    const container = SITE_KEY.test(key) ? await containers.get(key) : null;
    reply.header('content-type', 'application/javascript; charset=utf-8');
    if (!container) {
      return reply.code(404).header('cache-control', 'no-store').send(NOT_FOUND_BODY);
    }
    reply.header('etag', container.etag).header('cache-control', CACHE_CONTROL).header('vary', 'Accept-Encoding');
    if (req.headers['if-none-match'] === container.etag) return reply.code(304).send();
    if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      return reply.header('content-encoding', 'gzip').send(container.gzip);
    }
    return reply.send(container.script);
  });
}
