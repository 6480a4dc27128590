import { useState } from "preact/hooks";
import type { ClassSummary, Objective } from "../../api/types";
import { t } from "../../i18n/messages";
import { useCopy } from "../../state/hooks";
import { ClassObjectives } from "./ClassObjectives";
import { ClassPolicy } from "./ClassPolicy";

/** The teacher's classes: pick one, list its objectives and set its policy (its students are
 * in the table of students above). */
export function Classes({ owner }: { owner: number }) {
  // The list is kept too, so the overview and policy of a class can open offline.
  const classes = useCopy<ClassSummary[]>(owner, "/api/classes").value;
  const [chosen, setChosen] = useState<number | null>(null);

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
      <ClassWork key={current.id} owner={owner} classId={current.id} />
    </>
  );
}

/** One class: its objectives and its policy. */
function ClassWork({ owner, classId }: { owner: number; classId: number }) {
  const objectives = useCopy<Objective[]>(owner, `/api/classes/${classId}/objectives`);
  return (
    <>
      <ClassObjectives classId={classId} copy={objectives} />
      <ClassPolicy owner={owner} classId={classId} />
    </>
  );
}
