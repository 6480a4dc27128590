/**
 * The sheet that logs study or free time, or edits an entry: duration chips, a start that
 * defaults to "ended just now", and a warning before saving time that overlaps another entry
 * (which may still be saved: the student knows best what happened).
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { everyOf, oneOf, type FreeCategory, type TimeKind } from "../api/types";
import { DURATION_CHIPS, entrySpan, overlapsWith, type Span } from "../domain/time";
import { t } from "../i18n/messages";
import type { SyncClient } from "../sync/client";
import type { StoredRecord } from "../sync/db";
import { clockTime, newId } from "../ui/format";
import { Chips } from "./Chips";

export const CATEGORIES = everyOf<FreeCategory>()(["rest", "sport", "hobby", "friends", "family", "other"]);

type When = "now" | "before" | "pick";

function localInputValue(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

/** What an entry is, in words: "study", "free time (sport)". */
export function entryWords(entry: StoredRecord): string {
  const f = entry.fields;
  if (f["kind"] !== "free") return t.time.study;
  return `${t.time.free}: ${t.time.categories[String(f["category"] ?? "other")] ?? ""}`;
}

/** Whether an edit leaves `key` as the entry has it (a start to the minute the form shows). */
function sameValue(entry: StoredRecord, key: string, value: unknown): boolean {
  const f = entry.fields;
  if (key === "started_at") {
    return Math.floor(Date.parse(String(f["started_at"])) / 60_000) === Math.floor(Date.parse(String(value)) / 60_000);
  }
  if (key === "private") return (f["private"] === true) === value;
  if (key === "note") return (typeof f["note"] === "string" ? f["note"] : "") === value;
  return (f[key] ?? null) === value;
}

function spanWords(span: Span): string {
  return t.time.span(clockTime(span.start), clockTime(span.end));
}

interface Props {
  client: SyncClient;
  entries: StoredRecord[];
  now: number;
  /** The entry to edit, or null to log a new one. */
  editing: StoredRecord | null;
  open: boolean;
  onClose: () => void;
}

export function TimeSheet(props: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);

  return (
    <dialog ref={ref} class="sheet" aria-labelledby="sheet-title" onClose={props.onClose}>
      {props.open && <SheetForm {...props} />}
    </dialog>
  );
}

