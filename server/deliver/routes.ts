// The container URLs: GET /c/{siteKey}.js (the live environment, short cache; `?env=staging` for
// another environment, `?preview=token` for a preview link's container) and
// GET /c/{siteKey}/v{number}.js (one version, immutable, for CDNs). A warm hit is answered
// synchronously from precomputed bytes and headers: no promise, no regex, no header building.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { EnvironmentName, LIVE } from '../../shared/schema/publishing';
import type { Store } from '../store/types';
import { StoreUnavailable, type ContainerCache } from './cache';
import type { PreviewTokens } from './preview';
import type { CachedContainer, Url } from './container';
import { acceptedCodings } from './encoding';

const SITE_KEY = /^[A-Za-z0-9_-]{1,64}$/;
const JS = 'application/javascript; charset=utf-8';
const NOT_FOUND = Buffer.from('/* Pixeltag: no published container for this key */\n');
const NOT_FOUND_HEADERS = { 'content-type': JS, 'cache-control': 'no-store' };
const UNAVAILABLE = Buffer.from('/* Pixeltag: container store unavailable, try again shortly */\n');
const UNAVAILABLE_HEADERS = { 'content-type': JS, 'cache-control': 'no-store', 'retry-after': '1' };
/** Version numbers past this are not ours; it also keeps the parse within safe integers. */
const MAX_DIGITS = 9;

const PREVIEW_HEADERS = { 'content-type': JS, 'cache-control': 'no-store' };

type Request = FastifyRequest<{ Params: { file: string; siteKey?: string }; Querystring: { env?: string; preview?: string } }>;

export function deliveryRoutes(app: FastifyInstance, containers: ContainerCache, previews: PreviewTokens, store: Store): void {
  // Request logs stay off for these (warnings and errors still log): they are the hottest URLs.
  const options = { logLevel: 'warn' as const };

  app.get('/c/:file', options, (req: Request, reply) => {
    const file = req.params.file;
    const key = file.endsWith('.js') ? file.slice(0, -3) : '';
    const { env, preview } = req.query;
    if (preview !== undefined) return servePreview(req, reply, key, preview);
    const environment = env === undefined || env === LIVE ? LIVE : env;
    const cached = containers.peek(key, environment);
    // Answered synchronously and the handler returns nothing, so Fastify does not send twice.
    if (cached) return serve(req, reply, cached, 'live');
    if (cached === null || !SITE_KEY.test(key) || (environment !== LIVE && !EnvironmentName.safeParse(environment).success)) return notFound(reply);
    return containers.get(key, environment).then(
      (container) => (container ? serve(req, reply, container, 'live') : notFound(reply)),
      (error: unknown) => unavailable(reply, error),
    );
  });

  /**
   * A preview link's container, never cached. A token that is forged, expired or for another site
   * gets the live container (and a header saying why), so a bad link never breaks the site.
   */
  async function servePreview(req: Request, reply: FastifyReply, key: string, token: string): Promise<void> {
    if (!SITE_KEY.test(key)) return notFound(reply);
    try {
      const verdict = await previews.verify(token, key);
      const site = verdict.ok ? await store.sites.getByKey(key) : null;
      const script = verdict.ok && site ? await previews.container(site, verdict.claims) : null;
      if (script) {
        reply.code(200).headers(PREVIEW_HEADERS).header('x-pixeltag-preview', 'accepted').send(script);
        return;
      }
      const live = await containers.get(key);
      if (!live) return notFound(reply);
      const refusal = verdict.ok ? 'the previewed version no longer exists' : verdict.reason;
      reply.code(200).headers(PREVIEW_HEADERS).header('x-pixeltag-preview', `refused: ${refusal}`).send(live.forCountry(req.headers[live.countryHeader ?? '']).script);
    } catch (error) {
      unavailable(reply, error);
    }
  }

  app.get('/c/:siteKey/:file', options, (req: Request, reply) => {
    const key = req.params.siteKey ?? '';
    const number = versionNumber(req.params.file);
    if (!number || !SITE_KEY.test(key)) return notFound(reply);
    return containers.version(key, number).then(
      (container) => (container ? serve(req, reply, container, 'version') : notFound(reply)),
      (error: unknown) => unavailable(reply, error),
    );
  });
}

/** The answer to a request for a container in hand: by country, Accept-Encoding and If-None-Match. */
function answer(headers: IncomingHttpHeaders, container: CachedContainer, url: Url): [status: 200 | 304, headers: Readonly<Record<string, string>>, body: Buffer | null] {
  const header = container.countryHeader;
  const variant = header ? container.forCountry(headers[header]) : container.plain;
  const chosen = variant.pick(acceptedCodings(headers['accept-encoding']));
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch !== undefined && matches(ifNoneMatch, chosen.etag)) return [304, chosen.notModified[url], null];
  return [200, chosen.ok[url], chosen.body];
}

function serve(req: Request, reply: FastifyReply, container: CachedContainer, url: Url): void {
  const [status, headers, body] = answer(req.headers, container, url);
  reply.code(status).headers(headers).send(body ?? undefined);
}

/**
 * The hottest request, answered before the framework routes it: `GET /c/{key}.js` (no query) for
 * a live container this process holds fresh. Everything else (cold or unknown keys, environments,
 * previews, versions) returns false and goes through the routes above, which answer the same way.
 */
export function serveWarmContainer(containers: ContainerCache, req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url;
  if (req.method !== 'GET' || !url || !url.startsWith('/c/') || !url.endsWith('.js') || url.indexOf('/', 3) >= 0 || url.indexOf('?') >= 0) return false;
  const cached = containers.peek(url.slice(3, -3));
  if (!cached) return false;
  const [status, headers, body] = answer(req.headers, cached, 'live');
  res.writeHead(status, headers);
  res.end(body ?? undefined);
  return true;
}

/** If-None-Match uses weak comparison: `W/"x"` matches `"x"`; a list matches if any member does. */
function matches(header: string, etag: string): boolean {
  return header === etag || header === '*' || (header.length > etag.length && header.includes(etag));
}

/** `v12.js` → 12; 0 for anything else (no sign, no leading zero, no other suffix). */
function versionNumber(file: string): number {
  const end = file.length - 3;
  if (end < 2 || end > MAX_DIGITS + 1 || file.charCodeAt(0) !== 118 /* v */ || !file.endsWith('.js')) return 0;
  if (file.charCodeAt(1) === 48 /* 0 */) return 0;
  let number = 0;
  for (let i = 1; i < end; i++) {
    const digit = file.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return 0;
    number = number * 10 + digit;
  }
  return number;
}

function notFound(reply: FastifyReply): void {
  reply.code(404).headers(NOT_FOUND_HEADERS).send(NOT_FOUND);
}

function unavailable(reply: FastifyReply, error: unknown): void {
  if (!(error instanceof StoreUnavailable)) throw error;
  reply.log.warn({ err: error.cause }, 'container store unavailable');
  reply.code(503).headers(UNAVAILABLE_HEADERS).send(UNAVAILABLE);
}
