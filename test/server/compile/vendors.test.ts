// Vendor templates, run in a node:vm page with just enough DOM: the calls each vendor documents,
// the script each loads from its configured host, one init per page, and no way out for hostile strings.
import fc from 'fast-check';
import { Script, createContext, runInContext, type Context } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { DEFAULT_VENDOR_HOSTS, vendorFunction, type VendorAction, type VendorHosts } from '../../../server/compile/vendors';
import { META_EVENTS, TIKTOK_EVENTS, TagAction } from '../../../shared/schema';
import { TEMPLATE_VARIABLES } from '../../../shared/rules/template';

const HOSTS: VendorHosts = {
  meta: 'http://meta.stub:8001',
  googleAds: 'http://google.stub:8002',
  tiktok: 'http://tiktok.stub:8003',
  linkedin: 'http://linkedin.stub:8004',
};

interface LoadedScript {
  src: string;
  async: boolean;
  /** Where the script went: before the page's first script, or into <head>. */
  via: 'insertBefore' | 'head';
}

interface Fire {
  fill?: (template: string) => string;
  event?: string;
}

/** A page with just enough DOM for vendor snippets; records the scripts they add. */
function fakePage({ hasScript = true } = {}) {
  const loaded: LoadedScript[] = [];
  const first = { parentNode: { insertBefore: (el: LoadedScript) => loaded.push({ ...el, via: 'insertBefore' }) } };
  const document = {
    createElement: (tag: string) => {
      if (tag !== 'script') throw new Error(`unexpected element ${tag}`);
      return { src: '', async: false };
    },
    getElementsByTagName: (tag: string) => (tag === 'script' && hasScript ? [first] : []),
    head: { appendChild: (el: LoadedScript) => loaded.push({ ...el, via: 'head' }) },
  };
  const context: Context = createContext({ document });
  runInContext('var window = this;', context);
  const before = new Set(Object.keys(context));
  return {
    window: context as Record<string, unknown>,
    loaded,
    /** Runs a vendor function the way the runtime does. */
    fire(source: string, { fill = () => '', event = 'pageview' }: Fire = {}) {
      (runInContext(`(${source})`, context) as (t: Required<Fire>) => void)({ fill, event });
    },
    /** Globals the snippets created, sorted. */
    addedGlobals: () => Object.keys(context).filter((key) => !before.has(key)).sort(),
    /** Evaluates an expression in the page, as plain data (Arguments objects become arrays, Dates ISO strings). */
    read: (expression: string): unknown =>
      JSON.parse(runInContext(`JSON.stringify(${expression}, function (k, v) { return Object.prototype.toString.call(v) === '[object Arguments]' ? Array.prototype.slice.call(v) : v; })`, context) ?? 'null'),
  };
}

const meta = (over: Partial<Extract<VendorAction, { kind: 'meta' }>> = {}): VendorAction => ({
  kind: 'meta',
  pixelId: '123456789',
  event: 'Purchase',
  value: '{{dl.order.value}}',
  currency: 'EUR',
  ...over,
});
const googleAds = (over: Partial<Extract<VendorAction, { kind: 'googleAds' }>> = {}): VendorAction => ({
  kind: 'googleAds',
  conversionId: 'AW-123456789',
  label: 'AbC-d_1',
  value: '{{dl.order.value}}',
  currency: 'EUR',
  ...over,
});
const tiktok = (over: Partial<Extract<VendorAction, { kind: 'tiktok' }>> = {}): VendorAction => ({
  kind: 'tiktok',
  pixelId: 'C4ABCDEF12345',
  event: 'CompletePayment',
  ...over,
});
const linkedin = (over: Partial<Extract<VendorAction, { kind: 'linkedin' }>> = {}): VendorAction => ({
  kind: 'linkedin',
  partnerId: '1234567',
  conversionId: '98765',
  ...over,
});

const fill42 = { fill: (template: string) => (template === '{{dl.order.value}}' ? '42.5' : '') };

