import fc from 'fast-check';
import { Script, createContext, runInContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { compileConfig, compileContainer, scriptSafeJson } from '../../../server/compile';
import { SITE_DEFAULTS, TAG_DEFAULTS, type SiteSnapshot, type Tag } from '../../../shared/schema';
import { K } from '../../../shared/runtime/keys';

const tag = (over: Partial<Tag> = {}): Tag => ({
  id: 'tag1',
  siteId: 'site1',
  ...TAG_DEFAULTS,
  name: 'Pixel',
  action: { kind: 'image', url: 'https://pixel.example/p?u={{page_url}}' },
  conditions: { type: 'all', conditions: [{ type: 'rule', variable: 'page.path', operator: 'startsWith', value: '/checkout' }] },
  priority: 0,
  status: 'active',
  revision: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});
const snapshot = (tags: Tag[]): SiteSnapshot => ({
  site: { ...SITE_DEFAULTS, name: 'Shop' },
  tags,
});

/** The config the container hands to the runtime, read back by running the wrapper with a stub runtime. */
function configInside(script: string): unknown {
  const body = script.replace(/try\{[\s\S]*\}catch\(e\)\{\}/, 'try{globalThis.captured=__pt}catch(e){}');
  const context = createContext({});
  runInContext(body, context);
  return (context as { captured: unknown }).captured;
}

describe('compileContainer', () => {
  it('is deterministic: same snapshot, same bytes and ETag', () => {
    const a = compileContainer('ptkey', snapshot([tag()]));
    const b = compileContainer('ptkey', snapshot([tag()]));
    expect(a).toEqual(b);
  });

  it('ships active tags only, highest priority first', () => {
    const config = compileConfig(
      'ptkey',
      snapshot([tag({ id: 'low', priority: 1 }), tag({ id: 'paused', status: 'paused', priority: 50 }), tag({ id: 'high', priority: 9 })]),
    );
    expect(config[K.Tags].map((t) => t[K.TagId])).toEqual(['high', 'low']);
  });

  it.each([
    ['a closing script tag', '</script><script>alert(1)</script>'],
    ['an HTML comment opener', '<!--'],
    ['quotes and backslashes', `"'\\"\\\\\``],
    ['line and paragraph separators', 'a\u2028b\u2029c'],
    ['a template literal breakout', '${alert(1)}`'],
  ])('escapes %s so it can neither end the script nor run', (_what, hostile) => {
    const { script } = compileContainer('ptkey', snapshot([tag({ name: hostile, conditions: { type: 'all', conditions: [{ type: 'rule', variable: 'page.title', operator: 'equals', value: hostile }] } })]));
    expect(script).not.toMatch(/<\/script/i);
    expect(script).not.toContain('<!--');
    expect(script).not.toMatch(/[\u2028\u2029]/);
    expect(() => new Script(script)).not.toThrow();
    expect(JSON.stringify(configInside(script))).toContain(JSON.stringify(hostile));
  });

  it('property: any strings in any tag field compile into a script that parses and carries them unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), (value, arg, path) => {
        const hostileTag = tag({
          id: value.slice(0, 64) || 'x',
          action: { kind: 'image', url: `https://pixel.example/${encodeURIComponent(path)}?v=${value}` },
          conditions: {
            type: 'any',
            conditions: [
              { type: 'rule', variable: 'dataLayer', arg, operator: 'equals', value },
              { type: 'rule', variable: 'page.path', operator: 'inList', value: `${value},${path}` },
            ],
          },
        });
        const { script } = compileContainer(value.slice(0, 64) || 'k', snapshot([hostileTag]));
        expect(script).not.toMatch(/<\/script|<!--|[\u2028\u2029]/i);
        new Script(script);
        expect(configInside(script)).toEqual(JSON.parse(JSON.stringify(compileConfig(value.slice(0, 64) || 'k', snapshot([hostileTag])))));
      }),
      { numRuns: 300 },
    );
  });
});

describe('scriptSafeJson', () => {
  it('round-trips through JSON.parse', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(scriptSafeJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});

describe('compileConfig: when and how often', () => {
  const zoned = (tags: Tag[], timeZone = 'Europe/Berlin'): SiteSnapshot => ({ ...snapshot(tags), site: { ...snapshot(tags).site, timeZone } });

  it('turns campaign dates typed in the site zone into instants, across DST', () => {
    const config = compileConfig(
      'k',
      zoned([tag({ schedule: { start: '2026-12-01T09:00', end: '2027-03-28T02:30', weekdays: [1, 5], hours: { from: 9, to: 17 } } })]),
      Date.UTC(2026, 10, 1),
    );
    expect(config[K.Tags][0]![K.TagSchedule]).toEqual([Date.UTC(2026, 11, 1, 8), Date.UTC(2027, 2, 28, 1, 30), 0b100010, 9, 17]);
  });

  it('leaves out tags whose campaign has ended, and keeps those not started yet', () => {
    const config = compileConfig(
      'k',
      zoned([
        tag({ id: 'over', schedule: { start: null, end: '2026-11-30T23:59', weekdays: [], hours: null } }),
        tag({ id: 'soon', schedule: { start: '2026-12-24T00:00', end: null, weekdays: [], hours: null } }),
      ]),
      Date.UTC(2026, 11, 1),
    );
    expect(config[K.Tags].map((t) => t[K.TagId])).toEqual(['soon']);
  });

  it('ships no schedule for a tag that may always fire', () => {
    expect(compileConfig('k', zoned([tag()]))[K.Tags][0]).not.toHaveProperty(K.TagSchedule);
  });

  it.each([
    [{ type: 'unlimited' }, [0]],
    [{ type: 'page' }, [1]],
    [{ type: 'session' }, [2]],
    [{ type: 'visitor' }, [3]],
    [{ type: 'window', count: 2, every: 1, unit: 'days' }, [4, 2, 86_400_000]],
    [{ type: 'window', count: 5, every: 6, unit: 'hours' }, [4, 5, 21_600_000]],
  ] as const)('compiles the cap %j', (cap, compiled) => {
    expect(compileConfig('k', zoned([tag({ cap })]))[K.Tags][0]![K.TagCap]).toEqual(compiled);
  });

  it.each([
    [{ type: 'pageview' }, [0]],
    [{ type: 'click', selector: '#buy' }, [3, '#buy']],
    [{ type: 'event', name: 'purchase' }, [5, 'purchase']],
    [{ type: 'timer', seconds: 30 }, [7, 30]],
    [{ type: 'scroll', percent: 75 }, [8, 75]],
    [{ type: 'visible', selector: '.hero' }, [9, '.hero']],
  ] as const)('compiles the trigger %j', (trigger, compiled) => {
    expect(compileConfig('k', zoned([tag({ trigger })]))[K.Tags][0]![K.TagTrigger]).toEqual(compiled);
  });

  it('carries consent mode, per-page limit, zone and a country slot only when a country header is named', () => {
    const site = { ...snapshot([]).site, privacy: { honorDnt: false, honorGpc: true, consentMode: 'optIn' as const }, maxFiresPerPage: 3, timeZone: 'Asia/Tokyo' };
    const config = compileConfig('k', { site, tags: [] });
    expect(config).toMatchObject({ [K.ConsentMode]: 1, [K.MaxFires]: 3, [K.TimeZone]: 'Asia/Tokyo', [K.Country]: '' });
    expect(compileConfig('k', { site: { ...site, countryHeader: 'cf-ipcountry' }, tags: [] })[K.Country]).not.toBe('');
  });
});
