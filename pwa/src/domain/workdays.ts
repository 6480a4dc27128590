/**
 * Working days, as backend/goals/workdays.py: the days the pace clock runs on. Dates are local
 * calendar days as "YYYY-MM-DD" strings; arithmetic runs on UTC midnights so no zone interferes.
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
const SEARCH_LIMIT_DAYS = 3 * 366;
const DAY_MS = 86_400_000;

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(first: string, last: string): number {
  return Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / DAY_MS);
}

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

export function isWorkingDay(schedule: Schedule, day: string): boolean {
  if (!schedule.working_weekdays.includes(isoWeekday(day))) return false;
  return !schedule.rest.some((r) => r.start_date <= day && day <= r.end_date);
}

export function daysPerWeek(schedule: Schedule): number {
  return new Set(schedule.working_weekdays.filter((d) => d >= 1 && d <= 7)).size;
}

/** Every day from `first` to `last`, both included. */
export function* days(first: string, last: string): Generator<string> {
  for (let day = first; day <= last; day = addDays(day, 1)) yield day;
}

export function countWorkingDays(schedule: Schedule, first: string, last: string): number {
  let n = 0;
  for (const day of days(first, last)) if (isWorkingDay(schedule, day)) n += 1;
  return n;
}

export function nthWorkingDay(schedule: Schedule, first: string, n: number): string | null {
  let seen = 0;
  for (const day of days(first, addDays(first, SEARCH_LIMIT_DAYS))) {
    if (isWorkingDay(schedule, day)) {
      seen += 1;
      if (seen >= n) return day;
    }
  }
  return null;
}

export function weekStart(day: string): string {
  return addDays(day, 1 - isoWeekday(day));
}
