// The CLI (server/cli.ts) run as a separate process against a running server with an API token:
// export, import into an existing and a new site, publish to an environment, roll back; bad files,
// bad versions and bad tokens exit non-zero.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteConfig } from '../../shared/schema/siteConfig';
import { imageTag, signUp } from '../helpers/app';
import { startServerProcess, type ServerProcess } from '../helpers/process';
import { configTag, tokenClient } from '../helpers/tokens';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'pixeltag-cli-'));
let server: ServerProcess;
let owner: Awaited<ReturnType<typeof signUp>>;
let token: string;
let clientId: string;
let siteId: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `npm run pixeltag -- …` the way npm does (node --import tsx server/cli.ts …). */
async function cli(args: string[], env: Record<string, string> = { PIXELTAG_TOKEN: token }): Promise<Run> {
  const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/cli.ts', '--url', server.url, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  try {
    const { stdout, stderr } = await run;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  server = await startServerProcess({ DATA_DIR: join(dir, 'data'), DEMO: 'false' }, 90_000);
  owner = await signUp(server.url, 'cli');
  clientId = (await owner.api.clients.create.mutate({ orgId: owner.orgId, name: 'Acme' })).id;
  siteId = (await owner.api.sites.create.mutate({ clientId, name: 'Shop', domains: ['shop.example.com'] })).id;
  await owner.api.tags.create.mutate(imageTag(siteId));
  await owner.api.tags.create.mutate({ ...imageTag(siteId, 'https://px.example.com/b', '/cart/*'), name: 'Cart pixel' });
  token = (await tokenClient(server.url, owner, { role: 'admin' })).secret;
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

describe('pixeltag CLI', { timeout: 120_000 }, () => {
  it('exports a site to a file and to stdout', async () => {
    const out = join(dir, 'shop.json');
    const run = await cli(['export', '--site', siteId, '--out', out]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('2 tags');
    const doc = JSON.parse(readFileSync(out, 'utf8')) as SiteConfig;
    expect(doc).toStrictEqual(await owner.api.siteConfig.export.query({ siteId }));
    const piped = await cli(['export', '--site', siteId]);
    expect(JSON.parse(piped.stdout)).toStrictEqual(doc);
  });

  it('imports a file into a new site and into an existing one, as drafts, then publishes', async () => {
    const file = join(dir, 'edited.json');
    await cli(['export', '--site', siteId, '--out', file]);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as SiteConfig;

    const created = await cli(['import', '--client', clientId, '--file', file, '--name', 'Staging shop']);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/2 created, 0 updated, 0 removed/);
    const newSiteId = /\(site ([^)]+)\)/.exec(created.stdout)?.[1] ?? '';
    expect((await owner.api.sites.get.query({ siteId: newSiteId })).site.name).toBe('Staging shop');

    doc.tags[0]!.name = 'Renamed by CLI';
    doc.tags.splice(1, 1, configTag('added-by-cli', { name: 'Added by CLI' }));
    writeFileSync(file, JSON.stringify(doc));
    const updated = await cli(['import', '--site', siteId, '--file', file]);
    expect(updated.code).toBe(0);
    expect(updated.stdout).toMatch(/1 created, 1 updated, 1 removed, 0 unchanged/);
    expect((await owner.api.tags.list.query({ siteId })).map((tag) => tag.name)).toStrictEqual(['Renamed by CLI', 'Added by CLI']);
    expect(await owner.api.sites.versions.query({ siteId })).toStrictEqual([]);

    const published = await cli(['publish', '--site', siteId, '--note', 'from the CLI']);
    expect(published.code).toBe(0);
    expect(published.stdout).toContain('Published version 1');
    const versions = await owner.api.sites.versions.query({ siteId });
    expect(versions).toMatchObject([{ number: 1, note: 'from the CLI', authorId: owner.user.id }]);
  });

  it('publishes to staging, promotes it to live and rolls live back, each served at once', async () => {
    await owner.api.tags.create.mutate({ ...imageTag(siteId, 'https://px.example.com/staged'), name: 'Staged pixel' });
    const staged = await cli(['publish', '--site', siteId, '--env', 'staging', '--note', 'try it']);
    expect(staged).toMatchObject({ code: 0, stderr: '' });
    expect(staged.stdout).toContain('Published version 2 of site');
    expect(staged.stdout).toContain('to staging');
    const { siteKey } = (await owner.api.sites.get.query({ siteId })).site;
    const served = async (query = '') => (await fetch(`${server.url}/c/${siteKey}.js${query}`)).text();
    expect(await served('?env=staging')).toContain('px.example.com/staged');
    expect(await served()).not.toContain('px.example.com/staged');

    const promoted = await cli(['rollback', '--site', siteId, '--to', '2', '--note', 'staging looks right']);
    expect(promoted.code).toBe(0);
    expect(promoted.stdout).toContain('Moved live of site');
    expect(await served()).toContain('px.example.com/staged');

    const back = await cli(['rollback', '--site', siteId, '--to', '1', '--env', 'live', '--note', 'staged pixel double-counts']);
    expect(back.code).toBe(0);
    expect(back.stdout).toContain('Rolled back live of site');
    expect(await served()).toBe(await (await fetch(`${server.url}/c/${siteKey}/v1.js`)).text());
    const history = await owner.api.sites.history.query({ siteId });
    expect(history[0]).toMatchObject({ action: 'rollback', environment: 'live', versionNumber: 1, note: 'staged pixel double-counts', userId: owner.user.id });

    const missing = await cli(['rollback', '--site', siteId, '--to', '99']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('versionNumber: This site has no version 99');
    expect((await cli(['rollback', '--site', siteId, '--to', 'latest'])).code).toBe(2);
    expect((await cli(['rollback', '--site', siteId])).code).toBe(2);
    expect(await owner.api.sites.history.query({ siteId })).toHaveLength(history.length);
  });

  it('exits non-zero on a bad file, prints every problem with its path and changes nothing', async () => {
    const before = await owner.api.siteConfig.export.query({ siteId });
    const bad = JSON.parse(JSON.stringify(before));
    bad.site.privacy.consentMode = 'maybe';
    bad.tags[0].conditions.conditions[0].operator = 'resembles';
    bad.tags[1].priority = -1;
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(bad));
    const run = await cli(['import', '--site', siteId, '--file', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('3 problems');
    for (const path of ['site.privacy.consentMode:', 'tags.0.conditions.conditions.0.operator:', 'tags.1.priority:']) expect(run.stderr).toContain(path);
    expect(await owner.api.siteConfig.export.query({ siteId })).toStrictEqual(before);

    writeFileSync(file, '{ "format": ');
    const broken = await cli(['import', '--site', siteId, '--file', file]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('is not valid JSON');
  });

  it('exits non-zero without a token, with a revoked one and on a usage error', async () => {
    expect((await cli(['export', '--site', siteId], {})).code).toBe(2);
    const revocable = await tokenClient(server.url, owner, { role: 'viewer' });
    await owner.api.tokens.revoke.mutate({ orgId: owner.orgId, tokenId: revocable.token.id });
    const revoked = await cli(['export', '--site', siteId], { PIXELTAG_TOKEN: revocable.secret });
    expect(revoked.code).toBe(1);
    expect(revoked.stderr).toContain('UNAUTHORIZED');
    expect((await cli(['import', '--file', 'x.json'])).code).toBe(2);
  });
});
