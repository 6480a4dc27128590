import { useState } from "preact/hooks";
import { ProgressRing } from "../../components/ProgressRing";
import { amountPhrase } from "../../domain/effort";
import { countedIn, countsObjectives, paceOfRecord, progressOf } from "../../domain/goals";
import { milestonesOf } from "../../domain/milestones";
import type { Pace } from "../../domain/pace";
import { t } from "../../i18n/messages";
import type { SyncClient } from "../../sync/client";
import type { StoredRecord } from "../../sync/db";
import { calendarDay, newId, number } from "../../ui/format";

const EPSILON = 1e-9;

export interface GoalWork {
  progress: StoredRecord[];
  timeEntries: StoredRecord[];
  rest: StoredRecord[];
  mastery: StoredRecord[];
}

/**
 * One-tap progress: +1 and +5 (half an hour and an hour for hour goals) or another amount.
 * `onReached` hears what the step reached (the goal, a milestone), for a small celebration.
 */
export function ProgressChips(props: {
  client: SyncClient;
  goal: StoredRecord;
  done: number;
  onReached: (words: string | null) => void;
}) {
  const { client, goal, done } = props;
  const [custom, setCustom] = useState<string | null>(null);
  const title = String(goal.fields["title"] ?? "");
  const unit = String(goal.fields["unit"] ?? "");
  const steps = unit === "hours" ? [0.5, 1] : [1, 5];

  function add(amount: number) {
    if (!Number.isFinite(amount) || amount === 0) return;
    void client.mutate("progress.add", { id: newId(), goal_id: goal.id, amount, occurred_at: new Date().toISOString() });
    props.onReached(reached(goal, done, done + amount));
  }

  return (
    <div class="chips" role="group" aria-label={t.todayGoals.addTo(title)}>
      {steps.map((n) => (
        <button key={n} type="button" class="chip" onClick={() => add(n)} aria-label={t.todayGoals.addAmount(amountPhrase(n, countedIn(goal.fields)), title)}>
          +{number(n)}
        </button>
      ))}
      {custom === null ? (
        <button type="button" class="chip" onClick={() => setCustom("")} aria-label={t.todayGoals.otherFor(title)}>
          {t.todayGoals.other}
        </button>
      ) : (
        <form
          class="chip-form"
          onSubmit={(e) => {
            e.preventDefault();
            add(Number(custom));
            setCustom(null);
          }}
        >
          <label>
            <span class="sr-only">{t.todayGoals.otherFor(title)}</span>
            <input
              name="amount"
              type="number"
              inputMode="decimal"
              step="any"
              size={4}
              value={custom}
              autoFocus
              onInput={(e) => setCustom(e.currentTarget.value)}
            />
          </label>
          <button type="submit" class="chip">
            {t.todayGoals.log}
          </button>
        </form>
      )}
    </div>
  );
}

/** One compact card per goal being worked on (active, or new and waiting for the teacher): a
 * ring, a labelled pace line, and one-tap progress. */
