/**
 * Calendar days and midnights in the account's IANA time zone, whatever zone the device is set
 * to. Instants are epoch milliseconds; days are "YYYY-MM-DD".
 */
import { addDays } from "./workdays";

const formats = new Map<string, Intl.DateTimeFormat>();

function format(timeZone: string): Intl.DateTimeFormat {
  let kept = formats.get(timeZone);
  if (kept === undefined) {
    kept = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formats.set(timeZone, kept);
  }
  return kept;
}

/** The wall-clock reading of `ms` in `timeZone`, as if that reading were UTC. */
function wallClock(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of format(timeZone).formatToParts(ms)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const wall = new Date(0);
  wall.setUTCFullYear(parts["year"]!, parts["month"]! - 1, parts["day"]!);
  wall.setUTCHours(parts["hour"]!, parts["minute"]!, parts["second"]!);
  return wall.getTime();
}

/** How far `timeZone` is ahead of UTC at the instant `ms`, in milliseconds. */
export function offsetAt(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallClock(whole, timeZone) - whole;
}

/** The calendar day the instant `ms` falls on in `timeZone`. */
export function dayIn(ms: number, timeZone: string): string {
  return new Date(wallClock(ms, timeZone)).toISOString().slice(0, 10);
}

const HOURS_12 = 12 * 3_600_000;

/**
 * The instant `day` begins in `timeZone` (its 00:00). Where a clock change skips midnight, the
 * offset before the change is used, as Python's zoneinfo does, which lands on the change itself;
 * where midnight happens twice, the first.
 */
export function startOfDay(day: string, timeZone: string): number {
  const wall = Date.parse(`${day}T00:00:00Z`);
  const before = offsetAt(wall - HOURS_12, timeZone);
  const after = offsetAt(wall + HOURS_12, timeZone);
  const early = wall - before;
  if (before === after || offsetAt(early, timeZone) === before) return early;
  const late = wall - after;
  return offsetAt(late, timeZone) === after ? late : early;
}

/** The local day containing `ms`: its 00:00 and the next day's 00:00. */
export function dayBounds(ms: number, timeZone: string): { start: number; end: number } {
  const day = dayIn(ms, timeZone);
  return { start: startOfDay(day, timeZone), end: startOfDay(addDays(day, 1), timeZone) };
}
