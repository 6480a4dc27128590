/**
 * Milestones: checkpoints on the way to a goal's target, each asking for more of the goal's
 * unit than the one before, optionally by a date. The server refuses a plan that breaks the
 * rules of sync/kinds.py `check_plan`; `planProblem` checks the same rules in the form, so the
 * student reads what to fix before anything is sent.
 */
import type { Milestone } from "../api/types";
import { t } from "../i18n/messages";
import type { StoredRecord } from "../sync/db";
import { number } from "../ui/format";
import { amountPhrase } from "./effort";

export const MAX_MILESTONES = 20;
const EPSILON = 1e-9;

/** A goal record's milestones, skipping any entry that is not a well-formed milestone. */
export function milestonesOf(goal: StoredRecord): Milestone[] {
  const raw = goal.fields["milestones"];
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((m: unknown): Milestone[] => {
    if (typeof m !== "object" || m === null) return [];
    const { title, amount, due } = m as Record<string, unknown>;
    if (typeof title !== "string" || typeof amount !== "number") return [];
    return [{ title, amount, due: typeof due === "string" ? due : null }];
  });
}

export type NextMilestone =
  | { kind: "next"; milestone: Milestone; overdue: boolean }
  | { kind: "all_reached" }
  | { kind: "none" };

/**
 * The first milestone not reached with `done` so far; `overdue` when its date is before
 * `today` (the student's local day).
 */
export function nextMilestone(milestones: readonly Milestone[], done: number, today: string): NextMilestone {
  if (milestones.length === 0) return { kind: "none" };
  const milestone = milestones.find((m) => done < m.amount - EPSILON);
  if (milestone === undefined) return { kind: "all_reached" };
  return { kind: "next", milestone, overdue: typeof milestone.due === "string" && milestone.due < today };
}

export interface Plan {
  target: number;
  deadline: string;
  /** The goal's explicit start date, if it has one. */
  start: string | null;
  milestones: readonly Milestone[];
}

/** What breaks the plan, for `messages` to put in words; null when the plan is coherent. */
export type PlanProblem =
  | { kind: "too_many"; max: number }
  | { kind: "name"; index: number }
  | { kind: "amount"; index: number }
  | { kind: "rising"; index: number; previous: number }
  | { kind: "over_target"; index: number }
  | { kind: "after_deadline"; index: number }
  | { kind: "before_start"; index: number };

/** The first problem with the milestones of `plan`, in the order the server checks them. */
export function planProblem(plan: Plan): PlanProblem | null {
  if (plan.milestones.length > MAX_MILESTONES) return { kind: "too_many", max: MAX_MILESTONES };
  let previous = 0;
  for (const [index, m] of plan.milestones.entries()) {
    if (m.title.trim() === "") return { kind: "name", index };
    if (!(m.amount > 0)) return { kind: "amount", index };
    if (m.amount <= previous) return { kind: "rising", index, previous };
    if (m.amount > plan.target) return { kind: "over_target", index };
    if (m.due && plan.deadline && m.due > plan.deadline) return { kind: "after_deadline", index };
    if (m.due && plan.start !== null && m.due < plan.start) return { kind: "before_start", index };
    previous = m.amount;
  }
  return null;
}

/** A plan problem in words that say which milestone and what to change. */
export function problemWords(problem: PlanProblem, plan: Plan): string {
  const e = t.milestones.errors;
  if (problem.kind === "too_many") return e.tooMany(problem.max);
  const n = problem.index + 1;
  const m = plan.milestones[problem.index]!;
  const where = e.where(n, m.title);
  switch (problem.kind) {
    case "name":
      return e.name(n);
    case "amount":
      return e.amount(where);
    case "rising":
      return e.rising(where, number(problem.previous));
    case "over_target":
      return e.overTarget(where, number(m.amount), number(plan.target));
    case "after_deadline":
      return e.afterDeadline(where);
    case "before_start":
      return e.beforeStart(where, plan.start ?? "");
  }
}

/**
 * The goal card's milestone line: "Next: Half way · 5 chapters by 10 December", "All milestones
 * reached", or null for a goal without milestones. `calendarDay` says a day the way the card does.
 */
export function milestoneWords(
  milestones: readonly Milestone[],
  done: number,
  unit: string,
  today: string,
  calendarDay: (day: string) => string,
): string | null {
  const next = nextMilestone(milestones, done, today);
  if (next.kind === "none") return null;
  if (next.kind === "all_reached") return t.milestones.allReached;
  const { milestone, overdue } = next;
  const line = t.milestones.next(milestone.title, amountPhrase(milestone.amount, unit));
  if (!milestone.due) return line;
  return line + (overdue ? t.milestones.overdue(calendarDay(milestone.due)) : t.milestones.by(calendarDay(milestone.due)));
}
