// Serving throughput: wrk loads `GET /c/{key}.js` (gzip) on our server, on nginx serving the same
// gzipped bytes with gzip_static, and on bare node:http (the ceiling for one Node.js process), all
// on 127.0.0.1 in the same run, each load bounded in time.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { compileContainer } from '../../server/compile';
import { publishSite } from '../../server/compile/publish';
import { loadConfig } from '../../server/config';
import { ContainerCache } from '../../server/deliver';
import { openSqliteStore } from '../../server/store/sqlite';
import { SITE_DEFAULTS } from '../../shared/schema';
import { freePort, startServerProcess, type ServerProcess } from '../helpers/process';
import { realisticSnapshot, realisticTag } from './fixtures';

export type Figure = [name: string, value: number, unit: string];

const SITE_KEY = 'ptbenchserve';
const TARGET_GZ_BYTES = 6000;
const WARM_UP = ['-t1', '-c50', '-d2s'];
const LOAD = ['-t1', '-c50', '-d4s', '--latency'];
const ROUNDS = 4;

/** The fewest realistic tags whose container is about 6 KB gzipped. */
function tagCountFor(bytes: number): number {
  for (let count = 50; count < 400; count += 10) {
    if (gzipSync(compileContainer(SITE_KEY, realisticSnapshot(count)).script, { level: 9 }).length >= bytes) return count;
  }
  return 400;
}

/** Seeds an embedded store in `dataDir` with one published site of realistic tags. */
async function seed(dataDir: string): Promise<void> {
  const store = openSqliteStore(join(dataDir, 'pixeltag.db'));
  const now = new Date().toISOString();
  const site = { ...SITE_DEFAULTS, id: 'benchsite', orgId: 'benchorg', clientId: 'benchclient', siteKey: SITE_KEY, name: 'Shop', createdAt: now, updatedAt: now };
  await store.sites.create(site);
  const count = tagCountFor(TARGET_GZ_BYTES);
  for (let i = 0; i < count; i++) await store.tags.create({ ...realisticTag(i), siteId: site.id });
  await publishSite({ store, containers: new ContainerCache(store), config: loadConfig({}) }, site, 'bench', 'bench');
  await store.close();
}

/** The raw body and status of a GET, without the decompression fetch would apply. */
function getRaw(url: string, headers: Record<string, string>): Promise<{ status: number; body: Buffer; encoding: string }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), encoding: String(res.headers['content-encoding'] ?? '') }));
    })
      .on('error', reject)
      .end();
  });
}

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** Installs Debian's nginx-light and wrk when missing; returns why not, or null when both are there. */
function ensureTools(): string | null {
  if (hasCommand('nginx') && hasCommand('wrk')) return null;
  if (process.getuid?.() !== 0) return 'nginx or wrk is missing and installing them needs root (apt-get install -y nginx-light wrk)';
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => spawnSync('apt-get', ['install', '-y', 'nginx-light', 'wrk'], { stdio: 'ignore', env, timeout: 300_000 }).status === 0;
  if (!install()) {
    spawnSync('apt-get', ['update'], { stdio: 'ignore', env, timeout: 300_000 });
    if (!install()) return 'apt-get install -y nginx-light wrk failed';
  }
  return hasCommand('nginx') && hasCommand('wrk') ? null : 'nginx or wrk is still missing after apt-get';
}

interface Load {
  rps: number;
  p99Ms: number;
  /** CPU time the serving process spent per request (user + system), NaN where /proc is missing. */
  cpuUs: number;
}

/** Clock ticks (1/100 s on Linux) of CPU a process has used, from /proc/{pid}/stat. */
function cpuTicks(pid: number | undefined): number {
  if (pid === undefined || !existsSync(`/proc/${pid}/stat`)) return NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** The nginx worker: the child of the master process we started (worker_processes 1). */
function nginxWorker(master: number | undefined): number | undefined {
  if (master === undefined || !existsSync('/proc')) return undefined;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.split(' ');
    if (Number(stat?.[1]) === master) return Number(entry);
  }
  return undefined;
}

const UNIT_MS: Record<string, number> = { us: 1e-3, ms: 1, s: 1000 };

function wrk(args: string[], url: string, pid?: number): Load {
  const ticks = cpuTicks(pid);
  const run = spawnSync('wrk', [...args, '-H', 'Accept-Encoding: gzip', url], { encoding: 'utf8', timeout: 60_000 });
  const out = run.stdout ?? '';
  if (run.status !== 0) throw new Error(`wrk failed: ${run.stderr || out}`);
  // Timeouts can happen on a busy machine and only lower the figure; a wrong status is a bug.
  if (/Non-2xx or 3xx responses/.test(out)) throw new Error(`wrk saw error statuses from ${url}:\n${out}`);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const requests = Number(/(\d+) requests in/.exec(out)?.[1]);
  const p99 = /^\s+99%\s+([\d.]+)(us|ms|s)\s*$/m.exec(out);
  return { rps, p99Ms: p99 ? Number(p99[1]) * UNIT_MS[p99[2]!]! : NaN, cpuUs: ((cpuTicks(pid) - ticks) * 10_000) / requests };
}

