// Content negotiation for containers: which of brotli and gzip a request's Accept-Encoding allows,
// in the client's order of preference, honouring q-values (`br;q=0` means "never br").
export type Coding = 'br' | 'gzip';

/** Frozen answers, so choosing an encoding never allocates on the hot path. */
const NONE: readonly Coding[] = Object.freeze([]);
const BR: readonly Coding[] = Object.freeze(['br']);
const GZIP: readonly Coding[] = Object.freeze(['gzip']);
const BR_GZIP: readonly Coding[] = Object.freeze(['br', 'gzip']);
const GZIP_BR: readonly Coding[] = Object.freeze(['gzip', 'br']);

/** Browsers send a handful of distinct headers; each is parsed once. Long ones are not kept. */
const memo = new Map<string, readonly Coding[]>();
const MEMO_ENTRIES = 256;
const MEMO_LENGTH = 200;

/**
 * The content codings the client accepts, best first; identity is always the last resort (even
 * under `identity;q=0`: a script is better than a 406 for a page that only wants its tags).
 */
export function acceptedCodings(header: string | string[] | undefined): readonly Coding[] {
  if (typeof header !== 'string' || header === '') return NONE;
  let codings = memo.get(header);
  if (codings === undefined) {
    codings = parse(header);
    if (header.length <= MEMO_LENGTH) {
      if (memo.size >= MEMO_ENTRIES) memo.clear();
      memo.set(header, codings);
    }
  }
  return codings;
}

function parse(header: string): readonly Coding[] {
  let br: number | undefined;
  let gzip: number | undefined;
  let any: number | undefined;
  for (const item of header.split(',')) {
    const [name = '', ...params] = item.split(';');
    let q = 1;
    for (const param of params) {
      const [key = '', value = ''] = param.split('=');
      if (key.trim().toLowerCase() === 'q') q = qvalue(value.trim());
    }
    const coding = name.trim().toLowerCase();
    if (coding === 'br') br = q;
    else if (coding === 'gzip' || coding === 'x-gzip') gzip = Math.max(gzip ?? 0, q);
    else if (coding === '*') any = q;
  }
  // A coding not named is covered by `*` when present, and not acceptable otherwise.
  const brQ = br ?? any ?? 0;
  const gzipQ = gzip ?? any ?? 0;
  if (brQ > 0 && gzipQ > 0) return brQ >= gzipQ ? BR_GZIP : GZIP_BR;
  if (brQ > 0) return BR;
  if (gzipQ > 0) return GZIP;
  return NONE;
}

/** RFC 9110 qvalue: 0 to 1 with at most three decimals; anything malformed counts as 0. */
function qvalue(text: string): number {
  if (!/^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(text)) return 0;
  return Number(text);
}
