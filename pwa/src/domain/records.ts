/**
 * A synced record's fields read as its kind's typed fields (`RecordFields` in the OpenAPI
 * document, from `sync/kinds.py`), once, here. A record that does not read (a field missing or
 * of the wrong type, a day outside the supported window) is null, and its reader skips it, as
 * the server's learner state skips a record that does not decode.
 */
import type { components } from "../api/schema";
import type { StoredRecord } from "../sync/db";

type Schemas = components["schemas"];
export type RecordFields = Schemas["RecordFields"];
export type GoalFields = Schemas["GoalFields"];
export type ProgressFields = Schemas["ProgressFields"];
export type TimeEntryFields = Schemas["TimeEntryFields"];
export type RestFields = Schemas["RestFields"];

/** The supported calendar window (sync/bounds.py): dates outside it never reach the pace. */
const EARLIEST_DAY = "2000-01-01";
const LATEST_DAY = "2099-12-31";
const DAY = /^\d{4}-\d{2}-\d{2}$/;

type Check = (value: unknown) => boolean;
const text: Check = (v) => typeof v === "string";
const number: Check = (v) => typeof v === "number" && Number.isFinite(v);
const flag: Check = (v) => typeof v === "boolean";
const day: Check = (v) => typeof v === "string" && DAY.test(v) && v >= EARLIEST_DAY && v <= LATEST_DAY;
const instant: Check = (v) =>
  typeof v === "string" && !Number.isNaN(Date.parse(v)) && v.slice(0, 4) >= "2000" && v.slice(0, 4) <= "2099";
const optional =
  (check: Check): Check =>
  (v) =>
    v === undefined || v === null || check(v);

/** What each kind's required and optional fields must hold to be read. */
const SHAPES: { [K in keyof RecordFields]?: Record<string, Check> } = {
  goal: { title: text, target: number, unit: text, deadline: day, start_date: optional(day) },
  progress: { goal_id: text, amount: number, occurred_at: instant },
  time_entry: { kind: text, started_at: instant, minutes: optional(number), goal_id: optional(text) },
  rest: { start_date: day, end_date: day },
  mastery: { objective_id: number, mastered: flag, marked_at: instant },
};

/** `record`'s fields as the typed fields of `kind`, or null when they do not read as such. */
export function fieldsOf<K extends keyof RecordFields>(
  record: StoredRecord,
  kind: K,
): RecordFields[K] | null {
  if (record.kind !== kind) return null;
  const shape: Record<string, Check> = SHAPES[kind] ?? {};
  for (const [name, check] of Object.entries(shape)) {
    if (!check(record.fields[name])) return null;
  }
  // Checked above for what the readers rely on; the server checked the rest when it stored it.
  return record.fields as RecordFields[K];
}

/** Every record of `kind` that reads, with its typed fields. */
export function readAll<K extends keyof RecordFields>(
  records: StoredRecord[],
  kind: K,
): { record: StoredRecord; fields: RecordFields[K] }[] {
  return records.flatMap((record) => {
    const fields = fieldsOf(record, kind);
    return fields === null ? [] : [{ record, fields }];
  });
}
