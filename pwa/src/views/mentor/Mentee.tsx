import { useState } from "preact/hooks";
import type { MenteeView, MentorNote, Observation } from "../../api/types";
import { api, ApiError } from "../../api/http";
import { SavedCopy } from "../../components/SavedCopy";
import { MasteryCard } from "../../components/Mastery";
import { TimeBars } from "../../components/TimeBars";
import { WeeksChart, weeksSummary } from "../../components/WeeksChart";
import { t } from "../../i18n/messages";
import { useCopy } from "../../state/hooks";
import { duration, hoursText, number, calendarDay } from "../../ui/format";

const FLAGGED = new Set(["behind", "at_risk", "unreachable"]);


/** One student I mentor, whole: every goal across subjects, the week by subject against the
 * planned hours, free time, nudges sent, and our check-in notes. */
export function Mentee({ owner, studentId }: { owner: number; studentId: number }) {
  const copy = useCopy<MenteeView>(owner, `/api/mentees/${studentId}`);
  const view = copy.value;
  return (
    <>
      <p>
        <a class="back-link" href="#/">
          {t.mentor.back}
        </a>
      </p>
      <SavedCopy copy={copy} />
      {view === null && copy.phase === "loading" && <p class="muted">{t.mentor.loading}</p>}
      {view === null && copy.phase === "failed" && <p class="muted">{t.mentor.needsConnection}</p>}
      {view !== null && <Whole view={view} onNote={(note) => copy.replace({ ...view, notes: [note, ...view.notes] })} studentId={studentId} />}
    </>
  );
}