describe('Meta Pixel', () => {
  it('defines the fbq queue stub, loads fbevents.js async from the configured host, inits the pixel and tracks the event with value and currency', () => {
    const page = fakePage();
    page.fire(vendorFunction(meta(), HOSTS), fill42);

    expect(page.loaded).toEqual([{ src: 'http://meta.stub:8001/en_US/fbevents.js', async: true, via: 'insertBefore' }]);
    expect(page.read('fbq.queue')).toEqual([
      ['init', '123456789'],
      ['trackSingle', '123456789', 'Purchase', { value: 42.5, currency: 'EUR' }],
    ]);
    expect(page.read('[fbq.loaded, fbq.version, fbq.push === fbq, _fbq === fbq]')).toEqual([true, '2.0', true, true]);
  });

  it('inits a pixel once per page when several of its tags fire, and loads fbevents.js once for two pixels', () => {
    const page = fakePage();
    page.fire(vendorFunction(meta({ event: 'PageView', value: '' }), HOSTS));
    page.fire(vendorFunction(meta(), HOSTS), fill42);
    page.fire(vendorFunction(meta({ pixelId: '555555', event: 'Lead', value: '' }), HOSTS));

    expect(page.loaded.map((script) => script.src)).toEqual(['http://meta.stub:8001/en_US/fbevents.js']);
    expect(page.read('fbq.queue')).toEqual([
      ['init', '123456789'],
      ['trackSingle', '123456789', 'PageView'],
      ['trackSingle', '123456789', 'Purchase', { value: 42.5, currency: 'EUR' }],
      ['init', '555555'],
      ['trackSingle', '555555', 'Lead'],
    ]);
  });

  it('uses an fbq the page already has instead of loading fbevents.js again', () => {
    const page = fakePage();
    runInContext('var calls = []; window.fbq = function () { calls.push(Array.prototype.slice.call(arguments)); };', page.window);
    page.fire(vendorFunction(meta({ value: '' }), HOSTS));

    expect(page.loaded).toEqual([]);
    expect(page.read('calls')).toEqual([
      ['init', '123456789'],
      ['trackSingle', '123456789', 'Purchase'],
    ]);
  });

  it.each([
    ['no value', '', 'EUR', () => '', undefined],
    ['a number typed in the form', '19.99', 'EUR', () => '', { value: 19.99, currency: 'EUR' }],
    ['a number without currency', '7', '', () => '', { value: 7 }],
    ['text that is not a number', 'free', 'EUR', () => '', {}],
    ['a placeholder that fills to a number', '{{dl.order.value}}', 'USD', () => ' 3e2 ', { value: 300, currency: 'USD' }],
    ['a placeholder that fills to zero', '{{dl.order.value}}', 'USD', () => '0', { value: 0, currency: 'USD' }],
    ['a missing placeholder (filled with nothing)', '{{dl.order.value}}', 'USD', () => '', {}],
    ['a placeholder that fills to blanks', '{{dl.order.value}}', 'USD', () => '  ', {}],
    ['a placeholder that fills to text', '{{dl.order.value}}', 'USD', () => '12 EUR', {}],
    ['a placeholder that fills to Infinity', '{{dl.order.value}}', 'USD', () => 'Infinity', {}],
  ])('sends %s as the right parameters', (_what, value, currency, fill, params) => {
    const page = fakePage();
    page.fire(vendorFunction(meta({ value, currency }), HOSTS), { fill });
    expect(page.read('fbq.queue[1]')).toEqual(params === undefined ? ['trackSingle', '123456789', 'Purchase'] : ['trackSingle', '123456789', 'Purchase', params]);
  });
});

