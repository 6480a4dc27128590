import { useEffect, useState } from "preact/hooks";
import { api } from "../api/http";
import type { Me, StudentProfile } from "../api/types";
import { t } from "../i18n/en";
import { Approvals } from "./teacher/Approvals";

/** The signed-in home of a teacher or parent: their students, for now. */
export function StaffHome({ me, onSignOut }: { me: Me; onSignOut: () => void }) {
  const [students, setStudents] = useState<StudentProfile[] | null>(null);
  const [offline, setOffline] = useState(false);

  useEffect(() => {
    api<StudentProfile[]>("GET", "/api/students")
      .then(setStudents)
      .catch(() => setOffline(true));
  }, []);

  return (
    <main id="main" class="page">
      <h1>{t.staff.title(me.display_name)}</h1>
      {me.role === "teacher" && <Approvals />}
      <section class="card" aria-labelledby="students-title">
        <h2 id="students-title">{t.staff.students}</h2>
        {offline && <p class="muted">{t.staff.offline}</p>}
        {students !== null && students.length === 0 && <p class="muted">{t.staff.noStudents}</p>}
        {students !== null && students.length > 0 && (
          <ul class="list" data-testid="students">
            {students.map((s) => (
              <li key={s.id}>
                <p>
                  {s.display_name} <span class="muted">({s.login})</span>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <p class="muted">{me.role === "teacher" ? t.staff.teacherNext : t.staff.parentNext}</p>
      <button type="button" onClick={onSignOut}>
        {t.settings.signOut}
      </button>
    </main>
  );
}