function Whole({ view, studentId, onNote }: { view: MenteeView; studentId: number; onNote: (n: MentorNote) => void }) {
  const s = view.summary;
  const byClass = (id: number | null | undefined): string =>
    id === null || id === undefined ? t.goals.personal : (view.class_names[String(id)] ?? t.goals.classNamed(id));
  const active = view.goals.filter((g) => g.lifecycle === "active" || g.lifecycle === "proposed");
  const chartWeeks = (view.recent_weeks ?? []).map((w) => ({
    weekStart: w.week_start,
    study: w.study_minutes,
    free: w.free_minutes,
    stress: w.check_in?.stress ?? null,
  }));
  return (
    <>
      <h1>{s.display_name}</h1>
      <section class="card" aria-labelledby="mentee-week">
        <h2 id="mentee-week">{t.mentor.subjectsTitle}</h2>
        {s.overloaded && <p class="flag">{t.overview.overloaded}</p>}
        {s.persistently_behind && <p class="flag">{t.mentor.behind}</p>}
        <p>{t.mentor.hours(hoursText(s.required_hours_per_week), hoursText(s.available_hours_per_week))}</p>
        <TimeBars
          summary={t.staff.weekChart(s.display_name, duration(s.study_minutes_this_week), duration(s.free_minutes_this_week))}
          rows={[
            { key: "study", label: t.chart.study, minutes: s.study_minutes_this_week, tone: "study" },
            { key: "free", label: t.chart.free, minutes: s.free_minutes_this_week, tone: "free" },
          ]}
        />
        {/* Focusable so that a keyboard can scroll it sideways on a narrow screen. */}
        <div class="table-scroll" tabIndex={0} role="region" aria-label={t.mentor.subjectsTitle}>
          <table data-testid="subjects">
            <thead>
              <tr>
                <th scope="col">{t.mentor.subject}</th>
                <th scope="col">{t.mentor.needed}</th>
                <th scope="col">{t.mentor.studied}</th>
              </tr>
            </thead>
            <tbody>
              {view.subjects.map((subject) => (
                <tr key={subject.class_id ?? "personal"}>
                  <th scope="row">
                    {subject.class_name}
                    {subject.teacher_name && <span class="muted"> · {subject.teacher_name}</span>}
                  </th>
                  <td>{hoursText(subject.hours_per_week)}</td>
                  <td>{duration(subject.study_minutes_this_week)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section class="card" aria-labelledby="mentee-goals">
        <h2 id="mentee-goals">{t.mentor.goalsTitle}</h2>
        <ul class="plain" data-testid="mentee-goals">
          {active.map((g) => (
            <li key={g.id}>
              <p>
                <strong>{g.title}</strong> <span class="muted">· {byClass(g.class_id)}</span>
              </p>
              <span class={`badge ${FLAGGED.has(g.status) ? "pending" : "active"}`}>{t.pace.status[g.status] ?? g.status}</span>
              <p>
                {t.units.of(g.done, g.target, g.unit)}
                {"; "}
                {g.projected_finish !== null && g.projected_finish !== undefined
                  ? t.overview.projected(calendarDay(g.projected_finish))
                  : t.overview.noProjection}
                {"; "}
                {t.goals.deadlineOn(calendarDay(g.deadline))}
              </p>
            </li>
          ))}
        </ul>
      </section>
      <section class="card" aria-labelledby="mentee-weeks">
        <h2 id="mentee-weeks">{t.mentor.weeksTitle}</h2>
        <WeeksChart weeks={chartWeeks} summary={weeksSummary(chartWeeks)} />
        <div class="table-scroll" tabIndex={0} role="region" aria-label={t.mentor.weeksTitle}>
          <table data-testid="mentee-weeks">
            <thead>
              <tr>
                <th scope="col">{t.mentor.weekColumn}</th>
                <th scope="col">{t.chart.study}</th>
                <th scope="col">{t.chart.free}</th>
                <th scope="col">{t.mentor.checkInColumn}</th>
              </tr>
            </thead>
            <tbody>
              {(view.recent_weeks ?? []).map((w) => (
                <tr key={w.week}>
                  <th scope="row">{calendarDay(w.week_start)}</th>
                  <td>{duration(w.study_minutes)}</td>
                  <td>{duration(w.free_minutes)}</td>
                  <td>
                    {w.check_in
                      ? t.mentor.stressWord(t.checkIn.scale["stress"]?.[w.check_in.stress - 1] ?? "")
                      : t.mentor.noAnswer}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section class="card" aria-labelledby="mentee-check-ins">
        <h2 id="mentee-check-ins">{t.mentor.checkInsTitle}</h2>
        {(view.check_ins ?? []).length === 0 ? (
          <p class="muted">{t.mentor.noCheckIns}</p>
        ) : (
          <ul class="plain" data-testid="mentee-check-ins">
            {(view.check_ins ?? []).map((c) => (
              <li key={c.week}>
                <p>
                  <strong>{t.mentor.week(c.week)}</strong>
                  {c.stress >= 4 && <span class="badge pending">{t.mentor.highStress}</span>}
                </p>
                <p>
                  {t.mentor.checkInLine(
                    t.checkIn.scale["energy"]?.[c.energy - 1] ?? "",
                    t.checkIn.scale["stress"]?.[c.stress - 1] ?? "",
                    t.checkIn.scale["sleep"]?.[c.sleep - 1] ?? "",
                  )}
                </p>
                {c.note && <p class="muted">“{c.note}”</p>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="card" aria-labelledby="mentee-nudges">
        <h2 id="mentee-nudges">{t.mentor.nudgesTitle}</h2>
        {view.nudges.length === 0 ? (
          <p class="muted">{t.mentor.noNudges}</p>
        ) : (
          <ul class="plain">
            {view.nudges.map((n) => (
              <li key={`${n.kind}-${n.fired_at}-${n.goal_id ?? ""}`}>
                {n.title}{" "}
                <span class="muted">
                  · {calendarDay(n.fired_at.slice(0, 10))}
                  {n.acted ? ` · ${t.mentor.acted}` : n.dismissed ? ` · ${t.mentor.dismissed}` : ""}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <MasteryCard
        heading={t.mastery.title}
        subjects={(view.mastery ?? []).map((m) => ({
          classId: m.class_id,
          className: m.class_name,
          mastered: m.mastered,
          total: m.total,
          objectives: m.objectives,
        }))}
      />
      <ProfileCard view={view} studentId={studentId} />
      <Notes notes={view.notes} studentId={studentId} onNote={onNote} />
    </>
  );
}

function ProfileCard({ view, studentId }: { view: MenteeView; studentId: number }) {
  const p = view.profile;
  const [observations, setObservations] = useState(p?.observations ?? []);
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const written = p ? (["strengths", "challenges", "interests", "aims"] as const).filter((k) => (p[k] ?? "") !== "") : [];

  async function add(event: Event) {
    event.preventDefault();
    if (text.trim() === "") return;
    try {
      const made = await api<Observation>("POST", `/api/mentees/${studentId}/observations`, { text: text.trim() });
      setObservations([made, ...observations]);
      setText("");
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError && e.status !== 0 ? e.message : t.mentor.noteFailed);
    }
  }

  return (
    <section class="card stack" aria-labelledby="mentee-profile">
      <h2 id="mentee-profile">{t.profile.mentorTitle}</h2>
      {written.length === 0 && (p?.tags ?? []).length === 0 ? (
        <p class="muted">{t.profile.empty}</p>
      ) : (
        <dl data-testid="mentee-profile">
          {written.map((k) => (
            <div key={k}>
              <dt>{t.profile[k]}</dt>
              <dd>{p?.[k]}</dd>
            </div>
          ))}
          {(p?.tags ?? []).length > 0 && (
            <div>
              <dt>{t.profile.tags}</dt>
              <dd>{(p?.tags ?? []).join(", ")}</dd>
            </div>
          )}
        </dl>
      )}
      <h3>{t.profile.yourObservations}</h3>
      <ul class="plain">
        {observations.map((o) => (
          <li key={o.id}>{o.text}</li>
        ))}
      </ul>
      <form class="stack" onSubmit={(e) => void add(e)} aria-label={t.profile.addObservation}>
        <label>
          {t.profile.observation}
          <textarea name="observation" required maxLength={1000} value={text} onInput={(e) => setText(e.currentTarget.value)} />
        </label>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit">{t.profile.addObservation}</button>
      </form>
    </section>
  );
}

function Notes({ notes, studentId, onNote }: { notes: MentorNote[]; studentId: number; onNote: (n: MentorNote) => void }) {
  const [body, setBody] = useState("");
  const [next, setNext] = useState("");
  const [error, setError] = useState<string | null>(null);

  async function save(event: Event) {
    event.preventDefault();
    if (body.trim() === "") return;
    try {
      const note = await api<MentorNote>("POST", `/api/mentees/${studentId}/notes`, { body: body.trim(), next_steps: next.trim() });
      onNote(note);
      setBody("");
      setNext("");
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError && e.status !== 0 ? e.message : t.mentor.noteFailed);
    }
  }

  return (
    <section class="card" aria-labelledby="mentee-notes">
      <h2 id="mentee-notes">{t.mentor.notesTitle}</h2>
      {notes.length === 0 ? (
        <p class="muted">{t.mentor.noNotes}</p>
      ) : (
        <ul class="plain" data-testid="notes">
          {notes.map((n) => (
            <li key={n.id}>
              <p>{n.body}</p>
              {n.next_steps && <p>→ {n.next_steps}</p>}
              <p class="muted">
                {calendarDay(n.created_at.slice(0, 10))} · {n.author_name}
                {n.shared_with_parents ? ` · ${t.mentor.shared}` : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
      <form class="stack" onSubmit={(e) => void save(e)} aria-label={t.mentor.addNote}>
        <label>
          {t.mentor.noteBody}
          <textarea name="body" required maxLength={1000} value={body} onInput={(e) => setBody(e.currentTarget.value)} />
        </label>
        <label>
          {t.mentor.nextSteps}
          <textarea name="next_steps" maxLength={500} value={next} onInput={(e) => setNext(e.currentTarget.value)} />
        </label>
        <p class="muted">{t.mentor.noteHint}</p>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary">
          {t.mentor.addNote}
        </button>
      </form>
    </section>
  );
}
