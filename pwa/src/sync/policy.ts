/**
 * The approval policy, the same as sync/policy.py: which of a student's goal changes wait for
 * the teacher. Each class has a policy and governs its own goals; a personal goal (no class, or
 * a class the student is no longer in) waits for nobody. The server publishes the student's
 * classes with their policies as the student's `policy` record, so the device replays exactly
 * the rule the server will apply; sync/vectors/policy.json holds the cases both sides pass.
 */
import type { components } from "../api/schema";
import type { StoredRecord } from "./db";
import type { Fields } from "./merge";

/** A class's policy (generated from sync/kinds.py `ApprovalPolicy`). */
export type ApprovalPolicy = Required<components["schemas"]["ApprovalPolicy"]>;

/** A class's learning objective as the `policy` record lists it. */
export interface ObjectiveTerms {
  id: number;
  code: string;
  title: string;
}

/** One of the student's classes as the `policy` record lists it. */
export interface ClassTerms {
  name: string;
  teacherName: string;
  policy: ApprovalPolicy;
  /** The class's learning objectives, in the class's order. */
  objectives: ObjectiveTerms[];
}

function objectivesFrom(value: unknown): ObjectiveTerms[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((o: unknown) => {
    if (typeof o !== "object" || o === null) return [];
    const { id, code, title } = o as Record<string, unknown>;
    if (typeof id !== "number" || !Number.isInteger(id) || typeof title !== "string") return [];
    return [{ id, code: typeof code === "string" ? code : "", title }];
  });
}

/** The student's classes by class id. */
export type Classes = Map<number, ClassTerms>;

/** A new class's policy, and the policy of a student in no class. */
export const DEFAULT_POLICY: Readonly<ApprovalPolicy> = {
  approve_new_goals: true,
  approve_target_decrease: true,
  approve_abandon: true,
  deadline_shift_free_days: 7,
};

export const POLICY_KIND = "policy";

/** A class's policy from its JSON; an unreadable field takes the default. */
export function policyFromFields(fields: Fields | undefined): ApprovalPolicy {
  const f = fields ?? {};
  const flag = (name: keyof ApprovalPolicy): boolean =>
    typeof f[name] === "boolean" ? (f[name] as boolean) : (DEFAULT_POLICY[name] as boolean);
  const days = f["deadline_shift_free_days"];
  return {
    approve_new_goals: flag("approve_new_goals"),
    approve_target_decrease: flag("approve_target_decrease"),
    approve_abandon: flag("approve_abandon"),
    deadline_shift_free_days:
      typeof days === "number" && Number.isInteger(days) ? days : DEFAULT_POLICY.deadline_shift_free_days,
  };
}

/** The classes a `policy` record's fields list; no record (or an unreadable one) lists none. */
export function classesFromFields(fields: Fields | undefined): Classes {
  const found: Classes = new Map();
  const listed = fields?.["classes"];
  if (typeof listed !== "object" || listed === null || Array.isArray(listed)) return found;
  for (const [key, value] of Object.entries(listed as Record<string, unknown>)) {
    if (!/^[0-9]+$/.test(key) || typeof value !== "object" || value === null) continue;
    const terms = value as Record<string, unknown>;
    found.set(Number(key), {
      name: typeof terms["name"] === "string" ? terms["name"] : "",
      teacherName: typeof terms["teacher_name"] === "string" ? terms["teacher_name"] : "",
      policy: policyFromFields(terms["policy"] as Fields | undefined),
      objectives: objectivesFrom(terms["objectives"]),
    });
  }
  return found;
}

/** The classes of each space whose `policy` record is among `records`. */
export function classesOf(records: Iterable<StoredRecord>): Map<number, Classes> {
  const found = new Map<number, Classes>();
  for (const r of records) if (r.kind === POLICY_KIND) found.set(r.space, classesFromFields(r.fields));
  return found;
}

