/**
 * Study and free time totals from time entries, for the one "today" and the one "this week"
 * every screen shows (the server's backend/goals/load.py `week_time`):
 *
 * - today: from local midnight to now;
 * - this week: from Monday 00:00 to now, so a week across a daylight-saving change holds 167
 *   or 169 hours.
 *
 * "Local" is the account's time zone, never the device's. An entry crossing a boundary counts
 * only its minutes inside the span and before now; a running timer counts up to now.
 */
import type { StoredRecord } from "../sync/db";
import { dayBounds, dayIn, startOfDay } from "./calendar";
import { addDays, weekStart } from "./workdays";

export interface Totals {
  study: number;
  free: number;
}

/** Minutes of an entry: logged, stopped (from its start and stop), or running until `now`. */
export function entryMinutes(entry: StoredRecord, now: number): number {
  const f = entry.fields;
  if (typeof f["minutes"] === "number") return f["minutes"];
  const start = Date.parse(String(f["started_at"]));
  if (Number.isNaN(start)) return 0;
  const end = f["running"] === true ? now : Date.parse(String(f["stopped_at"] ?? ""));
  return Number.isNaN(end) ? 0 : Math.max(0, (end - start) / 60_000);
}

/** The local day an entry started on, in `timeZone`. */
export function dayOf(entry: StoredRecord, timeZone: string): string {
  return dayIn(Date.parse(String(entry.fields["started_at"])), timeZone);
}

/** Study and free minutes of `entries` between the instants `from` and `until`. */
export function totalsBetween(entries: StoredRecord[], from: number, until: number, now: number): Totals {
  const totals: Totals = { study: 0, free: 0 };
  for (const e of entries) {
    const began = Date.parse(String(e.fields["started_at"]));
    if (Number.isNaN(began)) continue;
    const ended = began + entryMinutes(e, now) * 60_000;
    const inside = Math.min(ended, until, now) - Math.max(began, from);
    if (inside > 0) totals[e.fields["kind"] === "free" ? "free" : "study"] += inside / 60_000;
  }
  return totals;
}

/** The local week containing `now`: Monday 00:00 and the next Monday 00:00, as instants. */
export function weekBounds(now: number, timeZone: string): { start: number; end: number; monday: string } {
  const monday = weekStart(dayIn(now, timeZone));
  return { start: startOfDay(monday, timeZone), end: startOfDay(addDays(monday, 7), timeZone), monday };
}

/** This week's totals: Monday 00:00 to now, in the account's time zone. */
export function weekTotals(entries: StoredRecord[], now: number, timeZone: string): Totals {
  const { start, end } = weekBounds(now, timeZone);
  return totalsBetween(entries, start, end, now);
}

/** Today's totals: local midnight to now, in the account's time zone. */
export function todayTotals(entries: StoredRecord[], now: number, timeZone: string): Totals {
  const { start, end } = dayBounds(now, timeZone);
  return totalsBetween(entries, start, end, now);
}

/**
 * This week day by day, Monday to Sunday (days still to come are empty), for a chart; the days
 * add up to `weekTotals`.
 */
export function weekByDay(entries: StoredRecord[], now: number, timeZone: string): { day: string; totals: Totals }[] {
  const { monday } = weekBounds(now, timeZone);
  return Array.from({ length: 7 }, (_, i) => {
    const day = addDays(monday, i);
    const totals = totalsBetween(entries, startOfDay(day, timeZone), startOfDay(addDays(day, 1), timeZone), now);
    return { day, totals };
  });
}

/** Entries that started in the last `days` days up to `now`, newest first. */
export function recentEntries(entries: StoredRecord[], now: number, days = 7): StoredRecord[] {
  const since = now - days * 86_400_000;
  return entries
    .filter((e) => {
      const began = Date.parse(String(e.fields["started_at"]));
      return began >= since || e.fields["running"] === true;
    })
    .sort((a, b) => String(b.fields["started_at"]).localeCompare(String(a.fields["started_at"])));
}

export interface WeekSummary {
  /** Monday of the local week. */
  weekStart: string;
  week: string;
  study: number;
  free: number;
  /** The week's check-in stress (1-5), or null without one. */
  stress: number | null;
}

/** Weeks the side-by-side history covers (backend/learner/state.py RECENT_WEEKS). */
export const RECENT_WEEKS = 6;

/**
 * This local week and the five before it, oldest first, each counted as "this week" is, with
 * the week's check-in beside it: the learner state's `recent_weeks`, read offline.
 */
export function recentWeeks(
  entries: StoredRecord[],
  checkIns: { week: string; stress: number }[],
  now: number,
  timeZone: string,
  isoWeekOf: (day: string) => string,
): WeekSummary[] {
  const found: WeekSummary[] = [];
  const thisMonday = weekBounds(now, timeZone).monday;
  for (let back = RECENT_WEEKS - 1; back >= 0; back--) {
    const monday = addDays(thisMonday, -7 * back);
    const totals = totalsBetween(entries, startOfDay(monday, timeZone), startOfDay(addDays(monday, 7), timeZone), now);
    const week = isoWeekOf(monday);
    found.push({
      weekStart: monday,
      week,
      study: Math.round(totals.study),
      free: Math.round(totals.free),
      stress: checkIns.find((c) => c.week === week)?.stress ?? null,
    });
  }
  return found;
}

/** When something ran, as instants. */
export interface Span {
  start: number;
  end: number;
}

/** Overlaps shorter than this are the rounding of minutes, not two things at once. */
export const OVERLAP_MS = 60_000;

/** When an entry ran: from its start for its minutes (a running timer until `now`). */
export function entrySpan(entry: StoredRecord, now: number): Span | null {
  const start = Date.parse(String(entry.fields["started_at"]));
  if (Number.isNaN(start)) return null;
  return { start, end: start + entryMinutes(entry, now) * 60_000 };
}

function shared(a: Span, b: Span): number {
  return Math.min(a.end, b.end) - Math.max(a.start, b.start);
}

/**
 * The entries of `entries` that ran at the same time as `span` for at least a minute, earliest
 * first, leaving out the entry `exceptId` (the one being edited).
 */
export function overlapsWith(span: Span, entries: StoredRecord[], now: number, exceptId?: string): StoredRecord[] {
  return entries
    .filter((e) => e.id !== exceptId)
    .map((e) => [e, entrySpan(e, now)] as const)
    .filter(([, s]) => s !== null && shared(span, s) >= OVERLAP_MS)
    .sort(([, a], [, b]) => (a as Span).start - (b as Span).start)
    .map(([e]) => e);
}

/** The ids of entries that overlap another entry of the same person (the same space). */
export function overlapping(entries: StoredRecord[], now: number): Set<string> {
  const found = new Set<string>();
  const spans = entries.flatMap((e) => {
    const span = entrySpan(e, now);
    return span === null ? [] : [{ e, span }];
  });
  spans.sort((a, b) => a.span.start - b.span.start);
  for (let i = 0; i < spans.length; i++) {
    const a = spans[i] as (typeof spans)[number];
    for (let j = i + 1; j < spans.length; j++) {
      const b = spans[j] as (typeof spans)[number];
      if (b.span.start >= a.span.end) break;
      if (a.e.space === b.e.space && shared(a.span, b.span) >= OVERLAP_MS) {
        found.add(a.e.id);
        found.add(b.e.id);
      }
    }
  }
  return found;
}

/** The durations the log sheet offers as one tap, in minutes. */
export const DURATION_CHIPS = [15, 30, 45, 60, 90, 120] as const;
