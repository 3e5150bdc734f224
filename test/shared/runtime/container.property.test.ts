// Property: whatever strings people type into tags, the compiled container parses, runs without
// escaping its sandbox, and fires nothing whose conditions do not hold. Runs the real container
// (compiler + built runtime) in a node:vm page that records every request it would make.
import fc from 'fast-check';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { compileContainer } from '../../../server/compile';
import { SITE_DEFAULTS, TAG_DEFAULTS, type SiteSnapshot, type Tag } from '../../../shared/schema';

interface Page {
  requests: string[];
  run(script: string): void;
}

/** A minimal browser page at https://shop.example.com/shop whose network calls are recorded. */
function fakePage(): Page {
  const requests: string[] = [];
  const noop = () => undefined;
  const element = (tag: string) => ({
    tagName: tag,
    set src(value: string) {
      requests.push(`${tag}:${value}`);
    },
    appendChild: noop,
  });
  const document = {
    currentScript: { src: 'https://tags.example.com/c/k.js' },
    cookie: '',
    title: 'Shop',
    referrer: '',
    readyState: 'complete',
    addEventListener: noop,
    createElement: (tag: string) => element(tag),
    head: { appendChild: noop },
    body: { appendChild: noop },
    documentElement: { appendChild: noop, scrollHeight: 1000 },
    createRange: () => ({
      createContextualFragment: (html: string) => {
        requests.push(`html:${html}`);
        return {};
      },
    }),
    querySelectorAll: () => [],
  };
  const location = { href: 'https://shop.example.com/shop', hostname: 'shop.example.com', pathname: '/shop', search: '', hash: '' };
  const storage = new Map<string, string>();
  const window: Record<string, unknown> = {
    document,
    location,
    navigator: { userAgent: 'Mozilla/5.0', language: 'en-US' },
    history: { pushState: noop, replaceState: noop },
    screen: { width: 1280 },
    localStorage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => storage.set(k, v) },
    Image: function Image(this: unknown) {
      return element('img');
    },
    fetch: (url: string) => {
      requests.push(`fetch:${url}`);
      return Promise.resolve({ arrayBuffer: () => Promise.resolve(new ArrayBuffer(0)) });
    },
    addEventListener: noop,
    setTimeout: () => 0,
    clearTimeout: noop,
    scrollY: 0,
    innerHeight: 800,
    URL,
    URLSearchParams,
    Intl,
    Promise,
    JSON,
    Math,
    Date,
    Array,
    Object,
    String,
    Number,
    RegExp,
    encodeURIComponent,
    decodeURIComponent,
  };
  window.window = window;
  window.self = window;
  return { requests, run: (script) => runInNewContext(script, window) };
}

const tagWith = (id: string, text: string, path: string): Tag => ({
  ...TAG_DEFAULTS,
  id,
  siteId: 's',
  name: text,
  action: { kind: 'image', url: `https://pixel.example/p?x=${encodeURIComponent(text)}&d={{dl.${'a'}}}` },
  conditions: {
    type: 'all',
    conditions: [
      { type: 'rule', variable: 'page.path', operator: 'equals', value: path },
      { type: 'rule', variable: 'dataLayer', arg: text || 'x', operator: 'notEquals', value: text || 'x' },
    ],
  },
  priority: 0,
  status: 'active',
  revision: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

const snapshot = (tags: Tag[]): SiteSnapshot => ({ site: { ...SITE_DEFAULTS, name: 'Shop', collect: false }, tags });

describe('compiled containers with any strings in their tags', () => {
  it('fire nothing on a page where no tag matches', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 5 }), (texts) => {
        const page = fakePage();
        const tags = texts.map((text, i) => tagWith(`t${i}`, text, `/never-${i}`));
        page.run(compileContainer('k', snapshot(tags)).script);
        expect(page.requests).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('fire each matching tag exactly once, so the page above would notice a fire', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 5 }), (texts) => {
        const page = fakePage();
        const tags = texts.map((text, i) => tagWith(`t${i}`, text, '/shop'));
        page.run(compileContainer('k', snapshot(tags)).script);
        expect(page.requests.filter((r) => r.startsWith('fetch:https://pixel.example/'))).toHaveLength(texts.length);
      }),
      { numRuns: 200 },
    );
  });
});
