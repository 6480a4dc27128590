import { useEffect, useState } from "preact/hooks";
import { api } from "../../api/http";
import type { ClassSummary } from "../../api/types";
import { t } from "../../i18n/en";
import { ClassOverview } from "./ClassOverview";
import { ClassPolicy } from "./ClassPolicy";

const CLASSES_KEY = "waypoint-classes";

/** The teacher's classes: pick one, see its overview and set its policy. */
export function Classes() {
  const [classes, setClasses] = useState<ClassSummary[] | null>(() => {
    const kept = localStorage.getItem(CLASSES_KEY);
    return kept ? (JSON.parse(kept) as ClassSummary[]) : null;
  });
  const [chosen, setChosen] = useState<number | null>(null);

  useEffect(() => {
    api<ClassSummary[]>("GET", "/api/classes")
      .then((list) => {
        localStorage.setItem(CLASSES_KEY, JSON.stringify(list));
        setClasses(list);
      })
      .catch(() => undefined);
  }, []);

  if (classes === null) return null;
  if (classes.length === 0) return <p class="muted">{t.overview.noClasses}</p>;
  const current = classes.find((c) => c.id === chosen) ?? classes[0]!;
  return (
    <>
      {classes.length > 1 && (
        <div class="card field">
          <label for="class-choice">{t.overview.classLabel}</label>
          <select id="class-choice" value={String(current.id)} onChange={(e) => setChosen(Number(e.currentTarget.value))}>
            {classes.map((c) => (
              <option key={c.id} value={String(c.id)}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <ClassOverview key={`overview-${current.id}`} classId={current.id} />
      <ClassPolicy key={`policy-${current.id}`} classId={current.id} />
    </>
  );
}
