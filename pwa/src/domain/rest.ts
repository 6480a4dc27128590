/** Planned rest: the student's holidays, illness and exam weeks, which pause the pace clock. */
import type { StoredRecord } from "../sync/db";

export const REST_REASONS = ["holiday", "illness", "exam_week", "other"] as const;
export type RestReason = (typeof REST_REASONS)[number];

export interface RestValues {
  start_date: string;
  end_date: string;
  reason: RestReason;
  note: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Why these values cannot be saved, or null when they can. */
export function restProblem(values: RestValues): "dates" | "order" | null {
  if (!DAY.test(values.start_date) || !DAY.test(values.end_date)) return "dates";
  if (values.end_date < values.start_date) return "order";
  return null;
}

/** Rest periods that have not ended by `today` first (soonest first), then past ones (latest first). */
export function orderedRest(rest: StoredRecord[], today: string): { current: StoredRecord[]; past: StoredRecord[] } {
  const end = (r: StoredRecord) => String(r.fields["end_date"] ?? "");
  const start = (r: StoredRecord) => String(r.fields["start_date"] ?? "");
  const current = rest.filter((r) => end(r) >= today).sort((a, b) => start(a).localeCompare(start(b)));
  const past = rest.filter((r) => end(r) < today).sort((a, b) => end(b).localeCompare(end(a)));
  return { current, past };
}

/** Number of calendar days a period covers, both ends included. */
export function restDays(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000) + 1;
}
