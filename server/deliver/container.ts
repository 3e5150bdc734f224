// One published version ready to serve: its bytes plain, gzipped and brotli-compressed, each with
// its strong ETag and every response header computed once, for the live and the versioned URL.
import { promisify } from 'node:util';
import { brotliCompress, constants, gzipSync } from 'node:zlib';
import { COUNTRY_SLOT } from '../../shared/runtime/keys';
import type { Coding } from './encoding';

const brotli = promisify(brotliCompress);

/** Maximum compression, tuned for text: paid once per version, saved on every download. */
function brotliOf(script: Buffer): Promise<Buffer> {
  return brotli(script, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: script.length,
    },
  });
}

export const LIVE_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';
export const VERSION_CACHE_CONTROL = 'public, max-age=31536000, immutable';
const CONTENT_TYPE = 'application/javascript; charset=utf-8';
/** Countries whose bytes are kept; two letters allow 676, real codes are about 250. */
const COUNTRY_VARIANTS = 300;

type Headers = Readonly<Record<string, string>>;

/** Which URL a response is for: the live one (short cache) or a version's (immutable). */
export type Url = 'live' | 'version';

/** One encoded body and the headers of its 200 and 304 answers, per URL. */
export interface Representation {
  readonly body: Buffer;
  readonly etag: string;
  readonly ok: Readonly<Record<Url, Headers>>;
  readonly notModified: Readonly<Record<Url, Headers>>;
  /** The live URL's headers as Node's flat [name, value, …] list, which it writes without walking an object. */
  readonly okFlat: string[];
  readonly notModifiedFlat: string[];
}

function representation(body: Buffer, etag: string, coding: Coding | null, vary: string): Representation {
  const headers = (cacheControl: string, withBody: boolean): Headers => ({
    ...(withBody ? { 'content-type': CONTENT_TYPE, 'content-length': String(body.length) } : {}),
    ...(withBody && coding ? { 'content-encoding': coding } : {}),
    etag,
    'cache-control': cacheControl,
    vary,
  });
  const ok = { live: headers(LIVE_CACHE_CONTROL, true), version: headers(VERSION_CACHE_CONTROL, true) };
  const notModified = { live: headers(LIVE_CACHE_CONTROL, false), version: headers(VERSION_CACHE_CONTROL, false) };
  return { body, etag, ok, notModified, okFlat: Object.entries(ok.live).flat(), notModifiedFlat: Object.entries(notModified.live).flat() };
}

/** An encoded copy is a different representation, so it gets its own strong ETag. */
const taggedAs = (etag: string, suffix: string) => `${etag.slice(0, -1)}-${suffix}"`;

/** The container for visitors from one country (or for all, when the site names no header). */
export class Variant {
  readonly identity: Representation;
  readonly gzip: Representation;
  /** Null while brotli is still compressing in the background (country variants only). */
  br: Representation | null = null;

  constructor(
    readonly script: Buffer,
    readonly etag: string,
    private readonly vary: string,
  ) {
    this.identity = representation(script, etag, null, vary);
    this.gzip = representation(gzipSync(script, { level: 9 }), taggedAs(etag, 'gz'), 'gzip', vary);
  }

  setBrotli(body: Buffer): this {
    this.br = representation(body, taggedAs(this.etag, 'br'), 'br', this.vary);
    return this;
  }

  /** The best representation the client accepts among those ready; identity when none. */
  pick(codings: readonly Coding[]): Representation {
    for (const coding of codings) {
      const chosen = this[coding];
      if (chosen) return chosen;
    }
    return this.identity;
  }
}

/**
 * One published version. Sites that name a trusted country header get the visitor's country
 * written into the config; each country's bytes are built on its first visitor, then kept.
 */
export class CachedContainer {
  private readonly byCountry = new Map<string, Variant>();

  private constructor(
    private readonly source: string,
    readonly number: number,
    readonly countryHeader: string | null,
    readonly plain: Variant,
  ) {}

  /** Compresses off the event loop: brotli at quality 11 takes ~100 ms for a 45 KB container. */
  static async build(version: { script: string; etag: string; number: number }, countryHeader: string | null): Promise<CachedContainer> {
    const header = countryHeader ? countryHeader.toLowerCase() : null;
    const vary = header ? `Accept-Encoding, ${header}` : 'Accept-Encoding';
    const script = Buffer.from(withCountry(version.script, ''));
    const plain = new Variant(script, version.etag, vary).setBrotli(await brotliOf(script));
    return new CachedContainer(version.script, version.number, header, plain);
  }

  get etag(): string {
    return this.plain.etag;
  }

  get script(): Buffer {
    return this.plain.script;
  }

  /** The bytes for a visitor whose country header says `value` (anything but two letters counts as unknown). */
  forCountry(value: string | string[] | undefined): Variant {
    const country = this.countryHeader ? countryCode(value) : '';
    if (!country) return this.plain;
    let variant = this.byCountry.get(country);
    if (!variant) {
      variant = new Variant(Buffer.from(withCountry(this.source, country)), taggedAs(this.plain.etag, country), this.plain.identity.ok.live.vary!);
      // Past the cap a variant is built per request and served without brotli rather than kept.
      if (this.byCountry.size < COUNTRY_VARIANTS) {
        this.byCountry.set(country, variant);
        const ready = variant;
        brotliOf(ready.script).then((body) => ready.setBrotli(body), () => undefined);
      }
    }
    return variant;
  }
}

/** A compiled script with the visitor's country (from the site's trusted header) written in. */
export function scriptForCountry(source: string, headerValue: string | string[] | undefined): string {
  return withCountry(source, countryCode(headerValue));
}

function withCountry(source: string, country: string): string {
  return source.split(JSON.stringify(COUNTRY_SLOT)).join(JSON.stringify(country));
}

/** Two ASCII letters, upper-cased; '' for anything else (a forged header must not reach the script). */
function countryCode(value: string | string[] | undefined): string {
  if (typeof value !== 'string' || value.length !== 2) return '';
  const upper = value.toUpperCase();
  if (upper.length !== 2) return '';
  const a = upper.charCodeAt(0);
  const b = upper.charCodeAt(1);
  return a >= 65 && a <= 90 && b >= 65 && b <= 90 ? upper : '';
}
