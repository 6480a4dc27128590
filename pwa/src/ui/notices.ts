/** What a conflict notice says: which entry, which field and which values, in plain words. */
import { t } from "../i18n/messages";
import type { StoredRecord } from "../sync/db";

/** A value as a student reads it: no JSON, no dashes for "nothing". */
export function valueWords(value: unknown): string {
  if (value === null || value === undefined || value === "") return t.notice.empty;
  if (typeof value === "boolean") return value ? t.notice.yes : t.notice.no;
  if (Array.isArray(value)) return t.notice.items(value.length);
  return typeof value === "string" || typeof value === "number" ? String(value) : JSON.stringify(value);
}

/**
 * The field's name in words: the label the server stored with the notice, else this app's own
 * word for it (notices made before labels were stored), else the field's name made readable.
 */
export function fieldWords(notice: StoredRecord): string {
  const f = notice.fields;
  const name = String(f["field"] ?? "");
  const label = f["field_label"];
  if (typeof label === "string" && label !== "") return label;
  return t.fields[name] ?? name.replace(/_/g, " ");
}

/** Which entry the notice is about; `record` is the entry as the device holds it now. */
export function entryWords(notice: StoredRecord, record: StoredRecord | undefined): string {
  const kind = String(notice.fields["record_kind"] ?? "");
  const title = record?.fields["title"];
  if (kind === "goal" && typeof title === "string" && title !== "") return t.notice.goal(title);
  return t.notice.kinds[kind] ?? t.notice.something;
}

/** The sentence a notice shows. */
export function noticeText(notice: StoredRecord, record: StoredRecord | undefined): string {
  const f = notice.fields;
  const what = entryWords(notice, record);
  const field = fieldWords(notice);
  if (f["reason"] === "deleted") return t.notice.deleted(what, field, valueWords(f["lost_value"]));
  return t.notice.superseded(what, field, valueWords(f["lost_value"]), valueWords(f["winning_value"]));
}
