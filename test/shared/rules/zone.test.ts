import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wallClock, wallTimeToInstant, zoneOffsetMinutes } from '../../../shared/rules/zone';

const iso = (ms: number) => new Date(ms).toISOString();

describe('wallTimeToInstant', () => {
  it.each([
    ['2026-12-01T09:00', 'Europe/Berlin', '2026-12-01T08:00:00.000Z'],
    ['2026-07-01T09:00', 'Europe/Berlin', '2026-07-01T07:00:00.000Z'],
    ['2026-12-24T23:59', 'America/New_York', '2026-12-25T04:59:00.000Z'],
    ['2026-06-01T00:00', 'Asia/Kolkata', '2026-05-31T18:30:00.000Z'],
    ['2026-01-01T00:00', 'UTC', '2026-01-01T00:00:00.000Z'],
    ['2026-04-05T02:30', 'Australia/Sydney', '2026-04-04T15:30:00.000Z'],
  ])('%s in %s is %s', (wall, zone, expected) => {
    expect(iso(wallTimeToInstant(wall, zone))).toBe(expected);
  });

  it('shifts a time skipped by the spring-forward jump to after the jump (Berlin, 29 March 2026)', () => {
    expect(iso(wallTimeToInstant('2026-03-29T02:30', 'Europe/Berlin'))).toBe('2026-03-29T01:30:00.000Z');
    expect(iso(wallTimeToInstant('2026-03-29T03:00', 'Europe/Berlin'))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(wallTimeToInstant('2026-03-29T01:59', 'Europe/Berlin'))).toBe('2026-03-29T00:59:00.000Z');
  });

  it('takes the first of a time that happens twice in the autumn change (Berlin, 25 October 2026)', () => {
    expect(iso(wallTimeToInstant('2026-10-25T02:30', 'Europe/Berlin'))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(wallTimeToInstant('2026-10-25T03:00', 'Europe/Berlin'))).toBe('2026-10-25T02:00:00.000Z');
  });

  it('round-trips: the instant reads back as the same wall-clock time, outside DST gaps', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Tokyo', 'America/Santiago', 'Pacific/Chatham'];
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }), fc.constantFrom(...zones), (instant, zone) => {
        const minute = Math.floor(instant / 60_000) * 60_000;
        const w = wallClock(minute, zone);
        const pad = (n: number) => String(n).padStart(2, '0');
        const wall = `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
        const back = wallTimeToInstant(wall, zone);
        // Twice-occurring times map to the first occurrence, which reads back the same.
        expect(wallClock(back, zone)).toEqual(w);
        expect(back).toBeLessThanOrEqual(minute);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('zoneOffsetMinutes and wallClock', () => {
  it('knows Berlin is UTC+1 in winter and UTC+2 in summer, and the weekday there', () => {
    expect(zoneOffsetMinutes(Date.UTC(2026, 0, 15), 'Europe/Berlin')).toBe(60);
    expect(zoneOffsetMinutes(Date.UTC(2026, 6, 15), 'Europe/Berlin')).toBe(120);
    // 23:30 UTC on Sunday 29 Nov 2026 is already Monday 00:30 in Berlin.
    expect(wallClock(Date.UTC(2026, 10, 29, 23, 30), 'Europe/Berlin')).toMatchObject({ weekday: 1, hour: 0, minute: 30 });
  });
});
