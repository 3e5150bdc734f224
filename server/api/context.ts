// What every tRPC call gets: the services the server was started with, and the caller (from the
// session cookie, or from an `Authorization: Bearer` API token), resolved once per request.
import type { CreateFastifyContextOptions } from '@trpc/server/adapters/fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { User } from '../../shared/schema';
import { bearerOf, resolveApiToken } from '../auth/apiTokens';
import type { RateLimiter } from '../auth/rateLimit';
import { readSession } from '../auth/sessions';
import type { Config } from '../config';
import type { Collector } from '../collect';
import type { ContainerCache } from '../deliver';
import type { PreviewTokens } from '../deliver/preview';
import type { ApiTokenRecord, Store } from '../store/types';

export interface Services {
  config: Config;
  store: Store;
  containers: ContainerCache;
  previews: PreviewTokens;
  collector: Collector;
  loginLimiter: RateLimiter;
}

export interface Context extends Services {
  req: FastifyRequest;
  res: FastifyReply;
  /** The logged-in user; always null when the request carries a bearer token. */
  user: User | null;
  /** The API token the request authenticated with. */
  apiToken: ApiTokenRecord | null;
  /** The request sent a bearer token that is unknown, malformed or revoked. */
  badApiToken: boolean;
}

export function contextFactory(services: Services) {
  return async ({ req, res }: CreateFastifyContextOptions): Promise<Context> => {
    // A bearer token, when sent, is the only credential considered: a script never acts as
    // whoever's cookie happens to ride along.
    const bearer = bearerOf(req);
    if (bearer !== null) {
      const apiToken = await resolveApiToken(services.store, bearer);
      return { ...services, req, res, user: null, apiToken, badApiToken: !apiToken };
    }
    return { ...services, req, res, user: await readSession(services.store, req), apiToken: null, badApiToken: false };
  };
}
