// The collector: browsers report each fire as GET /p.gif. Hits are validated, buffered in memory
// and written to the store in bulk, so a burst of visitors costs one write per flush.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Hit, Site } from '../../shared/schema';
import type { Store } from '../store/types';

/** The smallest transparent GIF: 1×1, 43 bytes. */
export const TRANSPARENT_GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

const MAX_BUFFERED = 5000;
const SITE_CACHE_MS = 30_000;

const HitQuery = z.object({
  k: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  t: z.string().max(64).optional(),
  e: z.string().min(1).max(64).default('pageview'),
  u: z.string().max(8192).default(''),
});

export class Collector {
  private buffer: Hit[] = [];
  private readonly sites = new Map<string, { site: Site | null; at: number }>();
  private flushing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly store: Store,
    flushMs: number,
  ) {
    this.timer = setInterval(() => void this.flush().catch(() => undefined), flushMs);
    this.timer.unref();
  }

  /** Resolves the site behind a public key, remembering the answer briefly. */
  private async site(siteKey: string): Promise<Site | null> {
    const cached = this.sites.get(siteKey);
    if (cached && Date.now() - cached.at < SITE_CACHE_MS) return cached.site;
    const site = await this.store.sites.getByKey(siteKey);
    if (this.sites.size > 10_000) this.sites.clear();
    this.sites.set(siteKey, { site, at: Date.now() });
    return site;
  }

  /** Records a hit from a pixel request; answers whether it was kept. */
  async record(req: FastifyRequest): Promise<boolean> {
    const parsed = HitQuery.safeParse(req.query);
    if (!parsed.success) return false;
    const { k, t, e, u } = parsed.data;
    const site = await this.site(k);
    if (!site || !site.collect) return false;
    if (site.privacy.honorDnt && req.headers['dnt'] === '1') return false;
    if (site.privacy.honorGpc && req.headers['sec-gpc'] === '1') return false;
    this.buffer.push({ siteId: site.id, tagId: t ?? null, event: e, url: u.slice(0, 2048), at: new Date().toISOString() });
    if (this.buffer.length >= MAX_BUFFERED) void this.flush().catch(() => undefined);
    return true;
  }

  /** Writes buffered hits; a failed write puts them back so nothing accepted is lost. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (!this.buffer.length) return;
      const batch = this.buffer;
      this.buffer = [];
      try {
        await this.store.hits.insertMany(batch);
      } catch (error) {
        this.buffer = batch.concat(this.buffer);
        throw error;
      }
    });
    return this.flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}

export function collectorRoutes(app: FastifyInstance, collector: Collector): void {
  app.get('/p.gif', async (req, reply) => {
    try {
      await collector.record(req);
    } catch (error) {
      req.log.warn({ err: error }, 'hit not recorded');
    }
    return reply
      .header('content-type', 'image/gif')
      .header('cache-control', 'no-store, max-age=0')
      .send(TRANSPARENT_GIF);
  });
}
