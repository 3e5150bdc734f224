// Compiles a site's snapshot into its container: the prebuilt runtime wrapped around a compact
// config. Deterministic (same snapshot, same bytes) and safe to inline anywhere: every string a
// person typed is escaped so it can neither end the script nor run as code.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SiteSnapshot, Tag } from '../../shared/schema';
import { compactGroup } from '../../shared/rules/compact';
import { K, TagKindCode, type CompiledConfig, type CompiledTag } from '../../shared/runtime/keys';
import { RUNTIME_OUTFILE } from '../../shared/runtime/build';

let runtimeSource: string | null = null;

/** The minified runtime, built by `npm run build`; read once. */
export function runtime(): string {
  if (runtimeSource === null) {
    try {
      runtimeSource = readFileSync(RUNTIME_OUTFILE, 'utf8').trim();
    } catch {
      throw new Error(`The browser runtime is not built (${RUNTIME_OUTFILE} is missing): run npm run build`);
    }
  }
  return runtimeSource;
}

/**
 * JSON that is also safe inside a <script> element and in any JavaScript context: `<`, `>` and
 * `&` cannot form `</script>` or `<!--`, and U+2028/U+2029 (line terminators in older JS
 * engines) cannot end a string literal.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function compileTag(tag: Tag): CompiledTag {
  return {
    [K.TagId]: tag.id,
    [K.TagKind]: TagKindCode.Image,
    [K.TagUrl]: tag.action.url,
    [K.TagCondition]: compactGroup(tag.conditions),
  };
}

/** Only tags that can fire are shipped, highest priority first (ties keep creation order). */
export function compileConfig(siteKey: string, snapshot: SiteSnapshot): CompiledConfig {
  const tags = snapshot.tags
    .filter((tag) => tag.status === 'active')
    .map((tag, index) => ({ tag, index }))
    .sort((a, b) => b.tag.priority - a.tag.priority || a.index - b.index)
    .map(({ tag }) => compileTag(tag));
  return {
    [K.SiteKey]: siteKey,
    [K.HonorDnt]: snapshot.site.privacy.honorDnt,
    [K.HonorGpc]: snapshot.site.privacy.honorGpc,
    [K.Collect]: snapshot.site.collect,
    [K.Tags]: tags,
  };
}

export interface Container {
  script: string;
  etag: string;
}

export function compileContainer(siteKey: string, snapshot: SiteSnapshot): Container {
  const config = scriptSafeJson(compileConfig(siteKey, snapshot));
  // The outer try/catch is the last line of defence: nothing the container does may throw into the page.
  const script = `/*! Pixeltag */!function(__pt){try{${runtime()}}catch(e){}}(${config});\n`;
  return { script, etag: `"${createHash('sha256').update(script).digest('base64url').slice(0, 32)}"` };
}
