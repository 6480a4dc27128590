/** Goal progress and the effort needed to finish on time. */
import { everyOf, type GoalUnit } from "../api/types";
import type { StoredRecord } from "../sync/db";
import { wallOf } from "../sync/hlc";
import { dailyProgress, localDate, project, type Pace } from "./pace";
import { DEFAULT_SCHEDULE, type Schedule } from "./workdays";

/** The units a goal can be counted in, in the order the goal form offers them. */
export const GOAL_UNITS = everyOf<GoalUnit>()(["lessons", "chapters", "problems", "pages", "hours"]);

export function progressOf(goal: StoredRecord, progress: StoredRecord[]): number {
  return progress
    .filter((p) => p.fields["goal_id"] === goal.id)
    .reduce((sum, p) => sum + Number(p.fields["amount"] ?? 0), 0);
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
): Pace | null {
  const f = goal.fields;
  const unit = String(f["unit"] ?? "");
  const target = Number(f["target"]);
  const deadline = typeof f["deadline"] === "string" ? f["deadline"] : null;
  if (!(GOAL_UNITS as readonly string[]).includes(unit) || !(target > 0) || deadline === null) return null;
  const clocks = Object.values(goal.clocks).sort();
  const createdOn = clocks[0] ? localDate(new Date(wallOf(clocks[0])).toISOString(), timeZone) : localDate(new Date(nowMs).toISOString(), timeZone);
  const start = typeof f["start_date"] === "string" ? f["start_date"] : createdOn;
  const paceGoal = { id: goal.id, unit, target, deadline, start_date: start < deadline ? start : deadline };
  const events = progress.map((p) => ({
    goal_id: String(p.fields["goal_id"]),
    amount: Number(p.fields["amount"] ?? 0),
    occurred_at: String(p.fields["occurred_at"]),
  }));
  const entries = timeEntries
    .filter((e) => e.fields["running"] !== true && typeof e.fields["minutes"] === "number")
    .map((e) => ({
      kind: String(e.fields["kind"]),
      goal_id: (e.fields["goal_id"] as string | null | undefined) ?? null,
      started_at: String(e.fields["started_at"]),
      minutes: Number(e.fields["minutes"]),
    }));
  const schedule: Schedule = {
    ...DEFAULT_SCHEDULE,
    rest: rest
      .map((r) => ({ start_date: String(r.fields["start_date"]), end_date: String(r.fields["end_date"]) }))
      .filter((r) => r.start_date <= r.end_date),
  };
  const today = localDate(new Date(nowMs).toISOString(), timeZone);
  return project(paceGoal, dailyProgress(paceGoal, events, entries, timeZone), today, schedule);
}
