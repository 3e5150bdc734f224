import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, codeOf, signUp, startTestApp, type CookieJar, type TestApp } from '../../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function rawPost(path: string, body: unknown, headers: Record<string, string>) {
  return fetch(`${t.url}/trpc/${path}`, { method: 'POST', body: JSON.stringify(body), headers });
}

describe('accounts', () => {
  it('signs up, sees itself, logs out and logs back in', async () => {
    const { api, jar, email, password } = await signUp(t.url, 'alice');
    expect((await api.auth.me.query())?.email).toBe(email);
    await api.auth.logout.mutate();
    expect(jar.cookie).toBe('');
    expect(await api.auth.me.query()).toBeNull();
    const fresh = apiClient(t.url);
    await fresh.auth.login.mutate({ email: email.toUpperCase(), password });
    expect((await fresh.auth.me.query())?.email).toBe(email);
  });

  it('stores the password as a scrypt hash, never in plain text', async () => {
    const { email, password } = await signUp(t.url, 'hash');
    const record = await t.app.services.store.users.getByEmail(email);
    expect(record?.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(record?.passwordHash).not.toContain(password);
  });

  it('sets an httpOnly SameSite=Lax session cookie', async () => {
    const res = await rawPost(
      'auth.signup',
      { email: `cookie-${Date.now()}@example.com`, name: 'C', password: 'long enough password', orgName: 'Org' },
      { 'content-type': 'application/json' },
    );
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^pt_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('refuses a second account with the same email', async () => {
    const { email } = await signUp(t.url, 'dup');
    const again = apiClient(t.url).auth.signup.mutate({ email, name: 'Dup', password: 'another long password', orgName: 'X' });
    expect(await codeOf(again)).toBe('CONFLICT');
  });

  it('refuses a wrong password without saying whether the email exists', async () => {
    const { email } = await signUp(t.url, 'wrong');
    const api = apiClient(t.url);
    await expect(api.auth.login.mutate({ email, password: 'not the password' })).rejects.toThrow(/do not match/);
    await expect(api.auth.login.mutate({ email: 'nobody@example.com', password: 'not the password' })).rejects.toThrow(/do not match/);
  });

  it('rate-limits repeated failed logins for an email, even with the right password afterwards', async () => {
    const { email, password } = await signUp(t.url, 'limited');
    const api = apiClient(t.url, { cookie: '' }, { 'x-forwarded-for': '203.0.113.7' });
    for (let i = 0; i < 10; i++) expect(await codeOf(api.auth.login.mutate({ email, password: 'guess number ' + i }))).toBe('UNAUTHORIZED');
    expect(await codeOf(api.auth.login.mutate({ email, password }))).toBe('TOO_MANY_REQUESTS');
  });

  it('answers bad sign-up input with BAD_REQUEST naming each field', async () => {
    const api = apiClient(t.url);
    const error = await api.auth.signup.mutate({ email: 'not-an-email', name: '', password: 'short', orgName: 'Org' }).catch((e) => e);
    expect(error.data.code).toBe('BAD_REQUEST');
    const paths = (error.data.issues as { path: string }[]).map((i) => i.path).sort();
    expect(paths).toEqual(['email', 'name', 'password']);
    expect(error.message).toContain('password: Use at least 10 characters');
  });
});

describe('cross-site protection', () => {
  let jar: CookieJar;
  let orgId: string;
  beforeAll(async () => {
    ({ jar, orgId } = await signUp(t.url, 'csrf'));
  });

  it('refuses a mutation sent from another origin with the session cookie', async () => {
    const res = await rawPost('clients.create', { orgId, name: 'Evil' }, {
      'content-type': 'application/json',
      cookie: jar.cookie,
      origin: 'https://evil.example',
    });
    expect(res.status).toBe(403);
  });

  it('refuses a form-encoded mutation (what a cross-site HTML form can send)', async () => {
    const res = await fetch(`${t.url}/trpc/clients.create`, {
      method: 'POST',
      body: 'orgId=' + orgId,
      headers: { 'content-type': 'text/plain', cookie: jar.cookie },
    });
    expect(res.status).toBe(403);
  });

  it('refuses a request the browser marks as cross-site', async () => {
    const res = await rawPost('clients.create', { orgId, name: 'Evil' }, {
      'content-type': 'application/json',
      cookie: jar.cookie,
      'sec-fetch-site': 'cross-site',
    });
    expect(res.status).toBe(403);
  });

  it('accepts the same mutation from the console origin', async () => {
    const res = await rawPost('clients.create', { orgId, name: 'Fine' }, {
      'content-type': 'application/json',
      cookie: jar.cookie,
      origin: t.url,
      'sec-fetch-site': 'same-origin',
    });
    expect(res.status).toBe(200);
  });
});