describe('Google Ads conversion', () => {
  it('loads gtag.js for the conversion id from the configured host and pushes js, config and the conversion to dataLayer', () => {
    const page = fakePage();
    page.fire(vendorFunction(googleAds(), HOSTS), fill42);

    expect(page.loaded).toEqual([{ src: 'http://google.stub:8002/gtag/js?id=AW-123456789', async: true, via: 'insertBefore' }]);
    const entries = page.read('dataLayer') as unknown[][];
    expect(entries.map((entry) => entry[0])).toEqual(['js', 'config', 'event']);
    expect(runInContext('Object.prototype.toString.call(dataLayer[0][1])', page.window)).toBe('[object Date]');
    expect(entries.slice(1)).toEqual([
      ['config', 'AW-123456789'],
      ['event', 'conversion', { send_to: 'AW-123456789/AbC-d_1', value: 42.5, currency: 'EUR' }],
    ]);
    // gtag.js only reads Arguments objects, as the documented `gtag` pushes them.
    expect(runInContext('dataLayer.every(function (e) { return Object.prototype.toString.call(e) === "[object Arguments]"; })', page.window)).toBe(true);
  });

  it('loads gtag.js and sends js once per page, configures each conversion id once, and sends every conversion', () => {
    const page = fakePage();
    page.fire(vendorFunction(googleAds({ value: '' }), HOSTS));
    page.fire(vendorFunction(googleAds({ label: 'second', value: '5', currency: '' }), HOSTS));
    page.fire(vendorFunction(googleAds({ conversionId: 'AW-99999', label: 'other', value: '' }), HOSTS));

    expect(page.loaded.map((script) => script.src)).toEqual(['http://google.stub:8002/gtag/js?id=AW-123456789']);
    expect((page.read('dataLayer') as unknown[][]).slice(1)).toEqual([
      ['config', 'AW-123456789'],
      ['event', 'conversion', { send_to: 'AW-123456789/AbC-d_1' }],
      ['event', 'conversion', { send_to: 'AW-123456789/second', value: 5 }],
      ['config', 'AW-99999'],
      ['event', 'conversion', { send_to: 'AW-99999/other' }],
    ]);
  });

  it('leaves out value and currency when the placeholder is missing', () => {
    const page = fakePage();
    page.fire(vendorFunction(googleAds(), HOSTS));
    expect(page.read('dataLayer[2]')).toEqual(['event', 'conversion', { send_to: 'AW-123456789/AbC-d_1' }]);
  });
});

describe('TikTok Pixel', () => {
  it('defines the ttq array stub, loads events.js for the pixel from the configured host, sends the page view and tracks the event', () => {
    const page = fakePage();
    page.fire(vendorFunction(tiktok(), HOSTS));

    const src = 'http://tiktok.stub:8003/i18n/pixel/events.js';
    expect(page.loaded).toEqual([{ src: `${src}?sdkid=C4ABCDEF12345&lib=ttq`, async: true, via: 'insertBefore' }]);
    expect(page.read('ttq.slice()')).toEqual([['page'], ['track', 'CompletePayment']]);
    expect(page.read('[TiktokAnalyticsObject, ttq._i.C4ABCDEF12345._u, typeof ttq._t.C4ABCDEF12345, ttq._o.C4ABCDEF12345]')).toEqual(['ttq', src, 'number', {}]);
    runInContext('ttq.identify({ email: "x" }); ttq.instance("C4ABCDEF12345").track("Search")', page.window);
    expect(page.read('[ttq[2], ttq._i.C4ABCDEF12345[0]]')).toEqual([['identify', { email: 'x' }], ['track', 'Search']]);
  });

  it('sends no extra track for a PageView tag, and loads and pages each pixel once', () => {
    const page = fakePage();
    page.fire(vendorFunction(tiktok({ event: 'PageView' }), HOSTS));
    page.fire(vendorFunction(tiktok({ event: 'AddToCart' }), HOSTS));
    page.fire(vendorFunction(tiktok({ pixelId: 'D5ZYXWVU98765', event: 'PageView' }), HOSTS));

    expect(page.loaded.map((script) => script.src)).toEqual([
      'http://tiktok.stub:8003/i18n/pixel/events.js?sdkid=C4ABCDEF12345&lib=ttq',
      'http://tiktok.stub:8003/i18n/pixel/events.js?sdkid=D5ZYXWVU98765&lib=ttq',
    ]);
    expect(page.read('ttq.slice()')).toEqual([['page'], ['track', 'AddToCart'], ['page']]);
  });
});

