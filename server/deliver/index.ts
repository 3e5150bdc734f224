// Serves containers: GET /c/{siteKey}.js answers the site's latest published version from
// memory, gzipped once per version, with a strong ETag and a short cache lifetime.
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

/** How long a process trusts its copy before checking the store for a newer publish. */
const FRESH_MS = 1000;
const MAX_ENTRIES = 50_000;

export class ContainerCache {
  private readonly entries = new Map<string, { loaded: Promise<CachedContainer | null>; at: number }>();
  /** The last container built per site, so an unchanged version is not compressed again. */
  private readonly lastBuilt = new Map<string, CachedContainer>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The live container of a site. Publishes made by another process against the same store are
   * picked up within FRESH_MS; if the store cannot be reached then, the copy in hand is served.
   */
  get(siteKey: string): Promise<CachedContainer | null> {
    const entry = this.entries.get(siteKey);
    if (entry && this.now() - entry.at < FRESH_MS) return entry.loaded;
    const previous = entry?.loaded;
    const loaded = this.load(siteKey).catch((error) => {
      this.entries.delete(siteKey);
      if (previous) return previous;
      throw error;
    });
    // Unknown keys are remembered too (briefly); a flood of made-up keys must not grow memory without bound.
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(siteKey, { loaded, at: this.now() });
    return loaded;
  }

  /** Called after a publish in this process so the next request loads the new version at once. */
  invalidate(siteKey: string): void {
    this.entries.delete(siteKey);
  }

  private async load(siteKey: string): Promise<CachedContainer | null> {
    const site = await this.store.sites.getByKey(siteKey);
    const version = site && (await this.store.versions.latest(site.id));
    if (!version) return null;
    const cached = this.lastBuilt.get(siteKey);
    if (cached?.etag === version.etag) return cached;
    const script = Buffer.from(version.script);
    const container = { script, gzip: gzipSync(script, { level: 9 }), etag: version.etag };
    this.lastBuilt.set(siteKey, container);
    return container;
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
