/**
 * Learning objectives and mastery, as backend/learner/state.py `mastery_of` and
 * `progress_events` read them: each class's objectives come from the student's `policy`
 * record, each mark from a `mastery` record the teacher wrote; a goal counted in objectives
 * counts 1 for each of its objectives marked mastered, on the day it was marked.
 */
import type { StoredRecord } from "../sync/db";
import { classesFromFields, type ObjectiveTerms } from "../sync/policy";
import type { ProgressEvent } from "./pace";
import { readAll } from "./records";

export interface ObjectiveState extends ObjectiveTerms {
  mastered: boolean;
  markedAt: string | null;
  evidence: string;
  markedBy: string;
}

export interface SubjectMastery {
  classId: number;
  className: string;
  mastered: number;
  total: number;
  objectives: ObjectiveState[];
}

interface Mark {
  mastered: boolean;
  marked_at: string;
  evidence: string;
  marked_by_name: string;
}

/** The teacher's latest mark on each objective, by objective id. */
export function marksOf(mastery: StoredRecord[]): Map<number, Mark> {
  const found = new Map<number, Mark>();
  for (const { fields } of readAll(mastery, "mastery")) {
    found.set(fields.objective_id, {
      mastered: fields.mastered,
      marked_at: fields.marked_at,
      evidence: fields.evidence ?? "",
      marked_by_name: fields.marked_by_name ?? "",
    });
  }
  return found;
}

/** Per class that lists objectives, each objective with its mark, in the class's order. */
export function masteryBySubject(policy: StoredRecord | undefined, mastery: StoredRecord[]): SubjectMastery[] {
  const marks = marksOf(mastery);
  const found: SubjectMastery[] = [];
  const classes = [...classesFromFields(policy?.fields)].sort(([a], [b]) => a - b);
  for (const [classId, terms] of classes) {
    if (terms.objectives.length === 0) continue;
    const objectives = terms.objectives.map((o) => {
      const mark = marks.get(o.id);
      const mastered = mark?.mastered === true;
      return {
        ...o,
        mastered,
        markedAt: mastered ? (mark?.marked_at ?? null) : null,
        evidence: mark?.evidence ?? "",
        markedBy: mark?.marked_by_name ?? "",
      };
    });
    found.push({
      classId,
      className: terms.name,
      mastered: objectives.filter((o) => o.mastered).length,
      total: objectives.length,
      objectives,
    });
  }
  return found;
}

/** A goal counted in objectives: 1 for each objective it targets, on the day it was marked. */
export function objectiveEvents(goalId: string, objectives: readonly number[], mastery: StoredRecord[]): ProgressEvent[] {
  const marks = marksOf(mastery);
  return [...new Set(objectives)].flatMap((id) => {
    const mark = marks.get(id);
    return mark?.mastered === true ? [{ goal_id: goalId, amount: 1, occurred_at: mark.marked_at }] : [];
  });
}
