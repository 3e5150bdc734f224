import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';

describe('loadConfig', () => {
  it('defaults to port 3000, ./data and the demo on with the embedded store', () => {
    expect(loadConfig({})).toMatchObject({ PORT: 3000, DATA_DIR: './data', DEMO: true });
    expect(loadConfig({}).MONGODB_URI).toBeUndefined();
  });

  it('turns the demo off by default with MongoDB, and DEMO overrides either way', () => {
    expect(loadConfig({ MONGODB_URI: 'mongodb://db.internal:27017' }).DEMO).toBe(false);
    expect(loadConfig({ MONGODB_URI: 'mongodb://db.internal:27017', DEMO: 'true' }).DEMO).toBe(true);
    expect(loadConfig({ DEMO: 'false' }).DEMO).toBe(false);
  });

  it('fails with a message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DEMO: 'maybe' })).toThrow(/DEMO: use true or false/);
    expect(() => loadConfig({ MONGODB_URI: 'not a url' })).toThrow(/MONGODB_URI/);
  });
});