function SheetForm({ client, entries, now, editing, onClose }: Props) {
  const f = editing?.fields ?? {};
  const [kind, setKind] = useState<TimeKind>(f["kind"] === "free" ? "free" : "study");
  const [category, setCategory] = useState<FreeCategory>(oneOf(CATEGORIES, f["category"]) ?? "rest");
  const [minutes, setMinutes] = useState(String(typeof f["minutes"] === "number" ? f["minutes"] : 30));
  const [when, setWhen] = useState<When>(editing === null ? "now" : "pick");
  const [picked, setPicked] = useState(() =>
    localInputValue(editing === null ? now - 30 * 60_000 : Date.parse(String(f["started_at"]))),
  );
  const [isPrivate, setPrivate] = useState(f["private"] === true);
  const [note, setNote] = useState(typeof f["note"] === "string" ? f["note"] : "");
  // The entry logged last in this sheet: the next one defaults to right before it.
  const [previous, setPrevious] = useState<{ span: Span; words: string } | null>(null);
  const [status, setStatus] = useState("");

  const value = Number(minutes);
  const validMinutes = Number.isInteger(value) && value >= 1 && value <= 1440;
  const length = (validMinutes ? value : 0) * 60_000;
  const start =
    when === "now"
      ? now - length
      : when === "before" && previous !== null
        ? previous.span.start - length
        : Date.parse(picked);
  const span: Span | null = Number.isNaN(start) ? null : { start, end: start + length };
  const future = span !== null && span.start > now;
  const clashes = span === null || !validMinutes ? [] : overlapsWith(span, entries, now, editing?.id);
  const problem = !validMinutes ? t.time.invalidMinutes : span === null || future ? t.time.futureStart : null;

  const whenOptions = [
    { value: "now" as const, label: t.time.endedNow },
    ...(previous === null
      ? []
      : [{ value: "before" as const, label: t.time.endedBefore(previous.words, clockTime(previous.span.start)) }]),
    { value: "pick" as const, label: t.time.pickStart },
  ];

  function save(event: Event) {
    event.preventDefault();
    if (problem !== null || span === null) return;
    const another = (event as SubmitEvent).submitter?.getAttribute("value") === "another";
    const startedAt = new Date(span.start).toISOString();
    const fields = {
      kind,
      category: kind === "free" ? category : null,
      started_at: startedAt,
      minutes: value,
      private: isPrivate,
      note,
    };
    if (editing !== null) {
      const changes: Record<string, unknown> = {};
      const base: Record<string, string> = {};
      for (const [key, v] of Object.entries(fields)) {
        if (sameValue(editing, key, v)) continue;
        changes[key] = v;
        const clock = editing.clocks[key];
        if (clock !== undefined) base[key] = clock;
      }
      if (Object.keys(changes).length > 0) void client.mutate("time.update", { id: editing.id, base, ...changes });
      onClose();
      return;
    }
    // "Ended just now" means when it is saved, not when the sheet last redrew.
    if (when === "now") fields.started_at = new Date(Date.now() - length).toISOString();
    void client.mutate("time.log", { id: newId(), goal_id: null, ...fields });
    if (!another) {
      onClose();
      return;
    }
    const words = kind === "free" ? t.time.categories[category] ?? t.time.free : t.time.study;
    const began = Date.parse(fields.started_at);
    setPrevious({ span: { start: began, end: began + length }, words: words.toLowerCase() });
    setWhen("before");
    setNote("");
    setStatus(t.time.loggedNext(`${t.time.chip(value)} ${words.toLowerCase()}`));
  }

  function remove() {
    if (editing !== null) void client.mutate("time.delete", { id: editing.id });
    onClose();
  }

  return (
    <form class="stack" onSubmit={save}>
      <div class="sheet-head">
        <h2 id="sheet-title">{editing === null ? t.time.log : t.time.editTitle}</h2>
        <button type="button" onClick={onClose}>
          {t.time.close}
        </button>
      </div>
      <p role="status" class="muted" data-testid="sheet-status">
        {status}
      </p>
      <Chips
        legend={t.time.kind}
        name="kind"
        value={kind}
        onChange={(k) => setKind(k)}
        options={[
          { value: "study", label: t.time.study },
          { value: "free", label: t.time.free },
        ]}
      />
      {kind === "free" && (
        <Chips
          legend={t.time.category}
          name="category"
          value={category}
          onChange={setCategory}
          options={CATEGORIES.map((c) => ({ value: c, label: t.time.categories[c] ?? c }))}
        />
      )}
      <Chips
        legend={t.time.howLong}
        name="duration"
        value={DURATION_CHIPS.find((d) => d === value) ?? null}
        onChange={(m) => setMinutes(String(m))}
        options={DURATION_CHIPS.map((m) => ({ value: m, label: t.time.chip(m) }))}
      />
      <label class="inline">
        {t.time.minutes}
        <input
          name="minutes"
          type="number"
          inputMode="numeric"
          min="1"
          max="1440"
          required
          value={minutes}
          onInput={(e) => setMinutes(e.currentTarget.value)}
        />
      </label>
      <Chips legend={t.time.whenLegend} name="when" value={when} onChange={setWhen} options={whenOptions} />
      {when === "pick" && (
        <label class="narrow">
          {t.time.when}
          <input
            name="started_at"
            type="datetime-local"
            required
            value={picked}
            onInput={(e) => setPicked(e.currentTarget.value)}
          />
        </label>
      )}
      <details class="more">
        <summary>{t.time.more}</summary>
        <div class="stack">
          <div>
            <label class="check">
              <input
                type="checkbox"
                name="private"
                checked={isPrivate}
                aria-describedby="private-hint"
                onChange={(e) => setPrivate(e.currentTarget.checked)}
              />
              {t.time.private}
            </label>
            <p id="private-hint" class="muted">
              {t.time.privateHint}
            </p>
          </div>
          <label>
            {t.time.note}
            <input name="note" maxLength={2000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          </label>
        </div>
      </details>
      <div class="sheet-actions">
        {span !== null && validMinutes && (
          <p class="muted" data-testid="sheet-span">
            {spanWords(span)}
          </p>
        )}
        <div class="live" aria-live="polite">
          {problem !== null ? (
            <p class="error">{problem}</p>
          ) : (
            clashes.length > 0 && (
              <p class="warn-note" id="overlap-warning" data-testid="overlap-warning">
                {t.time.overlapWarn(
                  clashes.map((c) => `${entryWords(c).toLowerCase()} ${spanWords(entrySpan(c, now) as Span)}`).join(", "),
                )}
              </p>
            )
          )}
        </div>
        {editing === null ? (
          <>
            <button type="submit" class="primary" aria-describedby={clashes.length > 0 ? "overlap-warning" : undefined}>
              {clashes.length > 0 ? t.time.saveAnyway : t.time.save}
            </button>
            <button type="submit" value="another">
              {t.time.logAnother}
            </button>
          </>
        ) : (
          <>
            <button type="submit" class="primary" aria-describedby={clashes.length > 0 ? "overlap-warning" : undefined}>
              {t.time.saveEdit}
            </button>
            <button type="button" class="danger" onClick={remove}>
              {t.time.delete}
            </button>
          </>
        )}
      </div>
    </form>
  );
}
