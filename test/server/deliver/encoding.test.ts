// Accept-Encoding negotiation: which compressed copy a request may get, honouring q-values.
import { describe, expect, it } from 'vitest';
import { acceptedCodings } from '../../../server/deliver/encoding';

describe('acceptedCodings', () => {
  it.each([
    [undefined, []],
    ['', []],
    ['gzip', ['gzip']],
    ['GZip', ['gzip']],
    ['x-gzip', ['gzip']],
    ['br', ['br']],
    ['gzip, deflate, br', ['br', 'gzip']],
    ['gzip, deflate, br, zstd', ['br', 'gzip']],
    ['br;q=0, gzip', ['gzip']],
    ['br; q=0.0, gzip', ['gzip']],
    ['gzip;q=0, br', ['br']],
    ['gzip;q=0, br;q=0', []],
    ['br;q=0.5, gzip', ['gzip', 'br']],
    ['br;q=0.8, gzip;q=0.5', ['br', 'gzip']],
    ['br;q=0.5, gzip;q=0.5', ['br', 'gzip']],
    ['br ; q=0.001', ['br']],
    ['*', ['br', 'gzip']],
    ['*;q=0', []],
    ['*, br;q=0', ['gzip']],
    ['gzip, *;q=0', ['gzip']],
    ['identity', []],
    ['deflate', []],
    ['gzip;q=2', []],
    ['gzip;q=0.5x', []],
  ] as const)('%j accepts %j', (header, expected) => {
    expect(acceptedCodings(header)).toEqual(expected);
  });

  it('gives the same answer to a header it has seen before', () => {
    expect(acceptedCodings('deflate, gzip;q=1.0, *;q=0.5')).toEqual(['gzip', 'br']);
    expect(acceptedCodings('deflate, gzip;q=1.0, *;q=0.5')).toEqual(['gzip', 'br']);
  });
});
