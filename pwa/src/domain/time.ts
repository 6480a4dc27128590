/** Study and free time totals from time entries. */
import type { StoredRecord } from "../sync/db";
import { localDay } from "../ui/format";

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

export function dayOf(entry: StoredRecord): string {
  return localDay(new Date(String(entry.fields["started_at"])));
}

/** Totals per local day for the 7 days ending `now`, oldest first. */
export function week(entries: StoredRecord[], now: number): { day: string; totals: Totals }[] {
  const days: { day: string; totals: Totals }[] = [];
  for (let i = 6; i >= 0; i--) {
    const d = new Date(now);
    d.setDate(d.getDate() - i);
    days.push({ day: localDay(d), totals: { study: 0, free: 0 } });
  }
  const byDay = new Map(days.map((d) => [d.day, d.totals]));
  for (const e of entries) {
    const totals = byDay.get(dayOf(e));
    if (totals === undefined) continue;
    totals[e.fields["kind"] === "free" ? "free" : "study"] += entryMinutes(e, now);
  }
  return days;
}

export function runningTimer(entries: StoredRecord[]): StoredRecord | undefined {
  return entries.find((e) => e.fields["running"] === true);
}