export function TodayGoals(props: { client: SyncClient; goals: StoredRecord[]; work: GoalWork; timeZone: string; now: number }) {
  const active = props.goals.filter((g) => g.fields["status"] === "active" || g.fields["status"] === "proposed");
  if (active.length === 0) {
    return (
      <section class="card" aria-labelledby="today-goals">
        <h2 id="today-goals">{t.todayGoals.title}</h2>
        <p class="muted">
          {t.todayGoals.none}{" "}
          <a class="button-link" href="#/goals">
            {t.todayGoals.addFirst}
          </a>
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="today-goals">
      <h2 id="today-goals" class="section-title">
        {t.todayGoals.title}
      </h2>
      <ul class="plain today-goals">
        {active.map((g) => {
          const { progress, timeEntries, rest, mastery } = props.work;
          const pace = paceOfRecord(g, progress, timeEntries, rest, props.timeZone, props.now, mastery);
          const done = pace?.done ?? progressOf(g, progress, mastery);
          return <GoalNow key={g.id} client={props.client} goal={g} done={done} pace={pace} />;
        })}
      </ul>
    </section>
  );
}

/** What reaching `after` from `before` means: the goal itself, or a milestone on the way. */
function reached(goal: StoredRecord, before: number, after: number): string | null {
  const target = Number(goal.fields["target"] ?? 0);
  if (before < target - EPSILON && after >= target - EPSILON) return t.todayGoals.goalReached;
  const milestone = milestonesOf(goal).find((m) => before < m.amount - EPSILON && after >= m.amount - EPSILON);
  return milestone ? t.todayGoals.milestoneReached(milestone.title) : null;
}

function GoalNow({ client, goal, done, pace }: { client: SyncClient; goal: StoredRecord; done: number; pace: Pace | null }) {
  const [cheer, setCheer] = useState<string | null>(null);
  const f = goal.fields;
  const title = String(f["title"] ?? "");
  const target = Number(f["target"] ?? 0);
  const unit = String(f["unit"] ?? "");
  const headingId = `today-goal-${goal.id}`;

  const projected =
    pace?.projected_finish != null ? t.todayGoals.projected(calendarDay(pace.projected_finish)) : t.todayGoals.noProjection;
  return (
    <li class="card goal-now" aria-labelledby={headingId} data-testid="today-goal">
      <div class="goal-now-head">
        <ProgressRing share={target > 0 ? done / target : 0} expected={pace && target > 0 ? pace.due_today / target : null} />
        <div>
          <h3 id={headingId}>{title}</h3>
          <p data-testid="today-goal-progress">
            {t.units.of(done, target, countedIn(f))}
            {f["status"] === "proposed" ? (
              <> · {t.goals.status["proposed"]}</>
            ) : (
              pace !== null && <> · {t.pace.status[pace.status] ?? pace.status}</>
            )}
          </p>
          <p class="muted pace-line" data-testid="today-goal-pace">
            {t.todayGoals.paceLine(
              pace !== null ? number(pace.due_today) : "–",
              projected,
              calendarDay(String(f["deadline"] ?? "")),
            )}
          </p>
        </div>
      </div>
      {countsObjectives(goal) ? (
        <p class="muted">{t.mastery.countedByTeacher}</p>
      ) : (
        <ProgressChips client={client} goal={goal} done={done} onReached={setCheer} />
      )}
      {cheer !== null && (
        <p class="cheer" role="status" data-testid="cheer">
          {cheer}
        </p>
      )}
    </li>
  );
}

/** What the teachers decided in the last week: approvals and returns, newest first. */
export function RecentDecisions({ goals, requests, now }: { goals: StoredRecord[]; requests: StoredRecord[]; now: number }) {
  const since = now - 7 * 86_400_000;
  const titleOf = (id: unknown) => String(goals.find((g) => g.id === id)?.fields["title"] ?? "");
  const items = [
    ...goals
      .filter((g) => typeof g.fields["decided_ms"] === "number")
      .map((g) => ({
        key: g.id,
        at: Number(g.fields["decided_ms"]),
        title: String(g.fields["title"] ?? ""),
        returned: g.fields["status"] === "returned",
        comment: g.fields["teacher_comment"],
      })),
    ...requests
      .filter((r) => typeof r.fields["decided_ms"] === "number" && r.fields["status"] !== "pending")
      .map((r) => ({
        key: r.id,
        at: Number(r.fields["decided_ms"]),
        title: titleOf(r.fields["goal_id"]),
        returned: r.fields["status"] === "returned",
        comment: r.fields["teacher_comment"],
      })),
  ]
    .filter((d) => d.at >= since && d.title !== "")
    .sort((a, b) => b.at - a.at)
    .slice(0, 3);
  if (items.length === 0) return null;
  return (
    <section class="card" aria-labelledby="decisions-title" data-testid="recent-decisions">
      <h2 id="decisions-title">{t.todayGoals.decisions}</h2>
      <ul class="plain">
        {items.map((d) => (
          <li key={d.key}>
            {d.returned ? t.todayGoals.returned(d.title) : t.todayGoals.approved(d.title)}
            {typeof d.comment === "string" && d.comment.trim() !== "" && <span class="muted"> “{d.comment}”</span>}
            {d.returned && (
              <>
                {" "}
                <a href="#/goals">{t.todayGoals.rework}</a>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
