import { describe, expect, it } from "vitest";
import type { Fields } from "../src/sync/merge";
import { DEFAULT_POLICY, needsApproval, policyFromFields, type ApprovalPolicy } from "../src/sync/policy";
import { vectors } from "./vectors";

interface PolicyVectors {
  default_policy: ApprovalPolicy;
  needs_approval: { case: string; policy: Partial<ApprovalPolicy>; goal: Fields; changes: Fields; expected: string[] }[];
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

  it("an unreadable policy record reads as the default", () => {
    expect(policyFromFields({ deadline_shift_free_days: "3", approve_abandon: 1 })).toEqual(DEFAULT_POLICY);
  });
});
