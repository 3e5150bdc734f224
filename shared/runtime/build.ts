// Bundles the browser runtime with esbuild: ES2017, minified, no dependencies.
// Output: dist/runtime.js, read by the compiler when it writes containers.
import { build, type BuildOptions } from 'esbuild';
import { fileURLToPath } from 'node:url';

export const RUNTIME_OUTFILE = fileURLToPath(new URL('../../dist/runtime.js', import.meta.url));
/** The same source with PREVIEW on: the debug panel and its explanations, never sent to ordinary visitors. */
export const PREVIEW_RUNTIME_OUTFILE = fileURLToPath(new URL('../../dist/runtime-preview.js', import.meta.url));

const entry = (file: string) => fileURLToPath(new URL(file, import.meta.url));

export async function buildRuntime(): Promise<void> {
  const common: BuildOptions = {
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2017',
    legalComments: 'none',
    logLevel: 'warning',
  };
  // With PREVIEW false the minifier drops every debug branch, so live containers carry none of it.
  await Promise.all([
    build({ ...common, entryPoints: [entry('./live.ts')], outfile: RUNTIME_OUTFILE, define: { PREVIEW: 'false' } }),
    build({ ...common, entryPoints: [entry('./preview.ts')], outfile: PREVIEW_RUNTIME_OUTFILE, define: { PREVIEW: 'true' } }),
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildRuntime();
