// The console API: one router per entity, merged here. The console imports only the type.
import { audiencesRouter } from './audiences';
import { authRouter } from './auth';
import { clientsRouter } from './clients';
import { hitsRouter } from './hits';
import { orgsRouter } from './orgs';
import { siteConfigRouter } from './siteConfig';
import { sitesRouter } from './sites';
import { tagsRouter } from './tags';
import { tokensRouter } from './tokens';
import { router } from './trpc';

export const appRouter = router({
  auth: authRouter,
  orgs: orgsRouter,
  clients: clientsRouter,
  sites: sitesRouter,
  tags: tagsRouter,
  audiences: audiencesRouter,
  hits: hitsRouter,
  siteConfig: siteConfigRouter,
  tokens: tokensRouter,
});

export type AppRouter = typeof appRouter;
