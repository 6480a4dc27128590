import type { ChildSection } from "../../api/types";
import { TimeBars } from "../../components/TimeBars";
import { trend } from "../../domain/chart";
import { t } from "../../i18n/en";
import { duration, number } from "../../ui/format";

function answer(question: "energy" | "stress" | "sleep", value: number): string {
  return t.digest.checkInAnswer(t.checkIn.scale[question]?.[value - 1] ?? "", value);
}

function trendWords(current: number, previous: number): string {
  const { direction, minutes } = trend(current, previous);
  return direction === "same" ? t.digest.trend.same : t.digest.trend[direction](duration(minutes));
}

/** One child's part of a summary: time against the period before, the check-in the child
 * shared, goals, nudges, approvals. */
export function DigestSection({ section, level = 2 }: { section: ChildSection; level?: 2 | 3 }) {
  const H = level === 2 ? "h2" : "h3";
  const Sub = level === 2 ? "h3" : "h4";
  const time = section.time;
  const words = t.digest.timeWords(
    duration(time.study_minutes),
    trendWords(time.study_minutes, time.previous_study_minutes),
    duration(time.free_minutes),
    trendWords(time.free_minutes, time.previous_free_minutes),
  );
  const headingId = `child-${section.student_id}`;
  return (
    <section class="card" aria-labelledby={headingId} data-testid="digest-child">
      <H id={headingId}>{section.name}</H>
      <Sub>{t.digest.time}</Sub>
      <p>{words}</p>
      <TimeBars
        summary={words}
        rows={[
          { key: "study", label: t.chart.study, minutes: time.study_minutes, tone: "study" },
          { key: "study-before", label: t.chart.studyBefore, minutes: time.previous_study_minutes, tone: "study-before" },
          { key: "free", label: t.chart.free, minutes: time.free_minutes, tone: "free" },
          { key: "free-before", label: t.chart.freeBefore, minutes: time.previous_free_minutes, tone: "free-before" },
        ]}
      />
      {time.study_by_goal.length > 0 && (
        <>
          <p>{t.digest.studyByGoal}</p>
          <ul class="shares">
            {time.study_by_goal.map((s) => (
              <li key={s.label}>{`${s.label}: ${duration(s.minutes)}`}</li>
            ))}
          </ul>
        </>
      )}
      {time.free_by_category.length > 0 && (
        <>
          <p>{t.digest.freeByCategory}</p>
          <ul class="shares">
            {time.free_by_category.map((s) => (
              <li key={s.label}>{`${t.time.categories[s.label] ?? s.label}: ${duration(s.minutes)}`}</li>
            ))}
          </ul>
        </>
      )}
      {section.check_in && (
        <div data-testid="digest-check-in">
          <Sub>{t.digest.checkIn}</Sub>
          <p>
            {t.digest.checkInAnswers(
              answer("energy", section.check_in.energy),
              answer("stress", section.check_in.stress),
              answer("sleep", section.check_in.sleep),
            )}
          </p>
          {section.check_in.note !== "" && <p>{t.digest.checkInNote(section.check_in.note)}</p>}
        </div>
      )}
      <Sub>{t.digest.goals}</Sub>
      {section.goals.length === 0 ? (
        <p class="muted">{t.digest.noGoals}</p>
      ) : (
        <ul class="plain">
          {section.goals.map((g) => (
            <li key={g.id}>
              <p>
                <strong>{g.title}</strong>
              </p>
              <span class={`badge ${["behind", "at_risk", "unreachable"].includes(g.status) ? "pending" : "active"}`}>
                {t.digest.status[g.status] ?? g.status}
              </span>
              <p>
                {t.digest.goalLine(number(g.done), number(g.target), t.goals.units[g.unit] ?? g.unit, number(g.done_this_period))}
              </p>
            </li>
          ))}
        </ul>
      )}
      {section.nudges.length > 0 && (
        <>
          <Sub>{t.digest.nudges}</Sub>
          <ul class="shares">
            {section.nudges.map((n) => (
              <li key={`${n.kind}-${n.fired_at}`}>{n.title}</li>
            ))}
          </ul>
        </>
      )}
      {section.pending_approvals.length > 0 && (
        <>
          <Sub>{t.digest.pending}</Sub>
          <ul class="shares">
            {section.pending_approvals.map((a, i) => (
              <li key={i}>{t.digest.approvalLine(a.goal_title, a.change, t.digest.approvalStatus[a.status] ?? a.status)}</li>
            ))}
          </ul>
        </>
      )}
      {section.decided_approvals.length > 0 && (
        <>
          <Sub>{t.digest.decided}</Sub>
          <ul class="shares">
            {section.decided_approvals.map((a, i) => (
              <li key={i}>{t.digest.approvalLine(a.goal_title, a.change, t.digest.approvalStatus[a.status] ?? a.status)}</li>
            ))}
          </ul>
        </>
      )}
      {section.prompt !== "" && (
        <div class="prompt">
          <p>
            <strong>{t.digest.prompt}</strong>
          </p>
          <p>{section.prompt}</p>
        </div>
      )}
    </section>
  );
}
