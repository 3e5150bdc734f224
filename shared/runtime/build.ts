// Bundles the browser runtime with esbuild: ES2017, minified, no dependencies.
// Output: dist/runtime.js, read by the compiler when it writes containers.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

export const RUNTIME_OUTFILE = fileURLToPath(new URL('../../dist/runtime.js', import.meta.url));

export async function buildRuntime(): Promise<void> {
  await build({
    entryPoints: [fileURLToPath(new URL('./index.ts', import.meta.url))],
    outfile: RUNTIME_OUTFILE,
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2017',
    legalComments: 'none',
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildRuntime();
