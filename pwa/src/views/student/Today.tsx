import { FocusTimer } from "../../components/FocusTimer";
import { todayTotals, weekTotals } from "../../domain/time";
import { studentWeek } from "../../domain/week";
import { t } from "../../i18n/en";
import { recordsOf, useNow, useView } from "../../state/hooks";
import { CheckIn } from "./CheckIn";
import { PrivacyNotice } from "./PrivacyNotice";
import { Track } from "./Track";
import type { SyncClient } from "../../sync/client";
import type { StoredRecord } from "../../sync/db";
import { duration } from "../../ui/format";

export function Today({ client, timeZone, noticeSeen = true }: { client: SyncClient; timeZone: string; noticeSeen?: boolean }) {
  const view = useView(client);
  const now = useNow(1000);
  const entries = recordsOf(view, "time_entry");
  const goals = recordsOf(view, "goal").filter((g) => g.fields["status"] !== "abandoned");
  const nudges = recordsOf(view, "nudge")
    .filter((n) => n.fields["dismissed"] !== true && !n.fields["acted"])
    .sort((a, b) => String(b.fields["fired_at"]).localeCompare(String(a.fields["fired_at"])));
  const today = todayTotals(entries, now, timeZone);
  const thisWeek = weekTotals(entries, now, timeZone);
  const week = studentWeek(
    {
      goals,
      progress: recordsOf(view, "progress"),
      timeEntries: entries,
      rest: recordsOf(view, "rest"),
      mastery: recordsOf(view, "mastery"),
      preferences: recordsOf(view, "preferences")[0],
      track: recordsOf(view, "track")[0],
      checkIns: recordsOf(view, "check_in"),
    },
    timeZone,
    now,
  );
  return (
    <>
      <h1>{t.today.title}</h1>
      <PrivacyNotice seen={noticeSeen} />
      <CheckIn client={client} timeZone={timeZone} />
      <Track client={client} />
      <FocusTimer client={client} goals={goals} entries={entries} />
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
      <p class="muted" data-testid="week-today">
        {t.today.week(duration(thisWeek.study), duration(thisWeek.free))}
      </p>
      {week.plan !== null && (
        <p class={week.plan === "talk_to_mentor" ? "note" : "muted"} data-testid="week-load">
          {week.plan === "talk_to_mentor" ? t.load.talk : t.load.heavy}
        </p>
      )}
      <section class="card" aria-labelledby="nudges-title">
        <h2 id="nudges-title">{t.today.nudges}</h2>
        {nudges.length === 0 ? (
          <p class="muted">{t.today.noNudges}</p>
        ) : (
          <ul class="nudges">
            {nudges.map((n) => (
              <NudgeCard key={n.id} client={client} nudge={n} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

interface NudgeAction {
  kind: string;
  label: string;
  goal_id: string | null;
}

/** Where each nudge action takes the student. */
const ACTION_SCREEN: Record<string, string> = {
  adjust_goal: "#/goals",
  stretch_goal: "#/goals",
  log_progress: "#/goals",
  plan_rest: "#/settings",
};

function NudgeCard({ client, nudge }: { client: SyncClient; nudge: StoredRecord }) {
  const f = nudge.fields;
  const actions = Array.isArray(f["actions"]) ? (f["actions"] as NudgeAction[]) : [];
  const headingId = `nudge-${nudge.id}`;

  function act(action: NudgeAction) {
    void client.mutate("nudge.act", { id: nudge.id, action: action.kind });
    const goalId = action.goal_id ?? (typeof f["goal_id"] === "string" ? f["goal_id"] : null);
    // "Adjust my goal" opens that goal's edit form, asking why, so a held change reaches the teacher.
    if (action.kind === "adjust_goal" && goalId !== null) window.location.hash = `#/goals/adjust/${goalId}`;
    else window.location.hash = ACTION_SCREEN[action.kind] ?? "#/goals";
  }

  return (
    <li class="nudge" aria-labelledby={headingId} data-testid="nudge">
      <h3 id={headingId}>{String(f["title"] ?? "")}</h3>
      {typeof f["body"] === "string" && <p>{f["body"]}</p>}
      {typeof f["plan_prompt"] === "string" && f["plan_prompt"] !== "" && (
        <p class="muted">{f["plan_prompt"]}</p>
      )}
      <div class="row">
        {actions.map((a) => (
          <button type="button" class="primary" key={a.kind} onClick={() => act(a)}>
            {a.label}
          </button>
        ))}
        <button type="button" onClick={() => void client.mutate("nudge.dismiss", { id: nudge.id })}>
          {t.today.dismissNudge}
        </button>
      </div>
    </li>
  );
}
