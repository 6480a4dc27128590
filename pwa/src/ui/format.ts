/** Dates, numbers and durations for display: in the reader's language, in the device's time zone. */
import { locale } from "../i18n/language";
import { t } from "../i18n/messages";

export function localDay(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, "0");
  const d = String(date.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

export function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString(locale(), { hour: "2-digit", minute: "2-digit" });
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
  return n.toLocaleString(locale(), { maximumFractionDigits: 1 });
}

export function newId(): string {
  return crypto.randomUUID();
}

// Dates follow the reader's language, never the phone's own locale: a Russian phone showing
// English words would otherwise write "12 декабря" among them. All three write the day first.

/** A calendar day ("2026-12-21") in words: "21 December". */
export function calendarDay(day: string): string {
  const date = new Date(`${day}T12:00:00`);
  return Number.isNaN(date.getTime()) ? day : t.dates.day(date.getDate(), t.dates.months[date.getMonth()] ?? "");
}

/** A calendar day in short words: "21 Dec". */
export function shortDay(day: string): string {
  const date = new Date(`${day}T12:00:00`);
  return Number.isNaN(date.getTime()) ? day : t.dates.day(date.getDate(), t.dates.monthsShort[date.getMonth()] ?? "");
}

/** A weekday's one-letter name ("M"), Sunday being 0. */
export function weekdayLetter(weekday: number): string {
  return t.dates.weekdaysNarrow[weekday] ?? "";
}

/** When in a week: "Tue 17:00". */
export function weekdayTime(ms: number): string {
  return `${t.dates.weekdaysShort[new Date(ms).getDay()] ?? ""} ${clockTime(ms)}`;
}

function dayWords(ms: number, withWeekday = false): string {
  const date = new Date(ms);
  const month = t.dates.months[date.getMonth()] ?? "";
  if (!withWeekday) return t.dates.day(date.getDate(), month);
  return t.dates.weekdayDay(t.dates.weekdays[date.getDay()] ?? "", date.getDate(), month);
}

/** A moment in words: "21 December, 14:05". */
export function momentWords(ms: number): string {
  return `${dayWords(ms)}, ${clockTime(ms)}`;
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