/** The class a goal's fields name, or null for a personal goal. */
export function classOf(goal: Fields): number | null {
  const value = goal["class_id"];
  return typeof value === "number" && Number.isInteger(value) ? value : null;
}

/**
 * The fields of `changes` that wait, under the policy of the class the goal has after the
 * change (a draft may move; an approved goal never does), or none for a personal goal.
 */
export function approvalFor(classes: Classes, goal: Fields, changes: Fields): Set<string> {
  const classId = classOf({ ...goal, ...changes });
  const terms = classId === null ? undefined : classes.get(classId);
  return terms === undefined ? new Set() : needsApproval(terms.policy, goal, changes);
}

const GOVERNED_FIELDS = ["target", "deadline", "status"] as const;

/**
 * What waits for the mentor when the student sends a goal change for advice first, as
 * sync/policy.py `advice_rule`: of an approved personal goal, every governed field changed to
 * a new value; a class goal's change goes by its class's policy instead.
 */
export function adviceFor(classes: Classes, goal: Fields, changes: Fields): Set<string> {
  const classId = classOf({ ...goal, ...changes });
  if (goal["status"] !== "active" || (classId !== null && classes.has(classId))) return new Set();
  return new Set(GOVERNED_FIELDS.filter((name) => name in changes && changes[name] !== goal[name]));
}

const DRAFT_STATUSES = new Set(["proposed", "returned"]);

/**
 * A student's goal edit as it applies with respect to the goal's class, as sync/policy.py
 * `settle_goal_edit`: null when an approved goal would move to another class (the server
 * rejects that); a draft left `proposed` where nothing needs approval becomes active.
 */
export function settleGoalEdit(classes: Classes, goal: Fields, edits: Fields): Fields | null {
  const settled: Fields = { ...edits };
  const moving = "class_id" in edits && edits["class_id"] !== goal["class_id"];
  if (moving && !DRAFT_STATUSES.has(String(goal["status"]))) return null;
  const resubmitted = "status" in edits && DRAFT_STATUSES.has(String(goal["status"]));
  const status = "status" in settled ? settled["status"] : goal["status"];
  if ((moving || resubmitted) && status === "proposed") {
    const draft = { ...goal, ...settled, status: "proposed" };
    if (approvalFor(classes, draft, { status: "active" }).size === 0) settled["status"] = "active";
  }
  return settled;
}

const number = (v: unknown): number | null => (typeof v === "number" ? v : null);

/** Days from ISO date `a` to ISO date `b`, or null when either is not a date. */
function daysBetween(a: unknown, b: unknown): number | null {
  if (typeof a !== "string" || typeof b !== "string") return null;
  const from = Date.parse(`${a}T00:00:00Z`);
  const to = Date.parse(`${b}T00:00:00Z`);
  if (Number.isNaN(from) || Number.isNaN(to)) return null;
  return Math.round((to - from) / 86_400_000);
}

/** The fields of `changes` to a goal with `goal`'s fields that wait for the teacher. */
export function needsApproval(policy: ApprovalPolicy, goal: Fields, changes: Fields): Set<string> {
  const newStatus = changes["status"];
  if (goal["status"] !== "active") {
    return newStatus === "active" && policy.approve_new_goals ? new Set(["status"]) : new Set();
  }
  const needs = new Set<string>();
  // Back to `proposed` would undo the teacher's approval: that always waits.
  if (newStatus === "proposed" || (newStatus === "abandoned" && policy.approve_abandon)) needs.add("status");
  const oldTarget = number(goal["target"]);
  const newTarget = number(changes["target"]);
  if (policy.approve_target_decrease && oldTarget !== null && newTarget !== null && newTarget < oldTarget) {
    needs.add("target");
  }
  const shift = daysBetween(goal["deadline"], changes["deadline"]);
  if (shift !== null && shift > policy.deadline_shift_free_days) needs.add("deadline");
  return needs;
}
