/** Quick deadlines a new goal can take in one tap, from the student's local day. */
import { addDays } from "./workdays";

/**
 * The last days of the school terms (quarters) as month-day: Kazakhstan's schools end their
 * quarters around late October, late December, late March and late May.
 */
export const TERM_ENDS = ["10-31", "12-27", "03-20", "05-25"] as const;

/** The coming Friday, the last school day of the week (next week's once the weekend began). */
export function endOfWeek(today: string): string {
  const weekday = new Date(`${today}T12:00:00Z`).getUTCDay(); // Sunday 0 ... Saturday 6
  return addDays(today, (5 - weekday + 7) % 7);
}

export function endOfMonth(today: string): string {
  const [y, m] = today.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The end of the current term: the first term end on or after today. */
export function endOfTerm(today: string): string {
  const year = Number(today.slice(0, 4));
  const candidates = [year, year + 1].flatMap((y) => TERM_ENDS.map((md) => `${y}-${md}`)).sort();
  return candidates.find((day) => day >= today) ?? `${year + 1}-${TERM_ENDS[0]}`;
}
