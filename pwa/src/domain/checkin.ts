/** The weekly check-in: one synced record per student and ISO week, with a derived id. */
import { uuid5Sync } from "./uuid5";

/** Namespace of `sync.records.check_in_id`; every device derives the same id for a week. */
export const CHECK_IN_NAMESPACE = "7a1d9e3c-2b4f-4c6a-8e0d-5f3b1a2c9d7e";

/** The ISO week ("2026-W49") of a local calendar day "YYYY-MM-DD", as Python's isocalendar(). */
export function isoWeek(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  const weekday = date.getUTCDay() || 7; // Monday 1 ... Sunday 7
  date.setUTCDate(date.getUTCDate() + 4 - weekday); // the Thursday of this week
  const year = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, "0")}`;
}

export function checkInId(studentId: number, week: string): string {
  return uuid5Sync(CHECK_IN_NAMESPACE, `check_in:${studentId}:${week}`);
}

export const CHECK_IN_QUESTIONS = ["energy", "stress", "sleep"] as const;
export type CheckInQuestion = (typeof CHECK_IN_QUESTIONS)[number];
