import { useState } from "preact/hooks";
import { orderedRest, REST_REASONS, restDays, restProblem, type RestReason } from "../../domain/rest";
import { t } from "../../i18n/messages";
import { recordsOf, useView } from "../../state/hooks";
import type { SyncClient } from "../../sync/client";
import type { StoredRecord } from "../../sync/db";
import { localDay, newId, shortDay } from "../../ui/format";

/** Holidays, illness and exam weeks: offline like every change, and the pace pauses on them. */
export function PlannedRest({ client }: { client: SyncClient }) {
  const view = useView(client);
  const today = localDay(new Date());
  const { current, past } = orderedRest(recordsOf(view, "rest"), today);
  const [start, setStart] = useState(today);
  const [end, setEnd] = useState(today);
  const [reason, setReason] = useState<RestReason>("holiday");
  const [note, setNote] = useState("");
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  function add(event: Event) {
    event.preventDefault();
    const values = { start_date: start, end_date: end, reason, note: note.trim() };
    const problem = restProblem(values);
    if (problem !== null) {
      setMessage({ text: t.rest.errors[problem]!, error: true });
      return;
    }
    void client.mutate("rest.create", { id: newId(), ...values });
    setNote("");
    setMessage({ text: t.rest.saved, error: false });
  }

  const line = (r: StoredRecord) => {
    const from = String(r.fields["start_date"] ?? "");
    const to = String(r.fields["end_date"] ?? "");
    const why = t.rest.reasons[String(r.fields["reason"] ?? "other")] ?? "";
    return t.rest.line(why, shortDay(from), shortDay(to), restDays(from, to));
  };

  const item = (r: StoredRecord) => (
    <li key={r.id} data-testid="rest">
      <p>
        {line(r)}
        {typeof r.fields["note"] === "string" && r.fields["note"] !== "" && (
          <>
            <br />
            <span class="muted">{r.fields["note"]}</span>
          </>
        )}
      </p>
      <button
        type="button"
        class="danger"
        aria-label={`${t.rest.remove}: ${line(r)}`}
        onClick={() => void client.mutate("rest.delete", { id: r.id })}
      >
        {t.rest.remove}
      </button>
    </li>
  );

  return (
    <section class="card stack" aria-labelledby="rest-title">
      <h2 id="rest-title">{t.rest.title}</h2>
      <p>{t.rest.intro}</p>
      {current.length === 0 ? <p class="muted">{t.rest.empty}</p> : <ul class="list">{current.map(item)}</ul>}
      <form class="stack" onSubmit={add} onInput={() => setMessage(null)}>
        <div class="row">
          <label>
            {t.rest.from}
            <input name="start_date" type="date" required value={start} onInput={(e) => setStart(e.currentTarget.value)} />
          </label>
          <label>
            {t.rest.to}
            <input name="end_date" type="date" required value={end} onInput={(e) => setEnd(e.currentTarget.value)} />
          </label>
        </div>
        <div class="field">
          <label for="rest-reason">{t.rest.reason}</label>
          <select id="rest-reason" name="reason" value={reason} onChange={(e) => setReason(e.currentTarget.value as RestReason)}>
            {REST_REASONS.map((r) => (
              <option key={r} value={r}>
                {t.rest.reasons[r]}
              </option>
            ))}
          </select>
        </div>
        <label>
          {t.rest.note}
          <input name="note" maxLength={2000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
        <button type="submit" class="primary">
          {t.rest.add}
        </button>
        {message !== null && (
          <p role={message.error ? "alert" : "status"} class={message.error ? "error" : "muted"}>
            {message.text}
          </p>
        )}
      </form>
      {past.length > 0 && (
        <>
          <h3>{t.rest.past}</h3>
          <ul class="list">{past.slice(0, 5).map(item)}</ul>
        </>
      )}
    </section>
  );
}
