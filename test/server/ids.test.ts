// Ids are random and unguessable, and safe to pass on a command line.
import { describe, expect, it } from 'vitest';
import { newId } from '../../server/ids';

describe('newId', () => {
  it('never starts with a dash, so the CLI never reads an id as an option', () => {
    // 1 in 64 random ids would; 5,000 draws make a regression all but certain to show.
    for (let i = 0; i < 5000; i++) expect(newId().startsWith('-')).toBe(false);
  });

  it('is 22 url-safe characters (128 random bits) and does not repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, newId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
  });
});
