import { t } from "../i18n/messages";

export interface MasteryObjective {
  id: number;
  code: string;
  title: string;
  mastered: boolean;
  evidence: string;
}

export interface MasterySubject {
  classId: number;
  className: string;
  mastered: number;
  total: number;
  objectives: MasteryObjective[];
}

/** Each class's learning objectives: how many are mastered, then which, and what remains. */
export function MasteryCard({ subjects, heading }: { subjects: MasterySubject[]; heading?: string }) {
  if (subjects.length === 0) return null;
  return (
    <section class="card stack" aria-labelledby="mastery-title" data-testid="mastery">
      <h2 id="mastery-title">{heading ?? t.mastery.title}</h2>
      <ul class="plain stack">
        {subjects.map((s) => (
          <li key={s.classId} data-testid="mastery-subject">
            <details>
              <summary>
                <strong>{s.className || t.goals.classNamed(s.classId)}</strong>{" "}
                <span data-testid="mastery-count">{t.mastery.count(s.mastered, s.total)}</span>
              </summary>
              <ul class="plain objectives">
                {s.objectives.map((o) => (
                  <li key={o.id} class={o.mastered ? "mastered" : "remaining"}>
                    <span aria-hidden="true">{o.mastered ? "✓ " : "○ "}</span>
                    <span class="sr-only">{o.mastered ? t.mastery.mastered : t.mastery.remaining}: </span>
                    {o.code !== "" && <span class="muted">{o.code} </span>}
                    {o.title}
                    {o.mastered && o.evidence !== "" && <small class="muted"> · {o.evidence}</small>}
                  </li>
                ))}
              </ul>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
