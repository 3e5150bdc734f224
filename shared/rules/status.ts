// A tag's status as the console shows it (live, scheduled, ended, paused), and whether its
// schedule lets it fire at an instant, both read in the site's time zone as the runtime reads them.
import type { Schedule } from '../schema/targeting';
import { wallClock, wallTimeToInstant } from './zone';

export type TagStatus = 'live' | 'scheduled' | 'ended' | 'paused';
export const TAG_STATUS_LABELS: Record<TagStatus, string> = { live: 'Live', scheduled: 'Scheduled', ended: 'Ended', paused: 'Paused' };

/** Why a schedule keeps a tag from firing at an instant; wall-clock fields are the site's. */
export type ScheduleProblem =
  | { kind: 'beforeStart'; start: string }
  | { kind: 'afterEnd'; end: string }
  | { kind: 'weekday'; weekday: number; weekdays: number[] }
  | { kind: 'hours'; hour: number; from: number; to: number };

/**
 * Null when the schedule lets the tag fire at `now`. The start is included and the end is not
 * (a tag ending 24 Dec 23:59 stops at 23:59:00), as in the compiler and the runtime.
 */
export function scheduleProblem(schedule: Schedule, timeZone: string, now: number): ScheduleProblem | null {
  if (schedule.start && now < wallTimeToInstant(schedule.start, timeZone)) return { kind: 'beforeStart', start: schedule.start };
  if (schedule.end && now >= wallTimeToInstant(schedule.end, timeZone)) return { kind: 'afterEnd', end: schedule.end };
  const wall = wallClock(now, timeZone);
  if (schedule.weekdays.length && !schedule.weekdays.includes(wall.weekday)) {
    return { kind: 'weekday', weekday: wall.weekday, weekdays: schedule.weekdays };
  }
  if (schedule.hours && (wall.hour < schedule.hours.from || wall.hour >= schedule.hours.to)) {
    return { kind: 'hours', hour: wall.hour, from: schedule.hours.from, to: schedule.hours.to };
  }
  return null;
}

/** Paused wins; then ended (the end has passed), scheduled (the start is ahead), else live. Day-parting does not change it. */
export function tagStatus(tag: { status: 'active' | 'paused'; schedule: Schedule }, timeZone: string, now: number): TagStatus {
  if (tag.status === 'paused') return 'paused';
  const problem = scheduleProblem({ ...tag.schedule, weekdays: [], hours: null }, timeZone, now);
  if (problem?.kind === 'afterEnd') return 'ended';
  if (problem?.kind === 'beforeStart') return 'scheduled';
  return 'live';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The wall-clock time (`YYYY-MM-DDTHH:mm`) of an instant in a zone: the inverse of wallTimeToInstant. */
export function wallTimeAt(instant: number, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}
