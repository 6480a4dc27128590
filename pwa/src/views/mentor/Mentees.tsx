import type { MenteeSummary } from "../../api/types";
import { SavedCopy } from "../../components/SavedCopy";
import { t } from "../../i18n/messages";
import { useCopy } from "../../state/hooks";
import { duration, hoursText } from "../../ui/format";

/** The students I mentor, those who need a conversation first; nothing for a teacher who
 * mentors nobody. */
export function Mentees({ owner }: { owner: number }) {
  const copy = useCopy<MenteeSummary[]>(owner, "/api/mentees");
  const mentees = copy.value;
  if (mentees === null || mentees.length === 0) return null;
  return (
    <section class="card" aria-labelledby="mentees-title">
      <h2 id="mentees-title">{t.mentor.title}</h2>
      <SavedCopy copy={copy} />
      <ul class="plain mentees" data-testid="mentees">
        {mentees.map((m) => (
          <li key={m.student_id} data-testid="mentee">
            <a href={`#/mentees/${m.student_id}`} aria-label={t.mentor.open(m.display_name)}>
              <strong>{m.display_name}</strong>
            </a>
            {m.overloaded && <span class="badge pending">{t.mentor.overloaded}</span>}
            {m.persistently_behind && <span class="badge pending">{t.mentor.behind}</span>}
            <p>{t.mentor.goals(m.active_goals, m.behind_goals)}</p>
            <p class="muted">
              {t.mentor.hours(hoursText(m.required_hours_per_week), hoursText(m.available_hours_per_week))}
              {" · "}
              {t.mentor.weekTime(duration(m.study_minutes_this_week), duration(m.free_minutes_this_week))}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
