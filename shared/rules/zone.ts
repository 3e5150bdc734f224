// Wall-clock times in a site's IANA time zone. Campaign dates are typed as local times ("1 Dec
// 09:00 in Europe/Berlin"); the compiler turns them into instants here, correct across DST.
// localWeekdayHour also runs in the visitor's browser for day-parting.

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The wall-clock fields of an instant in a zone. Weekday: 0 = Sunday. */
export function wallClock(instant: number, zone: string) {
  const parts: Record<string, string> = {};
  for (const p of formatter(zone).formatToParts(new Date(instant))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday as string),
  };
}

/** Minutes the zone is ahead of UTC at an instant (Berlin in winter: 60). */
export function zoneOffsetMinutes(instant: number, zone: string): number {
  const w = wallClock(instant, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

export const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * The instant a wall-clock time (`YYYY-MM-DDTHH:mm`) happens in a zone. A time skipped by a
 * spring-forward change is shifted by the jump (02:30 becomes 03:30, as Temporal's `compatible`
 * does); a time that happens twice in an autumn change counts at its first occurrence.
 */
export function wallTimeToInstant(wall: string, zone: string): number {
  const m = WALL_TIME.exec(wall);
  if (!m) throw new Error(`Not a wall-clock time: ${wall}`);
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  // Try the offsets in force a day either side; keep the earliest candidate that reads back right.
  const offsets = new Set([zoneOffsetMinutes(asUtc - 86_400_000, zone), zoneOffsetMinutes(asUtc, zone), zoneOffsetMinutes(asUtc + 86_400_000, zone)]);
  const exact = [...offsets]
    .map((offset) => asUtc - offset * 60_000)
    .filter((instant) => instant + zoneOffsetMinutes(instant, zone) * 60_000 === asUtc)
    .sort((a, b) => a - b);
  if (exact.length) return exact[0] as number;
  // In a gap: read with the offset from before the jump, so 02:30 in a 02:00→03:00 jump is 03:30.
  return asUtc - zoneOffsetMinutes(asUtc - 86_400_000, zone) * 60_000;
}
