/** Goal progress and the effort needed to finish on time. */
import type { StoredRecord } from "../sync/db";

/** The units a goal can be counted in (sync/mutations.py `Unit`). */
export const GOAL_UNITS = ["lessons", "chapters", "problems", "pages", "hours"] as const;

export function progressOf(goal: StoredRecord, progress: StoredRecord[]): number {
  return progress
    .filter((p) => p.fields["goal_id"] === goal.id)
    .reduce((sum, p) => sum + Number(p.fields["amount"] ?? 0), 0);
}

/** Whole days from `today` (YYYY-MM-DD) to the deadline, counting the deadline day. */
export function daysLeft(deadline: string, today: string): number {
  const ms = Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`);
  return Math.floor(ms / 86_400_000) + 1;
}

/** Whether a teacher has a change of this goal to decide on. */
export function awaitsApproval(goal: StoredRecord, requests: StoredRecord[]): boolean {
  if (goal.fields["pending_proposal"] !== undefined) return true;
  return requests.some((r) => r.fields["goal_id"] === goal.id && r.fields["status"] === "pending");
}

/** The teacher's comment on the latest decided change of this goal, if they left one. */
export function teacherComment(goal: StoredRecord, requests: StoredRecord[]): string | null {
  const decided = requests
    .filter((r) => r.fields["goal_id"] === goal.id && typeof r.fields["teacher_comment"] === "string")
    .sort((a, b) => Number(b.fields["decided_ms"] ?? 0) - Number(a.fields["decided_ms"] ?? 0));
  const comment = decided[0]?.fields["teacher_comment"];
  return typeof comment === "string" && comment.trim() !== "" ? comment : null;
}
