// API tokens: minting a secret (shown once, stored as its SHA-256) and resolving the
// `Authorization: Bearer ptk_…` header of a request to a live token.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { API_TOKEN_PREFIX } from '../../shared/schema/apiTokens';
import type { ApiTokenRecord, Store } from '../store/types';

/** A use is recorded at most this often per token, so a busy script does not write on every call. */
const TOUCH_EVERY_MS = 60_000;

export const hashApiToken = (secret: string) => createHash('sha256').update(secret).digest('base64url');

export function newApiTokenSecret(): string {
  return API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/**
 * The bearer credential of a request ('' when malformed), or null when it carries none. Other
 * schemes are not ours (a reverse proxy's Basic auth, say) and leave the session cookie in charge.
 */
export function bearerOf(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  if (!header || !/^Bearer(\s|$)/i.test(header)) return null;
  return /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] ?? '';
}

/** The live token for a secret; null when unknown, malformed or revoked. */
export async function resolveApiToken(store: Store, secret: string, now = new Date()): Promise<ApiTokenRecord | null> {
  if (!secret.startsWith(API_TOKEN_PREFIX) || secret.length > 200) return null;
  const token = await store.apiTokens.getByHash(hashApiToken(secret));
  if (!token || token.revokedAt) return null;
  if (!token.lastUsedAt || now.getTime() - Date.parse(token.lastUsedAt) >= TOUCH_EVERY_MS) {
    const at = now.toISOString();
    await store.apiTokens.touch(token.id, at);
    return { ...token, lastUsedAt: at };
  }
  return token;
}
