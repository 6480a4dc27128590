import { useState } from "preact/hooks";
import { isoWeek } from "../../domain/checkin";
import { entryMinutes, overlapping, recentEntries, recentWeeks, weekByDay, weekTotals } from "../../domain/time";
import { entryWords, TimeSheet } from "../../components/TimeSheet";
import { WeeksChart, weeksSummary } from "../../components/WeeksChart";
import type { StoredRecord } from "../../sync/db";
import { t } from "../../i18n/messages";
import { recordsOf, useNow, useView } from "../../state/hooks";
import type { SyncClient } from "../../sync/client";
import { duration, weekdayLetter, weekdayTime } from "../../ui/format";

export function Time({ client, timeZone }: { client: SyncClient; timeZone: string }) {
  const view = useView(client);
  const now = useNow(60_000);
  const entries = recordsOf(view, "time_entry");
  // The week is the account's Monday-to-now week; the list below simply shows recent entries.
  const days = weekByDay(entries, now, timeZone);
  const { study, free } = weekTotals(entries, now, timeZone);
  const recent = recentEntries(entries, now);
  const flagged = overlapping(entries, now);
  // null: closed; "new": logging; else the entry being edited.
  const [sheet, setSheet] = useState<StoredRecord | "new" | null>(null);

  const peak = Math.max(60, ...days.map((d) => Math.max(d.totals.study, d.totals.free)));

  return (
    <>
      <h1>{t.time.title}</h1>
      <section class="card log-card" aria-labelledby="log-title">
        <h2 id="log-title">{t.time.log}</h2>
        <p class="muted">{t.time.logIntro}</p>
        <button type="button" class="primary" aria-haspopup="dialog" onClick={() => setSheet("new")}>
          {t.time.logButton}
        </button>
      </section>
      <TimeSheet
        client={client}
        entries={entries}
        now={now}
        open={sheet !== null}
        editing={sheet === "new" ? null : sheet}
        onClose={() => setSheet(null)}
      />
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
                {weekdayLetter(new Date(`${d.day}T12:00:00Z`).getUTCDay())}
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
              const label = entryWords(e);
              const running = f["running"] === true;
              const when = weekdayTime(Date.parse(String(f["started_at"])));
              return (
                <li key={e.id} data-testid="time-entry">
                  <p>
                    {label} · <span class="nowrap">{duration(entryMinutes(e, now))}</span> · {when}
                    {f["private"] === true && <span class="badge">{t.time.privateBadge}</span>}
                    {running && <span class="badge">{t.time.running}</span>}
                    {flagged.has(e.id) && <span class="badge overlap">{t.time.overlapBadge}</span>}
                  </p>
                  {!running && (
                    <button
                      type="button"
                      aria-haspopup="dialog"
                      aria-label={`${t.time.edit}: ${label}, ${when}`}
                      onClick={() => setSheet(e)}
                    >
                      {t.time.edit}
                    </button>
                  )}
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