/** nginx with its own prefix, config, pid and logs in `dir`, in the foreground as our child. */
async function startNginx(dir: string, gz: Buffer): Promise<{ url: string; child: ChildProcess }> {
  const root = join(dir, 'www');
  mkdirSync(join(root, 'c'), { recursive: true });
  writeFileSync(join(root, 'c', `${SITE_KEY}.js.gz`), gz);
  // nginx's workers drop to `nobody` when started as root: they must be able to read the files.
  for (const path of [dir, root, join(root, 'c')]) chmodSync(path, 0o755);
  const port = await freePort();
  writeFileSync(
    join(dir, 'nginx.conf'),
    `# One worker, to match the single Node.js process it is compared with.
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  types { application/javascript js; }
  # The usual static-file tuning, so the baseline is nginx at its best, not at its defaults.
  sendfile on;
  tcp_nopush on;
  open_file_cache max=64 inactive=60s;
  keepalive_requests 1000000;
  gzip_static on;
  gzip_vary on;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    location /c/ { add_header Cache-Control "public, max-age=60"; }
  }
}
`,
  );
  const child = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/c/${SITE_KEY}.js`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}; see ${dir}/error.log`);
    const up = await getRaw(url, { 'accept-encoding': 'gzip' }).then((r) => r.status === 200, () => false);
    if (up) return { url, child };
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGTERM');
  throw new Error('nginx did not answer within 5 s');
}

/** The bare node:http reference server (bare-node.ts) on a free port, as our child. */
async function startBareNode(dir: string, gz: Buffer): Promise<{ url: string; child: ChildProcess }> {
  const file = join(dir, 'container.js.gz');
  writeFileSync(file, gz);
  const port = await freePort();
  const script = fileURLToPath(new URL('./bare-node.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, file, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    child.stdout!.once('data', resolve);
    child.once('exit', (code) => reject(new Error(`bare node server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/c/${SITE_KEY}.js`, child };
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Measures both servers; figures it cannot measure are left out, with the reason on stderr. */
export async function measureServing(): Promise<Figure[]> {
  const missing = ensureTools();
  if (missing && !hasCommand('wrk')) {
    console.error(`container.serve.ratio: skipped, ${missing}; container.serve.rps and p99 need wrk too`);
    return [];
  }
  const [load] = loadavg();
  if (load! > cpus().length) console.error(`note: load average ${load!.toFixed(1)} on ${cpus().length} CPUs; serving figures will be noisy`);
  const dir = mkdtempSync(join(tmpdir(), 'pixeltag-bench-'));
  const nginxDir = mkdtempSync(join(tmpdir(), 'pixeltag-nginx-'));
  let server: ServerProcess | undefined;
  let nginx: ChildProcess | undefined;
  let bare: ChildProcess | undefined;
  try {
    const dataDir = join(dir, 'data');
    mkdirSync(dataDir);
    await seed(dataDir);
    server = await startServerProcess({ DATA_DIR: dataDir, DEMO: 'false', LOG_LEVEL: 'silent' });
    const ours = `${server.url}/c/${SITE_KEY}.js`;
    const served = await getRaw(ours, { 'accept-encoding': 'gzip' });
    if (served.status !== 200 || served.encoding !== 'gzip') throw new Error(`our server answered ${served.status} ${served.encoding}`);
    const figures: Figure[] = [['container.serve.bytes', served.body.length, 'bytes']];

    let theirs: string | undefined;
    if (missing) console.error(`container.serve.ratio: skipped, ${missing}`);
    else {
      const started = await startNginx(nginxDir, served.body).catch((error: Error) => {
        console.error(`container.serve.ratio: skipped, nginx did not start: ${error.message}`);
        return undefined;
      });
      nginx = started?.child;
      theirs = started?.url;
      const check = theirs && (await getRaw(theirs, { 'accept-encoding': 'gzip' }));
      if (check && !check.body.equals(served.body)) throw new Error('nginx does not serve the same gzipped bytes');
    }

    const reference = await startBareNode(dir, served.body);
    bare = reference.child;
    wrk(WARM_UP, ours);
    wrk(WARM_UP, reference.url);
    if (theirs) wrk(WARM_UP, theirs);
    // Alternate the two and keep each one's best round, so a noisy moment hurts neither alone.
    // CPU per request is kept too (the least of the rounds): on a shared machine it moves less than throughput.
    const worker = nginxWorker(nginx?.pid);
    let best: Load = { rps: 0, p99Ms: Infinity, cpuUs: Infinity };
    let bestNginx: Load = { rps: 0, p99Ms: Infinity, cpuUs: Infinity };
    let cpu = Infinity;
    let cpuNginx = Infinity;
    let bareRps = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const load = wrk(LOAD, ours, server.child.pid);
      if (load.rps > best.rps) best = load;
      cpu = Math.min(cpu, load.cpuUs);
      bareRps = Math.max(bareRps, wrk(LOAD, reference.url).rps);
      if (!theirs) continue;
      const theirLoad = wrk(LOAD, theirs, worker);
      if (theirLoad.rps > bestNginx.rps) bestNginx = theirLoad;
      cpuNginx = Math.min(cpuNginx, theirLoad.cpuUs);
    }
    figures.push(['container.serve.rps', Math.round(best.rps), 'req/s']);
    figures.push(['container.serve.p99', Number(best.p99Ms.toFixed(2)), 'ms']);
    if (Number.isFinite(cpu)) figures.push(['container.serve.cpu', Number(cpu.toFixed(1)), 'us/req']);
    figures.push(['node.bare.serve.rps', Math.round(bareRps), 'req/s']);
    if (theirs) {
      figures.push(['nginx.serve.rps', Math.round(bestNginx.rps), 'req/s']);
      figures.push(['nginx.serve.p99', Number(bestNginx.p99Ms.toFixed(2)), 'ms']);
      if (Number.isFinite(cpuNginx)) figures.push(['nginx.serve.cpu', Number(cpuNginx.toFixed(1)), 'us/req']);
      figures.push(['container.serve.ratio', Number((best.rps / bestNginx.rps).toFixed(3)), '']);
    }
    return figures;
  } finally {
    if (nginx) await stopChild(nginx);
    if (bare) await stopChild(bare);
    if (server) await server.stop();
    for (const path of [dir, nginxDir]) rmSync(path, { recursive: true, force: true });
  }
}
