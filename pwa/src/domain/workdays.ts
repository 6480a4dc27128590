/**
 * Working days, as backend/goals/workdays.py: the days the pace clock runs on. Dates are local
 * calendar days as "YYYY-MM-DD" strings; arithmetic runs on day numbers (days since 1970-01-01)
 * so no time zone interferes.
 *
 * A day is a working day when its ISO weekday (1 = Monday ... 7 = Sunday) is one of the
 * student's working weekdays and it lies in no planned-rest period. Counting and finding the
 * n-th working day are in closed form: one step per rest period, never one per day, so a
 * five-year goal with a hundred rest periods costs what a week does.
 */

export interface RestPeriod {
  start_date: string;
  end_date: string;
}

export interface Schedule {
  working_weekdays: number[];
  rest: RestPeriod[];
}

export const DEFAULT_SCHEDULE: Schedule = { working_weekdays: [1, 2, 3, 4, 5], rest: [] };
/** Far enough for any school goal; a search for a working day stops here. */
export const SEARCH_LIMIT_DAYS = 3 * 366;
const DAY_MS = 86_400_000;

/** The day number (days since 1970-01-01) of "YYYY-MM-DD". */
export function dayNumber(day: string): number {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  // setUTCFullYear, unlike Date.UTC, keeps years 0-99 as they are.
  return Math.round(new Date(0).setUTCFullYear(year, month - 1, date) / DAY_MS);
}

/** "YYYY-MM-DD" of a day number. */
export function dayString(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return dayString(dayNumber(day) + n);
}

export function daysBetween(first: string, last: string): number {
  return dayNumber(last) - dayNumber(first);
}

/** ISO weekday of a day number; 1970-01-01 was a Thursday (4). */
function weekdayOf(n: number): number {
  return ((((n + 3) % 7) + 7) % 7) + 1;
}

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(day: string): number {
  return weekdayOf(dayNumber(day));
}

export function isWorkingDay(schedule: Schedule, day: string): boolean {
  if (!schedule.working_weekdays.includes(isoWeekday(day))) return false;
  return !schedule.rest.some((r) => r.start_date <= day && day <= r.end_date);
}

/** Working weekdays in an ordinary week (rest ignored), used to phrase weekly effort. */
export function daysPerWeek(schedule: Schedule): number {
  return weekdaysOf(schedule).size;
}

/** Which days from `first` to `last` (both included) are working days, in order. */
export function workingDayFlags(schedule: Schedule, first: string, last: string): boolean[] {
  const weekdays = weekdaysOf(schedule);
  const ranges = merged(schedule.rest);
  const from = dayNumber(first);
  const flags: boolean[] = [];
  for (let n = from, end = dayNumber(last); n <= end; n++) {
    flags.push(weekdays.has(weekdayOf(n)) && !ranges.some(([start, stop]) => start <= n && n <= stop));
  }
  return flags;
}

/** Every day from `first` to `last`, both included. */
export function* days(first: string, last: string): Generator<string> {
  for (let n = dayNumber(first), end = dayNumber(last); n <= end; n++) yield dayString(n);
}

function weekdaysOf(schedule: Schedule): Set<number> {
  return new Set(schedule.working_weekdays.filter((d) => Number.isInteger(d) && d >= 1 && d <= 7));
}

/**
 * Days from `first` to `last` (day numbers, both included) whose weekday is in `weekdays`.
 * Any seven consecutive days hold each weekday once, so only the days past the last whole
 * week are looked at one by one.
 */
function weekdaysBetween(weekdays: Set<number>, first: number, last: number): number {
  if (last < first) return 0;
  const span = last - first + 1;
  const extra = span % 7;
  let count = ((span - extra) / 7) * weekdays.size;
  for (let offset = 0; offset < extra; offset++) if (weekdays.has(weekdayOf(first + offset))) count += 1;
  return count;
}

/** The `n`-th day (n >= 1) on or after `first` whose weekday is in `weekdays` (not empty). */
function nthWeekday(weekdays: Set<number>, first: number, n: number): number {
  let rank = (n - 1) % weekdays.size;
  let day = first + 7 * Math.floor((n - 1) / weekdays.size);
  for (;;) {
    if (weekdays.has(weekdayOf(day))) {
      if (rank === 0) return day;
      rank -= 1;
    }
    day += 1;
  }
}

// A schedule's rest list is built once per read of the records and never changed after, so
// its merged form is kept for the several counts one pace takes.
const mergedCache = new WeakMap<readonly RestPeriod[], readonly (readonly [number, number])[]>();

/** Rest periods as sorted, non-overlapping [start, end] day-number ranges. */
function merged(rest: readonly RestPeriod[]): readonly (readonly [number, number])[] {
  const kept = mergedCache.get(rest);
  if (kept !== undefined) return kept;
  const ranges = rest
    .map((r): [number, number] => [dayNumber(r.start_date), dayNumber(r.end_date)])
    .filter(([start, end]) => end >= start)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const [start, end] of ranges) {
    const last = out.at(-1);
    if (last !== undefined && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  mergedCache.set(rest, out);
  return out;
}

/** Working days from `first` to `last`, both included; 0 when `last` is before `first`. */
export function countWorkingDays(schedule: Schedule, first: string, last: string): number {
  const weekdays = weekdaysOf(schedule);
  const from = dayNumber(first);
  const to = dayNumber(last);
  if (to < from || weekdays.size === 0) return 0;
  let count = weekdaysBetween(weekdays, from, to);
  for (const [start, end] of merged(schedule.rest)) {
    if (end < from || start > to) continue;
    count -= weekdaysBetween(weekdays, Math.max(start, from), Math.min(end, to));
  }
  return count;
}

/**
 * The `n`-th working day on or after `first` (n >= 1), or null if none lies within
 * SEARCH_LIMIT_DAYS. Skips each rest period whole.
 */
export function nthWorkingDay(schedule: Schedule, first: string, n: number): string | null {
  const weekdays = weekdaysOf(schedule);
  if (weekdays.size === 0 || !(n >= 1) || n > SEARCH_LIMIT_DAYS + 1) return null;
  const wanted = Math.ceil(n);
  const from = dayNumber(first);
  const limit = from + SEARCH_LIMIT_DAYS;
  let remaining = wanted;
  let cursor = from;
  let found: number | null = null;
  for (const [start, end] of merged(schedule.rest)) {
    if (end < cursor) continue;
    const candidate = nthWeekday(weekdays, cursor, remaining);
    if (candidate < start) {
      found = candidate;
      break;
    }
    remaining -= weekdaysBetween(weekdays, cursor, start - 1);
    cursor = end + 1;
    if (cursor > limit) return null;
  }
  if (found === null) found = nthWeekday(weekdays, cursor, remaining);
  return found <= limit ? dayString(found) : null;
}

/** The Monday of the week `day` falls in. */
export function weekStart(day: string): string {
  return addDays(day, 1 - isoWeekday(day));
}
