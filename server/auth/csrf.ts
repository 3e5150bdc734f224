// Cross-site request protection for the console API. The session cookie is SameSite=Lax, and on
// top of that a mutation must be a same-origin JSON POST: browsers send a cross-site JSON POST
// only after a CORS preflight we never approve, and mark cross-site fetches in Origin and
// Sec-Fetch-Site. A request with a bearer token and no cookie carries no ambient credential a
// browser could be tricked into sending (a cross-site page cannot set Authorization without a
// preflight), so scripts using API tokens are not held to the browser's rules.
import type { FastifyRequest } from 'fastify';
import { bearerOf } from './apiTokens';

export function crossSiteReason(req: FastifyRequest): string | null {
  if (req.method !== 'POST') return null;
  if (bearerOf(req) !== null && !req.headers.cookie) return null;
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return 'cross-site request';
  const origin = req.headers.origin;
  if (origin && origin !== 'null') {
    let host = '';
    try {
      host = new URL(origin).host;
    } catch {
      return 'malformed Origin header';
    }
    if (host !== req.headers.host) return 'request from another origin';
  } else if (origin === 'null') {
    return 'request from an opaque origin';
  }
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return 'mutations must be JSON';
  return null;
}
