import { useEffect, useState } from "preact/hooks";
import type { Me, StudentProfile } from "../api/types";
import { SyncBar } from "../components/SyncBar";
import { countedIn, paceOfRecord, progressOf } from "../domain/goals";
import { weekTotals } from "../domain/time";
import { t } from "../i18n/messages";
import { recordsOf, useCopy, useSyncClient, useView } from "../state/hooks";
import type { SyncClient } from "../sync/client";
import type { RecordMap } from "../sync/view";
import { duration, number } from "../ui/format";
import { TimeBars } from "../components/TimeBars";
import { DigestList } from "./parent/DigestList";
import { Notifications } from "./parent/Notifications";
import { Account } from "./Account";
import { MyData } from "./MyData";
import { School } from "./admin/School";
import { Mentee } from "./mentor/Mentee";
import { Mentees } from "./mentor/Mentees";
import { Classes } from "./teacher/Classes";
import { StudentTable } from "./teacher/StudentTable";

/** The mentee a teacher opened (#/mentees/<id>), or null on the home. */
function menteeOfHash(): number | null {
  const found = /^#\/mentees\/([0-9]+)$/.exec(window.location.hash);
  return found ? Number(found[1]) : null;
}

const FLAGGED = new Set(["behind", "at_risk", "unreachable"]);

/** The signed-in home of a teacher, parent or administrator: approvals (teachers), each child's
 * week (parents), the school (administrators), and everyone's password and sessions. */
export function StaffHome({ me, onSignOut }: { me: Me; onSignOut: () => void }) {
  const client = useSyncClient(me);
  const [mentee, setMentee] = useState(menteeOfHash);

  useEffect(() => {
    const follow = () => setMentee(menteeOfHash());
    window.addEventListener("hashchange", follow);
    return () => window.removeEventListener("hashchange", follow);
  }, []);


  return (
    <div class="shell">
      {/* The bar's place is kept while sync starts, so the page does not move down under it. */}
      {client ? <SyncBar client={client} /> : <div class="syncbar" aria-hidden="true">{"\u00a0"}</div>}
      {/* A teacher's table of a whole class uses a laptop's width; the other homes stay a column. */}
      <main id="main" class={me.role === "teacher" ? "page wide" : "page"}>
        {me.role === "teacher" && mentee !== null ? (
          <Mentee owner={me.id} studentId={mentee} />
        ) : (
          <HomeSections me={me} client={client} onSignOut={onSignOut} />
        )}
      </main>
    </div>
  );
}

/** The home's sections for each role. */
function HomeSections({ me, client, onSignOut }: { me: Me; client: SyncClient | null; onSignOut: () => void }) {
  // The list is kept on the device so the home works offline too.
  const kept = useCopy<StudentProfile[]>(me.id, "/api/students");
  const students = kept.value;
  return (
    <>
      <h1>{t.staff.title(me.display_name)}</h1>
      {me.role === "teacher" && <StudentTable owner={me.id} />}
      {me.role === "teacher" && <Mentees owner={me.id} />}
      {me.role === "teacher" && <Classes owner={me.id} />}
      {me.role === "parent" && <DigestList owner={me.id} />}
      {me.role === "parent" && <Notifications />}
      {me.role === "parent" && (
        <section aria-labelledby="students-title">
          <h2 id="students-title">{me.role === "parent" ? t.staff.children : t.staff.students}</h2>
          {kept.phase === "failed" && students === null && <p class="muted">{t.staff.offline}</p>}
          {students !== null && students.length === 0 && <p class="muted">{t.staff.noStudents}</p>}
          {students !== null && students.length > 0 && (
            <ul class="summaries" data-testid="students">
              {students.map((s) => (
                <StudentSummary key={s.id} student={s} client={client} />
              ))}
            </ul>
          )}
        </section>
      )}
      {me.role === "admin" && <School me={me} />}
      <Account onSignedOutEverywhere={onSignOut} />
      {me.role === "parent" && <MyData login={me.login} onErased={onSignOut} />}
      <button type="button" onClick={onSignOut}>
        {t.settings.signOut}
      </button>
    </>
  );
}

function StudentSummary({ student, client }: { student: StudentProfile; client: SyncClient | null }) {
  const view = useView(client);
  const inSpace = (kind: string) => recordsOf(view, kind).filter((r) => r.space === student.id);
  const goals = inSpace("goal").filter((g) => g.fields["status"] === "active" || g.fields["status"] === "proposed");
  const progress = inSpace("progress");
  const entries = inSpace("time_entry");
  const rest = inSpace("rest");
  const now = Date.now();
  // The child's own week (Monday 00:00 to now in their time zone), as their screens show it.
  const { study, free } = weekTotals(entries, now, student.time_zone);
  const headingId = `student-${student.id}`;

  return (
    <li class="card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {student.display_name} <span class="muted">({student.login})</span>
      </h3>
      {view !== null && (
        <>
          <p>{t.time.weekSummary(duration(study), duration(free))}</p>
          <TimeBars
            summary={t.staff.weekChart(student.display_name, duration(study), duration(free))}
            rows={[
              { key: "study", label: t.chart.study, minutes: study, tone: "study" },
              { key: "free", label: t.chart.free, minutes: free, tone: "free" },
            ]}
          />
          {goals.length === 0 ? (
            <p class="muted">{t.staff.noGoals}</p>
          ) : (
            <ul class="list">
              {goals.map((g) => {
                const pace = paceOfRecord(g, progress, entries, rest, student.time_zone, now);
                const unit = String(g.fields["unit"] ?? "");
                const flagged = pace !== null && FLAGGED.has(pace.status);
                return (
                  <li key={g.id}>
                    <p>
                      {String(g.fields["title"] ?? "")}:{" "}
                      {t.units.of(pace?.done ?? progressOf(g, progress), Number(g.fields["target"] ?? 0), countedIn(g.fields))}
                    </p>
                    {pace !== null && (
                      <span class={`badge ${flagged ? "pending" : "active"}`}>{t.pace.status[pace.status]}</span>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </li>
  );
}
