import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../../api/http";
import type { Link, Me, Mentor, ResetCode, SchoolAccount, SchoolClassEntry, TeacherInvite } from "../../api/types";
import { t } from "../../i18n/messages";
import { TrackLimits } from "./TrackLimits";
import { momentWords } from "../../ui/format";

interface Data {
  people: SchoolAccount[];
  classes: SchoolClassEntry[];
  links: Link[];
  mentors: Mentor[];
}

/** The administrator's screen: people (deactivate, reset code, track), the tracks' limits,
 * teacher invitations, classes and guardian links (confirm a pending one with the school's
 * consent). */
export function School({ me }: { me: Me }) {
  const [data, setData] = useState<Data | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [consent, setConsent] = useState("");

  async function load() {
    const [people, classes, links, mentors] = await Promise.all([
      api<SchoolAccount[]>("GET", "/api/school/accounts"),
      api<SchoolClassEntry[]>("GET", "/api/school/classes"),
      api<Link[]>("GET", "/api/school/guardian-links"),
      api<Mentor[]>("GET", "/api/school/mentorships"),
    ]);
    setData({ people, classes, links, mentors });
  }

  async function act(run: () => Promise<string | null>) {
    try {
      setMessage(await run());
      await load();
    } catch (e) {
      setMessage(e instanceof ApiError && !e.isNetwork ? e.detail : t.account.needsConnection);
    }
  }
  useEffect(() => void act(async () => null), []);

  const until = (iso: string) => momentWords(Date.parse(iso));
  return (
    <section aria-labelledby="school-title" class="stack">
      <h2 id="school-title">{t.school.title(me.school_name ?? "")}</h2>
      <button
        type="button"
        class="primary"
        onClick={() =>
          void act(async () => {
            const made = await api<TeacherInvite>("POST", "/api/school/teacher-invites");
            return t.school.inviteCode(made.code, until(made.expires_at));
          })
        }
      >
        {t.school.invite}
      </button>
      {message !== null && (
        <p role="status" class="card">
          {message}
        </p>
      )}
      {/* The school's lists take a screen or more: their place is kept while they load, so the
          account sections below do not jump. */}
      {data === null && <div class="reading" aria-busy="true" />}
      {data !== null && (
        <>
          <section class="card stack" aria-labelledby="people-title">
            <h3 id="people-title">{t.school.people}</h3>
            <ul class="list wrap" data-testid="school-people">
              {data.people.map((p) => (
                <li key={p.id}>
                  <p>
                    {p.display_name} <span class="muted">({p.login}, {p.role})</span>
                    {!p.active && <span class="badge pending"> {t.school.inactive}</span>}
                  </p>
                  {p.id !== me.id && (
                    <button
                      type="button"
                      onClick={() =>
                        void act(async () => {
                          await api("POST", `/api/school/accounts/${p.id}/${p.active ? "deactivate" : "activate"}`);
                          return null;
                        })
                      }
                    >
                      {p.active ? t.school.deactivate : t.school.activate}
                    </button>
                  )}
                  {p.role === "student" && (
                    <label class="wide">
                      {t.school.track(p.display_name)}
                      <select
                        onChange={(e) => {
                          const track = e.currentTarget.value;
                          if (track === "") return;
                          void act(async () => {
                            await api("PUT", `/api/school/accounts/${p.id}/track`, { track });
                            return t.school.trackSaved(p.display_name, t.school.tracks[track] ?? track);
                          });
                        }}
                      >
                        <option value="">{t.school.chooseTrack}</option>
                        {Object.entries(t.school.tracks).map(([value, label]) => (
                          <option key={value} value={value}>
                            {label}
                          </option>
                        ))}
                      </select>
                    </label>
                  )}
                  {p.role === "student" && (
                    <button
                      type="button"
                      onClick={() =>
                        void act(async () => {
                          const made = await api<ResetCode>("POST", `/api/school/accounts/${p.id}/password-reset`);
                          return t.school.resetCode(made.login, made.code, until(made.expires_at));
                        })
                      }
                    >
                      {t.school.reset}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </section>
          <TrackLimits />
          <section class="card stack" aria-labelledby="classes-title">
            <h3 id="classes-title">{t.school.classes}</h3>
            <ul class="list">
              {data.classes.map((c) => (
                <li key={c.id}>
                  <p>{t.school.classLine(c.name, c.teacher_name, c.students)}</p>
                  <label class="check wide">
                    <input
                      type="checkbox"
                      checked={c.homeroom ?? false}
                      onChange={(e) => {
                        const homeroom = e.currentTarget.checked;
                        void act(async () => {
                          await api("PUT", `/api/school/classes/${c.id}/homeroom`, { homeroom });
                          return null;
                        });
                      }}
                    />
                    {t.school.homeroom}
                  </label>
                </li>
              ))}
            </ul>
          </section>
          <section class="card stack" aria-labelledby="mentors-title">
            <h3 id="mentors-title">{t.school.mentors}</h3>
            <ul class="list" data-testid="school-mentors">
              {data.people
                .filter((p) => p.role === "student")
                .map((student) => {
                  const current = data.mentors.find((m) => m.student_id === student.id);
                  return (
                    <li key={student.id}>
                      <label>
                        {t.school.mentorOf(student.display_name)}
                        <select
                          value={current ? String(current.mentor_id) : ""}
                          onChange={(e) => {
                            const chosen = e.currentTarget.value;
                            const name = e.currentTarget.selectedOptions[0]?.textContent ?? "";
                            void act(async () => {
                              if (chosen === "") {
                                await api("DELETE", `/api/students/${student.id}/mentor`);
                                return t.school.mentorEnded(student.display_name);
                              }
                              await api("PUT", `/api/students/${student.id}/mentor`, { mentor_id: Number(chosen) });
                              return t.school.mentorSaved(student.display_name, name);
                            });
                          }}
                        >
                          <option value="">{t.school.noMentor}</option>
                          {data.people
                            .filter((p) => p.role === "teacher" && p.active)
                            .map((teacher) => (
                              <option key={teacher.id} value={String(teacher.id)}>
                                {teacher.display_name}
                              </option>
                            ))}
                        </select>
                      </label>
                    </li>
                  );
                })}
            </ul>
          </section>
          <section class="card stack" aria-labelledby="links-title">
            <h3 id="links-title">{t.school.links}</h3>
            <ul class="list">
              {data.links.map((l) => (
                <li key={l.id}>
                  <p>{t.school.linkLine(l.parent_name, l.student_name, l.status ?? "")}</p>
                  {l.status === "pending" && (
                    <div class="stack">
                      <label>
                        {t.school.consent}
                        <input value={consent} onInput={(e) => setConsent(e.currentTarget.value)} />
                      </label>
                      <button
                        type="button"
                        onClick={() =>
                          void act(async () => {
                            await api("POST", `/api/school/guardian-links/${l.id}/confirm`, { consent_note: consent });
                            setConsent("");
                            return null;
                          })
                        }
                      >
                        {t.school.confirm}
                      </button>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </section>
  );
}
