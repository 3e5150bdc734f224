// The version diff: structural equality that ignores key order, field paths that descend into
// nested objects but keep condition trees and lists whole, and the count the console shows.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldChanges, sameValue } from '../../../shared/publish/diff';

/** The same value with every object's keys in reverse order. */
function reordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reordered);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reordered(v)]));
  return value;
}

describe('sameValue', () => {
  it('holds for any JSON value and itself with keys in another order', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => sameValue(value, reordered(value))));
  });

  it('agrees with comparing the JSON of both sides, keys sorted', () => {
    const sorted = (value: unknown): unknown =>
      Array.isArray(value) ? value.map(sorted) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).sort().map(([k, v]) => [k, sorted(v)])) : value;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.jsonValue({ maxDepth: 3 }), (a, b) => {
        // -0 and 0 write the same JSON but are one value here too.
        expect(sameValue(a, b)).toBe(JSON.stringify(sorted(a)) === JSON.stringify(sorted(b)));
      }),
    );
  });
});

describe('fieldChanges', () => {
  it('names nested fields by path, keeps conditions and lists whole, and skips bookkeeping', () => {
    const before = { id: 't', revision: 1, name: 'A', action: { kind: 'image', url: 'https://a/' }, conditions: { type: 'all', conditions: [] }, audienceIds: ['x'] };
    const after = { id: 't', revision: 7, name: 'A', action: { kind: 'image', url: 'https://b/' }, conditions: { type: 'any', conditions: [] }, audienceIds: ['x', 'y'] };
    expect(fieldChanges(before, after)).toStrictEqual([
      { field: 'action.url', before: 'https://a/', after: 'https://b/' },
      { field: 'conditions', before: before.conditions, after: after.conditions },
      { field: 'audienceIds', before: ['x'], after: ['x', 'y'] },
    ]);
  });

  it('reports an action whose kind changed as one change', () => {
    const changes = fieldChanges({ action: { kind: 'image', url: 'https://a/' } }, { action: { kind: 'script', src: 'https://a.js' } });
    expect(changes).toStrictEqual([{ field: 'action', before: { kind: 'image', url: 'https://a/' }, after: { kind: 'script', src: 'https://a.js' } }]);
  });
});
