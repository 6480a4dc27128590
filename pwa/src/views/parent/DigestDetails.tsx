import type { ChildSection } from "../../api/types";
import { t } from "../../i18n/messages";
import { duration, number } from "../../ui/format";

function answer(question: "energy" | "stress" | "sleep", value: number): string {
  return t.digest.checkInAnswer(t.checkIn.scale[question]?.[value - 1] ?? "", value);
}

const TRAILING = ["behind", "at_risk", "unreachable"];

/** Everything of a child's section beyond its first screen, in words: each goal's numbers, time
 * by goal and kind, the check-in the child shared, nudges and the teacher's decisions. */
export function DigestDetails({ section, words, Sub }: { section: ChildSection; words: string; Sub: "h3" | "h4" }) {
  const time = section.time;
  return (
    <>
      <Sub>{t.digest.time}</Sub>
      <p>{words}</p>
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
              <span class={`badge ${TRAILING.includes(g.status) ? "pending" : "active"}`}>
                {t.digest.status[g.status] ?? g.status}
              </span>
              <p>
                {t.digest.goalLine(t.units.of(g.done, g.target, g.unit), number(g.done_this_period))}
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
    </>
  );
}
