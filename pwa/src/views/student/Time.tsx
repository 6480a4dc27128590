import { useState } from "preact/hooks";
import { everyOf, oneOf, type FreeCategory, type TimeKind } from "../../api/types";
import { isoWeek } from "../../domain/checkin";
import { entryMinutes, recentEntries, recentWeeks, weekByDay, weekTotals } from "../../domain/time";
import { WeeksChart, weeksSummary } from "../../components/WeeksChart";
import type { StoredRecord } from "../../sync/db";
import { t } from "../../i18n/en";
import { recordsOf, useNow, useView } from "../../state/hooks";
import type { SyncClient } from "../../sync/client";
import { duration, newId } from "../../ui/format";

const CATEGORIES = everyOf<FreeCategory>()(["rest", "sport", "hobby", "friends", "family", "other"]);

function localInputValue(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

export function Time({ client, timeZone }: { client: SyncClient; timeZone: string }) {
  const view = useView(client);
  const now = useNow(60_000);
  const entries = recordsOf(view, "time_entry");
  // The week is the account's Monday-to-now week; the list below simply shows recent entries.
  const days = weekByDay(entries, now, timeZone);
  const { study, free } = weekTotals(entries, now, timeZone);
  const recent = recentEntries(entries, now);
  const [kind, setKind] = useState<TimeKind>("study");
  const [category, setCategory] = useState<FreeCategory>("rest");
  const [minutes, setMinutes] = useState("30");
  const [when, setWhen] = useState(() => localInputValue(Date.now() - 30 * 60_000));
  const [isPrivate, setPrivate] = useState(false);
  const [note, setNote] = useState("");
  const [saved, setSaved] = useState(false);

  function log(event: Event) {
    event.preventDefault();
    const value = Math.round(Number(minutes));
    if (!(value >= 1 && value <= 1440)) return;
    void client.mutate("time.log", {
      id: newId(),
      kind,
      category: kind === "free" ? category : null,
      started_at: new Date(when).toISOString(),
      minutes: value,
      private: isPrivate,
      note,
    });
    setNote("");
    setSaved(true);
  }

  const peak = Math.max(60, ...days.map((d) => Math.max(d.totals.study, d.totals.free)));

  return (
    <>
      <h1>{t.time.title}</h1>
      <section class="card" aria-labelledby="log-title">
        <h2 id="log-title">{t.time.log}</h2>
        <form class="stack" onSubmit={log} onInput={() => setSaved(false)}>
          <fieldset class="choice">
            <legend>{t.time.kind}</legend>
            {(["study", "free"] as const).map((k) => (
              <label key={k} class="radio">
                <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
                {k === "study" ? t.time.study : t.time.free}
              </label>
            ))}
          </fieldset>
          {kind === "free" && (
            <label>
              {t.time.category}
              <select name="category" value={category} onChange={(e) => setCategory(oneOf(CATEGORIES, e.currentTarget.value) ?? "rest")}>
                {CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {t.time.categories[c]}
                  </option>
                ))}
              </select>
            </label>
          )}
          <div class="row">
            <label>
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
            <label>
              {t.time.when}
              <input
                name="started_at"
                type="datetime-local"
                required
                value={when}
                onInput={(e) => setWhen(e.currentTarget.value)}
              />
            </label>
          </div>
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
          <button type="submit" class="primary">
            {t.time.save}
          </button>
          {saved && (
            <p role="status" class="muted">
              {t.time.saved}
            </p>
          )}
        </form>
      </section>
      <section class="card" aria-labelledby="week-title">
        <h2 id="week-title">{t.time.week}</h2>
        <p data-testid="week-summary">{t.time.weekSoFar(duration(study), duration(free))}</p>
        <div class="chart" aria-hidden="true">
          {days.map((d) => (
            <div class="day" key={d.day}>
              <div class="bars">
                <span class="study" style={{ height: `${(d.totals.study / peak) * 100}%` }} />
                <span class="free" style={{ height: `${(d.totals.free / peak) * 100}%` }} />
              </div>
              <span class="label">
                {new Date(`${d.day}T12:00:00Z`).toLocaleDateString(undefined, { weekday: "narrow", timeZone: "UTC" })}
              </span>
            </div>
          ))}
        </div>
        <p class="legend" aria-hidden="true">
          <span class="key study" /> {t.time.legendStudy} <span class="key free" /> {t.time.legendFree}
        </p>
      </section>
      <SixWeeks entries={entries} checkIns={recordsOf(view, "check_in")} now={now} timeZone={timeZone} />
      <section class="card" aria-labelledby="entries-title">
        <h2 id="entries-title">{t.time.entries}</h2>
        {recent.length === 0 ? (
          <p class="muted">{t.time.noEntries}</p>
        ) : (
          <ul class="list">
            {recent.map((e) => {
              const f = e.fields;
              const label =
                f["kind"] === "free"
                  ? `${t.time.free}: ${t.time.categories[String(f["category"] ?? "other")] ?? ""}`
                  : t.time.study;
              return (
                <li key={e.id} data-testid="time-entry">
                  <p>
                    {label} · {duration(entryMinutes(e, now))} ·{" "}
                    {new Date(String(f["started_at"])).toLocaleString(undefined, {
                      weekday: "short",
                      hour: "2-digit",
                      minute: "2-digit",
                    })}
                    {f["private"] === true && <span class="badge">{t.time.privateBadge}</span>}
                  </p>
                  <button
                    type="button"
                    class="danger"
                    aria-label={`${t.time.delete}: ${label}`}
                    onClick={() => void client.mutate("time.delete", { id: e.id })}
                  >
                    {t.time.delete}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}

/** The student's own last six weeks: study and free time beside their check-ins. */
function SixWeeks(props: { entries: StoredRecord[]; checkIns: StoredRecord[]; now: number; timeZone: string }) {
  const checks = props.checkIns.flatMap((c) =>
    typeof c.fields["week"] === "string" && typeof c.fields["stress"] === "number"
      ? [{ week: c.fields["week"], stress: c.fields["stress"] }]
      : [],
  );
  const weeks = recentWeeks(props.entries, checks, props.now, props.timeZone, isoWeek);
  return (
    <section class="card" aria-labelledby="weeks-title" data-testid="six-weeks">
      <h2 id="weeks-title">{t.weeks.title}</h2>
      <p class="muted">{t.weeks.intro}</p>
      <WeeksChart weeks={weeks} summary={weeksSummary(weeks)} />
      <p class="muted">
        <small>{t.weeks.legend}</small>
      </p>
    </section>
  );
}
