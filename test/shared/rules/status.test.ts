import { describe, expect, it } from 'vitest';
import { scheduleProblem, tagStatus, wallTimeAt, type TagStatus } from '../../../shared/rules/status';
import { ALWAYS, type Schedule } from '../../../shared/schema';

const at = (iso: string) => Date.parse(iso);
const s = (over: Partial<Schedule>): Schedule => ({ ...ALWAYS, ...over });
const BERLIN = 'Europe/Berlin';

describe('tagStatus', () => {
  it.each<[string, 'active' | 'paused', Schedule, string, TagStatus]>([
    ['no schedule', 'active', ALWAYS, '2026-06-01T12:00:00Z', 'live'],
    ['paused without schedule', 'paused', ALWAYS, '2026-06-01T12:00:00Z', 'paused'],
    ['paused wins over ended', 'paused', s({ end: '2026-01-01T00:00' }), '2026-06-01T12:00:00Z', 'paused'],
    ['paused wins over scheduled', 'paused', s({ start: '2027-01-01T00:00' }), '2026-06-01T12:00:00Z', 'paused'],
    ['start ahead', 'active', s({ start: '2026-12-01T09:00' }), '2026-12-01T07:59:59.999Z', 'scheduled'],
    ['start reached (09:00 Berlin is 08:00 UTC in winter)', 'active', s({ start: '2026-12-01T09:00' }), '2026-12-01T08:00:00Z', 'live'],
    ['before its end', 'active', s({ end: '2026-12-24T23:59' }), '2026-12-24T22:58:59.999Z', 'live'],
    ['end reached: the end minute is not included', 'active', s({ end: '2026-12-24T23:59' }), '2026-12-24T22:59:00Z', 'ended'],
    ['between start and end', 'active', s({ start: '2026-12-01T09:00', end: '2026-12-24T23:59' }), '2026-12-10T12:00:00Z', 'live'],
    ['before start and end', 'active', s({ start: '2026-12-01T09:00', end: '2026-12-24T23:59' }), '2026-11-10T12:00:00Z', 'scheduled'],
    ['after start and end', 'active', s({ start: '2026-12-01T09:00', end: '2026-12-24T23:59' }), '2027-01-10T12:00:00Z', 'ended'],
    ['day-parting does not change the status', 'active', s({ weekdays: [1], hours: { from: 9, to: 10 } }), '2026-06-06T23:00:00Z', 'live'],
    // Spring forward in Berlin: 29 March 2026, 02:00 CET becomes 03:00 CEST (01:00 UTC).
    ['DST spring: 01:59 local is 00:59 UTC, start 03:00 not reached', 'active', s({ start: '2026-03-29T03:00' }), '2026-03-29T00:59:59.999Z', 'scheduled'],
    ['DST spring: start 03:00 CEST is 01:00 UTC', 'active', s({ start: '2026-03-29T03:00' }), '2026-03-29T01:00:00Z', 'live'],
    ['DST spring: a skipped 02:30 start counts from 03:30 CEST', 'active', s({ start: '2026-03-29T02:30' }), '2026-03-29T01:29:59.999Z', 'scheduled'],
    ['DST spring: a skipped 02:30 start is live at 03:30 CEST', 'active', s({ start: '2026-03-29T02:30' }), '2026-03-29T01:30:00Z', 'live'],
    ['DST spring: an end at 04:00 CEST is 02:00 UTC, not 03:00', 'active', s({ end: '2026-03-29T04:00' }), '2026-03-29T02:00:00Z', 'ended'],
    // Fall back in Berlin: 25 October 2026, 03:00 CEST becomes 02:00 CET (01:00 UTC); 02:30 happens twice.
    ['DST autumn: before the first 02:30', 'active', s({ end: '2026-10-25T02:30' }), '2026-10-25T00:29:59.999Z', 'live'],
    ['DST autumn: an end at 02:30 ends at its first occurrence', 'active', s({ end: '2026-10-25T02:30' }), '2026-10-25T00:30:00Z', 'ended'],
    ['DST autumn: still ended at the second 02:30', 'active', s({ end: '2026-10-25T02:30' }), '2026-10-25T01:30:00Z', 'ended'],
    ['DST autumn: a start at 03:00 CET is 02:00 UTC', 'active', s({ start: '2026-10-25T03:00' }), '2026-10-25T01:59:59.999Z', 'scheduled'],
    ['DST autumn: a start at 03:00 CET is live at 02:00 UTC', 'active', s({ start: '2026-10-25T03:00' }), '2026-10-25T02:00:00Z', 'live'],
  ])('%s', (_name, status, schedule, now, expected) => {
    expect(tagStatus({ status, schedule }, BERLIN, at(now))).toBe(expected);
  });

  it('reads the schedule in the site’s zone, not in UTC', () => {
    const tag = { status: 'active' as const, schedule: s({ start: '2026-12-01T09:00' }) };
    expect(tagStatus(tag, 'UTC', at('2026-12-01T08:30:00Z'))).toBe('scheduled');
    expect(tagStatus(tag, BERLIN, at('2026-12-01T08:30:00Z'))).toBe('live');
    expect(tagStatus(tag, 'America/New_York', at('2026-12-01T13:59:00Z'))).toBe('scheduled');
    expect(tagStatus(tag, 'America/New_York', at('2026-12-01T14:00:00Z'))).toBe('live');
  });
});

