// Starts a Pixeltag server in the test process on a free port, with a fresh SQLite store, and
// makes tRPC clients that keep their own session cookie, like separate browsers.
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppRouter } from '../../server/api/_app';
import { buildApp, type App } from '../../server/app';
import { loadConfig } from '../../server/config';
import { openSqliteStore } from '../../server/store/sqlite';

export interface TestApp {
  app: App;
  url: string;
  close(): Promise<void>;
}

export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pixeltag-test-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', DEMO: 'false', ...env });
  const app = await buildApp(config, openSqliteStore(join(dataDir, 'pixeltag.db')));
  const address = await app.http.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: address, close: () => app.close() };
}

export type ApiClient = ReturnType<typeof createTRPCClient<AppRouter>>;
export interface CookieJar {
  cookie: string;
}

/** A client with its own cookie jar. */
export function apiClient(baseUrl: string, jar: CookieJar = { cookie: '' }, headers: Record<string, string> = {}): ApiClient {
  const client = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${baseUrl}/trpc`,
        headers: () => ({ ...headers, ...(jar.cookie ? { cookie: jar.cookie } : {}) }),
        fetch: async (input, init) => {
          const response = await fetch(input, init);
          const set = response.headers.getSetCookie();
          for (const line of set) {
            const [pair] = line.split(';');
            const [name, value] = (pair ?? '').split('=');
            if (name === 'pt_session') jar.cookie = value ? `pt_session=${value}` : '';
          }
          return response;
        },
      }),
    ],
  });
  return client;
}

let counter = 0;
/** Signs up a fresh account (with its own org) and returns its logged-in client. */
export async function signUp(baseUrl: string, name = 'user') {
  const jar: CookieJar = { cookie: '' };
  const api = apiClient(baseUrl, jar);
  const email = `${name}-${Date.now()}-${++counter}@example.com`;
  const { user, orgId } = await api.auth.signup.mutate({ email, name, password: 'correct horse battery', orgName: `${name} org` });
  return { api, jar, user, orgId, email, password: 'correct horse battery' };
}

/** The tRPC error code of a rejected call, or 'OK' when it succeeded. */
export async function codeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'OK';
  } catch (error) {
    if (error instanceof TRPCClientError) return (error.data as { code?: string } | undefined)?.code ?? 'UNKNOWN';
    throw error;
  }
}

export const imageTag = (siteId: string, url = 'https://pixel.example.com/p?u={{page_url}}', path = '/checkout/*') => ({
  siteId,
  name: 'Checkout pixel',
  action: { kind: 'image' as const, url },
  conditions: { type: 'all' as const, conditions: [{ type: 'rule' as const, variable: 'page.path' as const, operator: 'wildcard' as const, value: path }] },
  priority: 10,
  status: 'active' as const,
});
