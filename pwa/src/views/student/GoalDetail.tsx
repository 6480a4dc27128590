import { countedIn, goalEvents } from "../../domain/goals";
import { localDate, type Pace } from "../../domain/pace";
import { t } from "../../i18n/messages";
import type { StoredRecord } from "../../sync/db";
import { calendarDay, number } from "../../ui/format";

const WIDTH = 320;
const HEIGHT = 160;
const PAD = 8;

function dayNumber(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 86_400_000;
}

/** The goal's own page: its pace chart (progress so far against the line to the deadline) and
 * its history (work logged, decisions made), newest first. */
export function GoalDetail(props: {
  goal: StoredRecord;
  pace: Pace | null;
  progress: StoredRecord[];
  mastery: StoredRecord[];
  requests: StoredRecord[];
  timeZone: string;
  className: string | null;
}) {
  const f = props.goal.fields;
  const title = String(f["title"] ?? "");
  const target = Number(f["target"] ?? 0);
  const unit = String(f["unit"] ?? "");
  const counted = countedIn(f);
  const deadline = String(f["deadline"] ?? "");
  const events = goalEvents(props.goal, props.progress, props.mastery)
    .map((e) => ({ day: localDate(e.occurred_at, props.timeZone), amount: e.amount }))
    .sort((a, b) => a.day.localeCompare(b.day));
  const start = typeof f["start_date"] === "string" ? f["start_date"] : (events[0]?.day ?? deadline);
  const done = events.reduce((sum, e) => sum + e.amount, 0);

  // Cumulative progress by day, from the start to the last day with work.
  const first = Math.min(dayNumber(start), events[0] ? dayNumber(events[0].day) : dayNumber(start));
  const last = Math.max(dayNumber(deadline), first + 1);
  const x = (day: number) => PAD + ((day - first) / (last - first)) * (WIDTH - 2 * PAD);
  const top = Math.max(target, done, 1);
  const y = (amount: number) => HEIGHT - PAD - (amount / top) * (HEIGHT - 2 * PAD);
  let running = 0;
  const points = [`${x(first)},${y(0)}`];
  for (const e of events) {
    running += e.amount;
    points.push(`${x(dayNumber(e.day))},${y(running)}`);
  }

  const decisions = [props.goal, ...props.requests.filter((r) => r.fields["goal_id"] === props.goal.id)]
    .filter((r) => typeof r.fields["decided_ms"] === "number")
    .map((r) => ({
      day: localDate(new Date(Number(r.fields["decided_ms"])).toISOString(), props.timeZone),
      what: r.fields["status"] === "returned" ? t.todayGoals.returned(title) : t.todayGoals.approved(title),
      comment: typeof r.fields["teacher_comment"] === "string" ? r.fields["teacher_comment"] : "",
    }));
  const history = [
    ...events.map((e, i) => ({ key: `p${i}`, day: e.day, words: t.goals.historyProgress(`${e.amount > 0 ? "+" : ""}${t.units.count(e.amount, counted)}`, calendarDay(e.day)) })),
    ...decisions.map((d, i) => ({ key: `d${i}`, day: d.day, words: t.goals.historyDecision(d.what + (d.comment ? ` “${d.comment}”` : ""), calendarDay(d.day)) })),
  ].sort((a, b) => b.day.localeCompare(a.day));

  return (
    <>
      <p>
        <a class="back-link" href="#/goals">
          {t.goals.back}
        </a>
      </p>
      <h1>{title}</h1>
      <p class="muted">{props.className ?? t.goals.personal}</p>
      <section class="card" aria-labelledby="goal-chart">
        <h2 id="goal-chart">{t.units.of(done, target, counted)}</h2>
        {props.pace !== null && (
          <p>
            <strong>{t.pace.status[props.pace.status] ?? props.pace.status}</strong> · {t.goals.deadlineOn(calendarDay(deadline))}
          </p>
        )}
        <svg
          class="pace-chart"
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          role="img"
          aria-label={t.goals.chartSummary(number(done), number(target), calendarDay(deadline))}
          data-testid="pace-chart"
        >
          <line class="axis" x1={PAD} y1={HEIGHT - PAD} x2={WIDTH - PAD} y2={HEIGHT - PAD} />
          <line class="pace" x1={x(dayNumber(start))} y1={y(0)} x2={x(dayNumber(deadline))} y2={y(target)} />
          <polyline class="done" points={points.join(" ")} fill="none" />
        </svg>
        <p class="muted">
          <small>{t.goals.chartLegend}</small>
        </p>
      </section>
      <section class="card" aria-labelledby="goal-history">
        <h2 id="goal-history">{t.goals.history}</h2>
        {history.length === 0 ? (
          <p class="muted">{t.goals.noHistory}</p>
        ) : (
          <ul class="plain" data-testid="goal-history">
            {history.slice(0, 60).map((h) => (
              <li key={h.key}>{h.words}</li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
