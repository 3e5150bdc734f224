// CachedContainer: one version's bytes in every encoding, and per-country copies for sites that
// name a trusted country header, with forged header values never reaching the script.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compileContainer } from '../../../server/compile';
import { CachedContainer } from '../../../server/deliver';
import { SITE_DEFAULTS } from '../../../shared/schema';

async function build(countryHeader: string | null): Promise<CachedContainer> {
  const { script, etag } = compileContainer('ptunit', { site: { ...SITE_DEFAULTS, name: 'Shop', countryHeader }, tags: [] });
  return CachedContainer.build({ script, etag, number: 7 }, countryHeader);
}

describe('CachedContainer', () => {
  it('holds the script plain, gzipped and brotli-compressed, all decoding to the same bytes', async () => {
    const container = await build(null);
    const { identity, gzip, br } = container.plain;
    expect(container.number).toBe(7);
    expect(gunzipSync(gzip.body).equals(identity.body)).toBe(true);
    expect(brotliDecompressSync(br!.body).equals(identity.body)).toBe(true);
    expect(br!.body.length).toBeLessThan(gzip.body.length);
    expect(identity.ok.live['content-length']).toBe(String(identity.body.length));
    expect(br!.ok.version['content-encoding']).toBe('br');
    expect(identity.ok.live['content-encoding']).toBeUndefined();
  });

  it('picks the first accepted encoding that is ready, else the plain script', async () => {
    const { plain } = await build(null);
    expect(plain.pick(['br', 'gzip'])).toBe(plain.br);
    expect(plain.pick(['gzip', 'br'])).toBe(plain.gzip);
    expect(plain.pick([])).toBe(plain.identity);
  });

  it('writes a two-letter country into its own copy, with its own ETag', async () => {
    const container = await build('CF-IPCountry');
    const de = container.forCountry('de');
    expect(de.script.toString()).toContain('"C":"DE"');
    expect(container.plain.script.toString()).toContain('"C":""');
    expect(de.etag).not.toBe(container.etag);
    expect(container.forCountry('DE')).toBe(de);
    // Brotli for a country copy compresses in the background; until then gzip is served.
    expect(de.br).toBeNull();
    expect(gunzipSync(de.pick(['br', 'gzip']).body).toString()).toContain('"C":"DE"');
    expect(de.identity.ok.live.vary).toBe('Accept-Encoding, cf-ipcountry');
    expect(container.countryHeader).toBe('cf-ipcountry');
  });

  it.each([undefined, '', 'd', 'deu', 'd1', '"}', 'ß', 'ǆ', ['de', 'fr']])('serves the unknown-country copy for %j', async (value) => {
    const container = await build('cf-ipcountry');
    expect(container.forCountry(value)).toBe(container.plain);
  });

  it('ignores the header for sites that name none', async () => {
    const container = await build(null);
    expect(container.forCountry('de')).toBe(container.plain);
  });
});
