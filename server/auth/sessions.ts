// Login sessions: a random token in an httpOnly, SameSite=Lax cookie; the store keeps only its
// SHA-256, so a leaked database holds no usable session.
import { createHash, randomBytes } from 'node:crypto';
import '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { User } from '../../shared/schema';
import type { Store } from '../store/types';

export const SESSION_COOKIE = 'pt_session';

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export async function startSession(
  store: Store,
  res: FastifyReply,
  userId: string,
  options: { days: number; secure: boolean },
): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + options.days * 86_400_000);
  await store.sessions.create({ id: hashToken(token), userId, expiresAt: expiresAt.toISOString() });
  res.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: options.secure,
    expires: expiresAt,
  });
}

export async function readSession(store: Store, req: FastifyRequest): Promise<User | null> {
  const token = req.cookies[SESSION_COOKIE];
  if (!token) return null;
  const session = await store.sessions.get(hashToken(token));
  if (!session || session.expiresAt <= new Date().toISOString()) return null;
  return store.users.get(session.userId);
}

export async function endSession(store: Store, req: FastifyRequest, res: FastifyReply): Promise<void> {
  const token = req.cookies[SESSION_COOKIE];
  if (token) await store.sessions.remove(hashToken(token));
  res.clearCookie(SESSION_COOKIE, { path: '/' });
}