describe('scheduleProblem: day-parting in the site’s zone', () => {
  it.each<[string, Schedule, string, string, ReturnType<typeof scheduleProblem>]>([
    ['no limit', ALWAYS, BERLIN, '2026-06-01T12:00:00Z', null],
    ['weekday allowed (Monday)', s({ weekdays: [1, 2, 3, 4, 5] }), BERLIN, '2026-06-01T12:00:00Z', null],
    ['Saturday 23:30 UTC is already Sunday in Berlin', s({ weekdays: [1, 2, 3, 4, 5, 6] }), BERLIN, '2026-06-06T23:30:00Z', { kind: 'weekday', weekday: 0, weekdays: [1, 2, 3, 4, 5, 6] }],
    ['… and still Saturday in UTC', s({ weekdays: [1, 2, 3, 4, 5, 6] }), 'UTC', '2026-06-06T23:30:00Z', null],
    ['hour inside the range (from included)', s({ hours: { from: 9, to: 17 } }), BERLIN, '2026-06-01T07:00:00Z', null],
    ['hour at the range’s end (to excluded)', s({ hours: { from: 9, to: 17 } }), BERLIN, '2026-06-01T15:00:00Z', { kind: 'hours', hour: 17, from: 9, to: 17 }],
    ['hour before the range', s({ hours: { from: 9, to: 17 } }), BERLIN, '2026-01-05T07:59:00Z', { kind: 'hours', hour: 8, from: 9, to: 17 }],
    ['until midnight', s({ hours: { from: 18, to: 24 } }), BERLIN, '2026-01-05T22:59:00Z', null],
    ['DST spring: 01:59 CET is hour 1', s({ hours: { from: 2, to: 3 } }), BERLIN, '2026-03-29T00:59:00Z', { kind: 'hours', hour: 1, from: 2, to: 3 }],
    ['DST spring: the hour after 01:59 is 3 (2 is skipped)', s({ hours: { from: 2, to: 3 } }), BERLIN, '2026-03-29T01:00:00Z', { kind: 'hours', hour: 3, from: 2, to: 3 }],
    ['DST autumn: the first 02:xx is hour 2', s({ hours: { from: 2, to: 3 } }), BERLIN, '2026-10-25T00:30:00Z', null],
    ['DST autumn: the second 02:xx is hour 2 too', s({ hours: { from: 2, to: 3 } }), BERLIN, '2026-10-25T01:30:00Z', null],
    ['dates are checked before day-parting', s({ start: '2027-01-01T00:00', hours: { from: 9, to: 10 } }), BERLIN, '2026-06-01T00:00:00Z', { kind: 'beforeStart', start: '2027-01-01T00:00' }],
    ['the end', s({ end: '2026-01-01T00:00' }), BERLIN, '2026-06-01T00:00:00Z', { kind: 'afterEnd', end: '2026-01-01T00:00' }],
  ])('%s', (_name, schedule, zone, now, expected) => {
    expect(scheduleProblem(schedule, zone, at(now))).toEqual(expected);
  });
});

describe('wallTimeAt', () => {
  it.each([
    ['2026-12-01T08:00:00Z', BERLIN, '2026-12-01T09:00'],
    ['2026-07-01T07:00:00Z', BERLIN, '2026-07-01T09:00'],
    ['2026-03-29T01:00:00Z', BERLIN, '2026-03-29T03:00'],
    ['2026-10-25T00:30:00Z', BERLIN, '2026-10-25T02:30'],
    ['2026-10-25T01:30:00Z', BERLIN, '2026-10-25T02:30'],
    ['2026-12-25T04:59:00Z', 'America/New_York', '2026-12-24T23:59'],
  ])('%s in %s is %s', (instant, zone, expected) => {
    expect(wallTimeAt(at(instant), zone)).toBe(expected);
  });
});
