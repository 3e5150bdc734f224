import fc from 'fast-check';
import { Script, createContext, runInContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { compileConfig, compileContainer, scriptSafeJson } from '../../../server/compile';
import { DEFAULT_PRIVACY, type SiteSnapshot, type Tag } from '../../../shared/schema';
import { K } from '../../../shared/runtime/keys';

const tag = (over: Partial<Tag> = {}): Tag => ({
  id: 'tag1',
  siteId: 'site1',
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
  site: { name: 'Shop', domains: [], timeZone: 'UTC', privacy: DEFAULT_PRIVACY, collect: true },
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
