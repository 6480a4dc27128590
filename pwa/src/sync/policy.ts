/**
 * The approval policy, the same as sync/policy.py: which of a student's goal changes wait for
 * the teacher. The server publishes the policy it applies as the student's `policy` record, so
 * the device replays exactly the rule the server will apply; sync/vectors/policy.json holds the
 * cases both sides pass.
 */
import type { components } from "../api/schema";
import type { StoredRecord } from "./db";
import type { Fields } from "./merge";

/** The fields of the `policy` record (generated from sync/kinds.py `ApprovalPolicy`). */
export type ApprovalPolicy = Required<components["schemas"]["RecordFields"]["policy"]>;

/** A new class's policy, and the policy of a student in no class. */
export const DEFAULT_POLICY: Readonly<ApprovalPolicy> = {
  approve_new_goals: true,
  approve_target_decrease: true,
  approve_abandon: true,
  deadline_shift_free_days: 7,
};

export const POLICY_KIND = "policy";

/** The policy a `policy` record holds; no record (or an unreadable field) is the default. */
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

/** The policy of each space whose `policy` record is among `records`. */
export function policiesOf(records: Iterable<StoredRecord>): Map<number, ApprovalPolicy> {
  const found = new Map<number, ApprovalPolicy>();
  for (const r of records) if (r.kind === POLICY_KIND) found.set(r.space, policyFromFields(r.fields));
  return found;
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
