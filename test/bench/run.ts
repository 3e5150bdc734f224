// `npm run bench`: prints one figure per line as `name: value unit`. Budgets are checked here,
// by reading the figures, never by timed assertions in the test suite.
import { gzipSync } from 'node:zlib';
import { compileContainer, runtime } from '../../server/compile';
import { existsSync } from 'node:fs';
import { realisticSnapshot } from './fixtures';
import { measureContainer } from './eval';
import { measureServing } from './serve';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timeMs(run: () => void, repeats: number): number {
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = process.hrtime.bigint();
    run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

const figures: [string, number, string][] = [];
figures.push(['runtime.min', Buffer.byteLength(runtime()), 'bytes']);
figures.push(['runtime.gz', gzipSync(runtime(), { level: 9 }).length, 'bytes']);
const container50 = compileContainer('ptbench', realisticSnapshot(50)).script;
figures.push(['container50.gz', gzipSync(container50, { level: 9 }).length, 'bytes']);
const site500 = realisticSnapshot(500);
figures.push(['compile500', Number(timeMs(() => compileContainer('ptbench', site500), 20).toFixed(2)), 'ms']);

figures.push(...(await measureServing()));

const realHost = compileContainer('ptbench', {
  ...realisticSnapshot(50),
  site: { ...realisticSnapshot(50).site, domains: ['127.0.0.1'] },
}).script.replace(/shop\.example\.com/g, '127.0.0.1');
if (existsSync('/usr/bin/chromium')) {
  const { boot, pageview } = await measureContainer(realHost);
  figures.push(['eval50.median', Number(pageview.toFixed(3)), 'ms']);
  figures.push(['container50.boot.median', Number(boot.toFixed(3)), 'ms']);
}
else console.error('eval50.median: skipped, /usr/bin/chromium is missing (bash test/ensure-browser.sh installs it)');

for (const [name, value, unit] of figures) console.log(`${name}: ${value} ${unit}`.trimEnd());
