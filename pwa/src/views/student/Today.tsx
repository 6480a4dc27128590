import { useState } from "preact/hooks";
import { runningTimer, week } from "../../domain/time";
import { t } from "../../i18n/en";
import { recordsOf, useNow, useView } from "../../state/hooks";
import type { SyncClient } from "../../sync/client";
import { clockTime, duration, elapsed, newId } from "../../ui/format";

export function Today({ client }: { client: SyncClient }) {
  const view = useView(client);
  const now = useNow(1000);
  const entries = recordsOf(view, "time_entry");
  const goals = recordsOf(view, "goal").filter((g) => g.fields["status"] !== "abandoned");
  const nudges = recordsOf(view, "nudge").filter((n) => n.fields["dismissed"] !== true);
  const running = runningTimer(entries);
  const today = week(entries, now).at(-1)!.totals;
  const [goalId, setGoalId] = useState("");

  function start() {
    void client.mutate("time.start", {
      id: newId(),
      kind: "study",
      goal_id: goalId === "" ? null : goalId,
      started_at: new Date().toISOString(),
    });
  }

  function stop() {
    if (running) void client.mutate("time.stop", { id: running.id, stopped_at: new Date().toISOString() });
  }

  // The start time is stored, so a running timer survives reloads, sleep and closed tabs.
  const startedAt = running ? Date.parse(String(running.fields["started_at"])) : 0;

  return (
    <>
      <h1>{t.today.title}</h1>
      <section class="card" aria-labelledby="timer-title">
        <h2 id="timer-title">{t.today.timer}</h2>
        {running ? (
          <div class="timer">
            <p class="big" data-testid="timer">
              {elapsed(now - startedAt)}
            </p>
            <p class="muted">{t.today.running(clockTime(startedAt))}</p>
            <button type="button" class="primary" onClick={stop}>
              {t.today.stop}
            </button>
          </div>
        ) : (
          <div class="stack">
            <label>
              {t.today.timerFor}
              <select value={goalId} onChange={(e) => setGoalId(e.currentTarget.value)}>
                <option value="">{t.today.noGoal}</option>
                {goals.map((g) => (
                  <option key={g.id} value={g.id}>
                    {String(g.fields["title"])}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" class="primary" onClick={start}>
              {t.today.start}
            </button>
          </div>
        )}
      </section>
      <section class="totals">
        <div class="card stat study">
          <h2>{t.today.study}</h2>
          <p class="big" data-testid="study-today">
            {duration(today.study)}
          </p>
        </div>
        <div class="card stat free">
          <h2>{t.today.free}</h2>
          <p class="big" data-testid="free-today">
            {duration(today.free)}
          </p>
        </div>
      </section>
      <section class="card" aria-labelledby="nudges-title">
        <h2 id="nudges-title">{t.today.nudges}</h2>
        {nudges.length === 0 ? (
          <p class="muted">{t.today.noNudges}</p>
        ) : (
          <ul class="list">
            {nudges.map((n) => (
              <li key={n.id}>
                <p>{String(n.fields["message"] ?? n.fields["text"] ?? n.fields["title"] ?? "")}</p>
                <button type="button" onClick={() => void client.mutate("nudge.dismiss", { id: n.id })}>
                  {t.today.dismissNudge}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
