// The console's API client: typed tRPC hooks (useTRPC) over TanStack Query, one batched link to
// /trpc with the session cookie. An expired session sends people back to the login page.
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../server/api/_app';
import { errorCode } from './lib/errors';

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();
export type Outputs = inferRouterOutputs<AppRouter>;

/** Query key prefix of auth.me, refetched when any call answers "please log in". */
const ME_KEY = [['auth', 'me']];

/** A session that ended (expired, logged out elsewhere) makes auth.me null, and the layout shows the login page. */
function recheckSession(error: unknown, queryKey?: readonly unknown[]) {
  if (errorCode(error) !== 'UNAUTHORIZED' || JSON.stringify(queryKey?.[0]) === JSON.stringify(ME_KEY[0])) return;
  void queryClient.invalidateQueries({ queryKey: ME_KEY });
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error, query) => recheckSession(error, query.queryKey) }),
  mutationCache: new MutationCache({ onError: (error) => recheckSession(error) }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // Answers from the server (not found, forbidden …) will not change on a retry; network blips may.
      retry: (failures, error) => errorCode(error) === null && failures < 2,
    },
  },
});

export const trpcClient = createTRPCClient<AppRouter>({
  links: [
    httpBatchLink({
      url: '/trpc',
      fetch: (input, init) => fetch(input, { ...init, credentials: 'same-origin' }),
    }),
  ],
});
