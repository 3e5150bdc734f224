// The container URLs: GET /c/{siteKey}.js (the live environment, short cache; `?env=staging` for
// another environment, `?preview=token` for a preview link's container) and
// GET /c/{siteKey}/v{number}.js (one version, immutable, for CDNs). A warm hit is answered
// synchronously from precomputed bytes and headers: no promise, no regex, no header building.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EnvironmentName, LIVE } from '../../shared/schema/publishing';
import type { Store } from '../store/types';
import { StoreUnavailable, type ContainerCache } from './cache';
import type { PreviewTokens } from './preview';
import { scriptForCountry, type CachedContainer, type Representation, type Url } from './container';
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
      const previewed = verdict.ok && site ? await previews.container(site, verdict.claims) : null;
      if (previewed) {
        const header = previewed.countryHeader;
        reply.code(200).headers(PREVIEW_HEADERS).header('x-pixeltag-preview', 'accepted').send(scriptForCountry(previewed.script, header ? req.headers[header] : undefined));
        return;
      }
      const live = await containers.get(key);
      if (!live) return notFound(reply);
      const refusal = verdict.ok ? 'the previewed version no longer exists' : verdict.reason;
      const header = live.countryHeader;
      reply.code(200).headers(PREVIEW_HEADERS).header('x-pixeltag-preview', `refused: ${refusal}`).send(live.forCountry(header ? req.headers[header] : undefined).script);
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

/** What a container answer depends on in the request. */
interface Asked {
  acceptEncoding: string | string[] | undefined;
  ifNoneMatch: string | undefined;
  country: string | string[] | undefined;
}

/** The representation to send and whether the client already has it (If-None-Match). */
function choose(asked: Asked, container: CachedContainer): [Representation, boolean] {
  const variant = container.countryHeader ? container.forCountry(asked.country) : container.plain;
  const chosen = variant.pick(acceptedCodings(asked.acceptEncoding));
  return [chosen, asked.ifNoneMatch !== undefined && matches(asked.ifNoneMatch, chosen.etag)];
}

function serve(req: Request, reply: FastifyReply, container: CachedContainer, url: Url): void {
  const headers = req.headers;
  const country = container.countryHeader ? headers[container.countryHeader] : undefined;
  const [chosen, notModified] = choose({ acceptEncoding: headers['accept-encoding'], ifNoneMatch: headers['if-none-match'], country }, container);
  if (notModified) reply.code(304).headers(chosen.notModified[url]).send();
  else reply.headers(chosen.ok[url]).send(chosen.body);
}

/** Repeated header lines joined as Node joins them into `req.headers`. */
const joined = (previous: string | undefined, value: string) => (previous === undefined ? value : `${previous}, ${value}`);

/**
 * The hottest request, answered before the framework routes it: `GET /c/{key}.js` (no query) for
 * a live container this process holds fresh. Everything else (cold or unknown keys, environments,
 * previews, versions) returns false and goes through the routes above, which answer the same way.
 * It reads the few headers it needs from the raw list, so Node never builds `req.headers`, and
 * writes precomputed flat header lists.
 */
export function serveWarmContainer(containers: ContainerCache, req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url;
  if (req.method !== 'GET' || !url || !url.startsWith('/c/') || !url.endsWith('.js') || url.indexOf('/', 3) >= 0 || url.indexOf('?') >= 0) return false;
  const cached = containers.peek(url.slice(3, -3));
  if (!cached) return false;
  const countryHeader = cached.countryHeader;
  const asked: Asked = { acceptEncoding: undefined, ifNoneMatch: undefined, country: undefined };
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    const value = raw[i + 1] as string;
    if (name.length === 15 && name.toLowerCase() === 'accept-encoding') asked.acceptEncoding = joined(asked.acceptEncoding as string | undefined, value);
    else if (name.length === 13 && name.toLowerCase() === 'if-none-match') asked.ifNoneMatch = joined(asked.ifNoneMatch, value);
    else if (countryHeader && name.length === countryHeader.length && name.toLowerCase() === countryHeader) asked.country = joined(asked.country as string | undefined, value);
  }
  const [chosen, notModified] = choose(asked, cached);
  if (notModified) {
    res.writeHead(304, chosen.notModifiedFlat);
    res.end();
  } else {
    res.writeHead(200, chosen.okFlat);
    res.end(chosen.body);
  }
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
