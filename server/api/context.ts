// What every tRPC call gets: the services the server was started with, and the caller (from the
// session cookie), resolved once per request.
import type { CreateFastifyContextOptions } from '@trpc/server/adapters/fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { User } from '../../shared/schema';
import type { RateLimiter } from '../auth/rateLimit';
import { readSession } from '../auth/sessions';
import type { Config } from '../config';
import type { Collector } from '../collect';
import type { ContainerCache } from '../deliver';
import type { Store } from '../store/types';

export interface Services {
  config: Config;
  store: Store;
  containers: ContainerCache;
  collector: Collector;
  loginLimiter: RateLimiter;
}

export interface Context extends Services {
  req: FastifyRequest;
  res: FastifyReply;
  user: User | null;
}

export function contextFactory(services: Services) {
  return async ({ req, res }: CreateFastifyContextOptions): Promise<Context> => ({
    ...services,
    req,
    res,
    user: await readSession(services.store, req),
  });
}
