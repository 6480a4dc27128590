/** Goal progress and the effort needed to finish on time. */
import { everyOf, type GoalUnit } from "../api/types";
import { t } from "../i18n/messages";
import type { StoredRecord } from "../sync/db";
import { wallOf } from "../sync/hlc";
import { objectiveEvents } from "./mastery";
import { dailyProgress, localDate, project, type Pace, type ProgressEvent } from "./pace";
import { fieldsOf, readAll } from "./records";
import { DEFAULT_SCHEDULE, type Schedule } from "./workdays";

/** The units a goal can be counted in, in the order the goal form offers them. */
export const GOAL_UNITS = everyOf<GoalUnit>()(["lessons", "chapters", "problems", "pages", "hours", "objectives", "custom"]);

/** A goal's unit as it reads after a number: the student's own name for a custom unit. */
export function unitWords(fields: Record<string, unknown>): string {
  const unit = String(fields["unit"] ?? "");
  const label = typeof fields["unit_label"] === "string" ? fields["unit_label"].trim() : "";
  if (unit === "custom") return label || t.goals.customFallback;
  return t.goals.units[unit] ?? unit;
}

/** The word the effort and chip phrases count in: the unit key, or a custom unit's name. */
export function countedIn(fields: Record<string, unknown>): string {
  return fields["unit"] === "custom" ? unitWords(fields) : String(fields["unit"] ?? "");
}

/** A goal counted in objectives: its teacher's marks count, not logged progress. */
export function countsObjectives(goal: StoredRecord): boolean {
  return goal.fields["unit"] === "objectives";
}

/** The objectives a goal targets (ids of its class's objectives). */
export function objectivesOfGoal(goal: StoredRecord): number[] {
  const listed = goal.fields["objectives"];
  return Array.isArray(listed) ? listed.filter((id): id is number => typeof id === "number") : [];
}

/** The goal's work as progress events: logged progress, or objectives marked mastered. */
export function goalEvents(goal: StoredRecord, progress: StoredRecord[], mastery: StoredRecord[]): ProgressEvent[] {
  if (countsObjectives(goal)) return objectiveEvents(goal.id, objectivesOfGoal(goal), mastery);
  return readAll(progress, "progress")
    .filter(({ fields }) => fields.goal_id === goal.id)
    .map(({ fields: p }) => ({ goal_id: p.goal_id, amount: p.amount, occurred_at: p.occurred_at }));
}

export function progressOf(goal: StoredRecord, progress: StoredRecord[], mastery: StoredRecord[] = []): number {
  return goalEvents(goal, progress, mastery).reduce((sum, e) => sum + e.amount, 0);
}

/** Whether a teacher has a change of this goal to decide on. */
export function awaitsApproval(goal: StoredRecord, requests: StoredRecord[]): boolean {
  if (goal.fields["pending_proposal"] !== undefined) return true;
  return requests.some((r) => r.fields["goal_id"] === goal.id && r.fields["status"] === "pending");
}

/**
 * The teacher's comment on their latest decision about this goal, if they left one: a new goal's
 * decision is written on the goal itself, a change's on its change request.
 */
export function teacherComment(goal: StoredRecord, requests: StoredRecord[]): string | null {
  const decided = [goal, ...requests.filter((r) => r.fields["goal_id"] === goal.id)]
    .filter((r) => typeof r.fields["teacher_comment"] === "string")
    .sort((a, b) => Number(b.fields["decided_ms"] ?? 0) - Number(a.fields["decided_ms"] ?? 0));
  const comment = decided[0]?.fields["teacher_comment"];
  return typeof comment === "string" && comment.trim() !== "" ? comment : null;
}

/** A goal record's pace today, from the synced records, as the server computes it. */
export function paceOfRecord(
  goal: StoredRecord,
  progress: StoredRecord[],
  timeEntries: StoredRecord[],
  rest: StoredRecord[],
  timeZone: string,
  nowMs: number,
  mastery: StoredRecord[] = [],
): Pace | null {
  const f = fieldsOf(goal, "goal");
  if (f === null || !(GOAL_UNITS as readonly string[]).includes(f.unit) || !(f.target > 0)) return null;
  const clocks = Object.values(goal.clocks).sort();
  const createdOn = clocks[0] ? localDate(new Date(wallOf(clocks[0])).toISOString(), timeZone) : localDate(new Date(nowMs).toISOString(), timeZone);
  const start = f.start_date ?? createdOn;
  const paceGoal = { id: goal.id, unit: f.unit, words: countedIn(goal.fields), target: f.target, deadline: f.deadline, start_date: start < f.deadline ? start : f.deadline };
  const events = goalEvents(goal, progress, mastery);
  const entries = readAll(timeEntries, "time_entry").flatMap(({ fields: e }) =>
    e.running !== true && typeof e.minutes === "number"
      ? [{ kind: e.kind, goal_id: e.goal_id ?? null, started_at: e.started_at, minutes: e.minutes }]
      : [],
  );
  const schedule: Schedule = {
    ...DEFAULT_SCHEDULE,
    rest: readAll(rest, "rest")
      .map(({ fields: r }) => ({ start_date: r.start_date, end_date: r.end_date }))
      .filter((r) => r.start_date <= r.end_date),
  };
  const today = localDate(new Date(nowMs).toISOString(), timeZone);
  return project(paceGoal, dailyProgress(paceGoal, events, entries, timeZone), today, schedule);
}
