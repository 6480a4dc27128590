/** Dates and durations for display, in the device's locale and time zone. */
import { t } from "../i18n/en";

export function localDay(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, "0");
  const d = String(date.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

export function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
}

export function ago(ms: number, now: number): string {
  const minutes = Math.floor((now - ms) / 60_000);
  if (minutes < 1) return t.units.justNow;
  if (minutes < 60) return t.units.minutesAgo(minutes);
  return t.units.at(clockTime(ms));
}

/** When a saved copy was fetched: "today at 14:05", "yesterday at 09:10", "3 May at 14:05". */
export function fetchedWords(ms: number, now: number = Date.now()): string {
  const time = clockTime(ms);
  const day = localDay(new Date(ms));
  if (day === localDay(new Date(now))) return t.copies.today(time);
  const yesterday = new Date(now);
  yesterday.setDate(yesterday.getDate() - 1);
  if (day === localDay(yesterday)) return t.copies.yesterday(time);
  return t.copies.on(dayWords(ms), time);
}

export function duration(minutes: number): string {
  return t.units.minutes(Math.max(0, Math.round(minutes)));
}

/** Hours a week, to one decimal: "6.5 h". */
export function hoursText(hours: number): string {
  return t.units.hours(number(Math.round(hours * 10) / 10));
}

export function elapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = String(Math.floor((s % 3600) / 60)).padStart(2, "0");
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${m}:${sec}` : `${m}:${sec}`;
}

export function number(n: number): string {
  return n.toLocaleString(undefined, { maximumFractionDigits: 1 });
}

export function newId(): string {
  return crypto.randomUUID();
}

/**
 * Dates are written day first ("21 December"), as the server's nudges and summaries write them,
 * whatever the device's own locale: one date format on every screen.
 */
const DATE_LOCALE = "en-GB";

/** A calendar day ("2026-12-21") in words: "21 December". */
export function calendarDay(day: string): string {
  return new Date(`${day}T12:00:00`).toLocaleDateString(DATE_LOCALE, { day: "numeric", month: "long" });
}

/** A calendar day in short words: "21 Dec". */
export function shortDay(day: string): string {
  return new Date(`${day}T12:00:00`).toLocaleDateString(DATE_LOCALE, { day: "numeric", month: "short" });
}

function dayWords(ms: number, withWeekday = false): string {
  return new Date(ms).toLocaleDateString(DATE_LOCALE, {
    ...(withWeekday ? { weekday: "long" as const } : {}),
    day: "numeric",
    month: "long",
  });
}

/** A digest's period in words: it runs from one send time to the next. */
export function periodWords(kind: string, start: string, end: string): string {
  const until = Date.parse(end);
  if (kind === "daily") return t.digest.day(`${dayWords(until, true)}, ${clockTime(until)}`);
  return t.digest.week(dayWords(Date.parse(start)), dayWords(until));
}

/** How long ago `day` was, counted in the same person's days as `today`: "today", "yesterday",
 * "3 days ago", and from two weeks on its date. */
export function daysAgoWords(day: string, today: string): string {
  const days = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000);
  if (days <= 0) return t.table.today;
  if (days === 1) return t.table.yesterday;
  if (days < 14) return t.table.daysAgo(days);
  return calendarDay(day);
}
