import { describe, expect, it } from "vitest";
import type { Fields } from "../src/sync/merge";
import {
  approvalFor,
  classesFromFields,
  DEFAULT_POLICY,
  needsApproval,
  policyFromFields,
  type ApprovalPolicy,
} from "../src/sync/policy";
import { vectors } from "./vectors";

interface PolicyVectors {
  default_policy: ApprovalPolicy;
  needs_approval: { case: string; policy: Partial<ApprovalPolicy>; goal: Fields; changes: Fields; expected: string[] }[];
  by_class: { case: string; classes: Record<string, ApprovalPolicy>; goal: Fields; changes: Fields; expected: string[] }[];
}

const v = vectors<PolicyVectors>("policy.json");

describe("approval policy vectors", () => {
  it("the default policy is the server's", () => {
    expect(DEFAULT_POLICY).toEqual(v.default_policy);
  });

  it.each(v.needs_approval)("$case", (c) => {
    const policy = policyFromFields({ ...c.policy });
    expect([...needsApproval(policy, c.goal, c.changes)].sort()).toEqual([...c.expected].sort());
  });

  it.each(v.by_class)("$case", (c) => {
    const fields = {
      classes: Object.fromEntries(Object.entries(c.classes).map(([id, policy]) => [id, { name: "", policy }])),
    };
    const classes = classesFromFields(fields);
    expect([...approvalFor(classes, c.goal, c.changes)].sort()).toEqual([...c.expected].sort());
  });

  it("a policy record of another shape lists no classes", () => {
    expect(classesFromFields({ approve_new_goals: true }).size).toBe(0);
    expect(classesFromFields({ classes: { x: {}, "4": { policy: { approve_abandon: false } } } })).toEqual(
      new Map([[4, { name: "", teacherName: "", objectives: [], policy: { ...DEFAULT_POLICY, approve_abandon: false } }]]),
    );
  });

  it("an unreadable policy reads as the default", () => {
    expect(policyFromFields({ deadline_shift_free_days: "3", approve_abandon: 1 })).toEqual(DEFAULT_POLICY);
  });
});

describe("class objectives in the policy record", () => {
  it("reads each objective, skipping any of another shape", () => {
    const classes = classesFromFields({
      classes: {
        "3": {
          name: "Algebra",
          objectives: [{ id: 11, code: "A.1", title: "Solve linear equations" }, { id: "x", title: "bad" }, { id: 12, title: "Factor" }],
        },
      },
    });
    expect(classes.get(3)?.objectives).toEqual([
      { id: 11, code: "A.1", title: "Solve linear equations" },
      { id: 12, code: "", title: "Factor" },
    ]);
  });
});