describe('LinkedIn Insight', () => {
  it('sets the partner id globals, defines the lintrk queue stub, loads insight.min.js from the configured host and tracks the conversion', () => {
    const page = fakePage();
    page.fire(vendorFunction(linkedin(), HOSTS));

    expect(page.loaded).toEqual([{ src: 'http://linkedin.stub:8004/li.lms-analytics/insight.min.js', async: true, via: 'insertBefore' }]);
    expect(page.read('[_linkedin_partner_id, _linkedin_data_partner_ids, lintrk.q]')).toEqual(['1234567', ['1234567'], [['track', { conversion_id: 98765 }]]]);
  });

  it('only loads the tag when there is no conversion id, and lists each partner once with one script', () => {
    const page = fakePage();
    page.fire(vendorFunction(linkedin({ conversionId: '' }), HOSTS));
    page.fire(vendorFunction(linkedin({ conversionId: '' }), HOSTS));
    page.fire(vendorFunction(linkedin({ partnerId: '42', conversionId: '' }), HOSTS));

    expect(page.loaded).toHaveLength(1);
    expect(page.read('[_linkedin_partner_id, _linkedin_data_partner_ids, lintrk.q]')).toEqual(['1234567', ['1234567', '42'], []]);
  });
});

describe('every vendor', () => {
  const all = [meta(), googleAds(), tiktok(), linkedin()];

  it.each([
    ['meta', ['_fbq', 'fbq']],
    ['googleAds', ['dataLayer', 'gtag']],
    ['tiktok', ['TiktokAnalyticsObject', 'ttq']],
    ['linkedin', ['_linkedin_data_partner_ids', '_linkedin_partner_id', 'lintrk']],
  ])('%s creates only the vendor’s own globals', (kind, globals) => {
    const page = fakePage();
    page.fire(vendorFunction(all.find((action) => action.kind === kind) as VendorAction, HOSTS), fill42);
    expect(page.addedGlobals()).toEqual(globals);
  });

  it('adds its script to <head> when the page has no script element', () => {
    const page = fakePage({ hasScript: false });
    for (const action of all) page.fire(vendorFunction(action, HOSTS), fill42);
    expect(page.loaded.map((script) => [new URL(script.src).host, script.via])).toEqual([
      ['meta.stub:8001', 'head'],
      ['google.stub:8002', 'head'],
      ['tiktok.stub:8003', 'head'],
      ['linkedin.stub:8004', 'head'],
    ]);
  });

  it('loads from the vendors’ real origins by default and ignores a trailing slash on a configured host', () => {
    const defaults = fakePage();
    for (const action of all) defaults.fire(vendorFunction(action, DEFAULT_VENDOR_HOSTS), fill42);
    expect(defaults.loaded.map((script) => script.src)).toEqual([
      'https://connect.facebook.net/en_US/fbevents.js',
      'https://www.googletagmanager.com/gtag/js?id=AW-123456789',
      'https://analytics.tiktok.com/i18n/pixel/events.js?sdkid=C4ABCDEF12345&lib=ttq',
      'https://snap.licdn.com/li.lms-analytics/insight.min.js',
    ]);
    const slashed = fakePage();
    slashed.fire(vendorFunction(meta(), { ...HOSTS, meta: 'http://meta.stub:8001/' }), fill42);
    expect(slashed.loaded.map((script) => script.src)).toEqual(['http://meta.stub:8001/en_US/fbevents.js']);
  });

  it('property: whatever a placeholder fills to, the value is a finite number or left out, and nothing else happens', () => {
    const hostile = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom('"});alert(1);//', '</script><script>alert(1)</script>', '1;window.pwned=1', '${pwned=1}', '\u2028', '0x10', '-0', '1e400'),
    );
    fc.assert(
      fc.property(hostile, fc.constantFrom(meta({ value: '{{dl.order.value}}' }), googleAds({ value: '{{dl.x}}{{dl.y}}' })), (filled, action) => {
        const page = fakePage();
        page.fire(vendorFunction(action, HOSTS), { fill: () => filled });
        const { send_to: _sendTo, ...params } = page.read(action.kind === 'meta' ? 'fbq.queue[1][3]' : 'dataLayer[2][2]') as Record<string, unknown>;
        // JSON has no -0, hence the + 0.
        const expected = filled.trim() !== '' && Number.isFinite(Number(filled)) ? { value: Number(filled) + 0, currency: 'EUR' } : {};
        expect(params).toEqual(expected);
        expect(page.addedGlobals()).not.toContain('pwned');
        expect(page.addedGlobals()).not.toContain('alert');
      }),
    );
  });

  it('property: any strings in any field (even ones the schema refuses) give source that is safe in a <script> and carries them unchanged', () => {
    const text = fc.string({ unit: 'binary' });
    // Names such as __proto__ are refused by the schema and would only confuse TikTok's own `_i` map.
    const id = text.filter((s) => !(s in Object.prototype));
    fc.assert(
      fc.property(id, text, text, text, (a, b, c, d) => {
        const actions = [
          { kind: 'meta', pixelId: a, event: b, value: c, currency: d },
          { kind: 'googleAds', conversionId: a, label: b, value: c, currency: d },
          { kind: 'tiktok', pixelId: a, event: b },
          { kind: 'linkedin', partnerId: b, conversionId: `x${c}` },
        ] as unknown as VendorAction[];
        const page = fakePage();
        for (const action of actions) {
          const hostileHosts = vendorFunction(action, { meta: c, googleAds: d, tiktok: a, linkedin: b });
          expect(hostileHosts).not.toMatch(/<\/script|<!--|[\u2028\u2029]/i);
          expect(() => new Script(`({a:${hostileHosts}})`)).not.toThrow();
          const source = vendorFunction(action, HOSTS);
          expect(source).not.toMatch(/<\/script|<!--|[\u2028\u2029]/i);
          page.fire(source, { fill: () => '1' });
        }
        expect(page.read('fbq.queue[0]')).toEqual(['init', a]);
        expect((page.read('fbq.queue[1]') as unknown[]).slice(0, 3)).toEqual(['trackSingle', a, b]);
        expect(page.read('dataLayer[1]')).toEqual(['config', a]);
        expect((page.read('dataLayer[2]') as [string, string, { send_to: string }])[2].send_to).toBe(`${a}/${b}`);
        expect(page.read('Object.keys(ttq._i)')).toEqual([a]);
        expect(page.read('lintrk.q')).toEqual([['track', { conversion_id: `x${c}` }]]);
        expect(page.read('_linkedin_data_partner_ids')).toEqual([b]);
        expect(page.addedGlobals()).toEqual(['TiktokAnalyticsObject', '_fbq', '_linkedin_data_partner_ids', '_linkedin_partner_id', 'dataLayer', 'fbq', 'gtag', 'lintrk', 'ttq'].sort());
      }),
      { numRuns: 200 },
    );
  });

  const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^\\d{${min},${max}}$`));
  const value = fc.oneof(
    fc.constant(''),
    fc.double({ noNaN: true }).map(String),
    fc.constantFrom(...Object.keys(TEMPLATE_VARIABLES)).map((name) => (name === 'dl' ? '{{dl.order.value}}' : `{{${name}}}`)),
    fc.string({ maxLength: 200 }),
  );
  const currency = fc.oneof(fc.constant(''), fc.stringMatching(/^[A-Z]{3}$/));
  const validAction = fc.oneof(
    fc.record({ kind: fc.constant('meta'), pixelId: digits(5, 20), event: fc.constantFrom(...META_EVENTS), value, currency }),
    fc.record({ kind: fc.constant('googleAds'), conversionId: digits(5, 15).map((n) => `AW-${n}`), label: fc.stringMatching(/^[\w-]{1,64}$/), value, currency }),
    fc.record({ kind: fc.constant('tiktok'), pixelId: fc.stringMatching(/^[A-Za-z0-9]{10,30}$/), event: fc.constantFrom(...TIKTOK_EVENTS) }),
    fc.record({ kind: fc.constant('linkedin'), partnerId: digits(1, 12), conversionId: fc.oneof(fc.constant(''), digits(1, 15)) }),
  );

  it('property: every vendor action the schema accepts compiles to a function that parses, runs and loads its script from the configured host', () => {
    fc.assert(
      fc.property(
        validAction.map((raw) => TagAction.safeParse(raw)).filter((parsed) => parsed.success),
        (parsed) => {
          const action = parsed.data as VendorAction;
          const source = vendorFunction(action, HOSTS);
          expect(() => new Script(`({a:${source}})`)).not.toThrow();
          const page = fakePage();
          page.fire(source, { fill: () => '12.5' });
          expect(page.loaded.map((script) => script.src.startsWith(`${HOSTS[action.kind]}/`))).toEqual([true]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
