import { describe, expect, it } from "vitest";
import { editOfDeleted, mergeFields, splitGoverned, type Fields } from "../src/sync/merge";
import { DEFAULT_POLICY, needsApproval, type ApprovalPolicy } from "../src/sync/policy";
import { vectors } from "./vectors";

interface MergeVectors {
  merge_fields: {
    case: string;
    fields: Fields;
    clocks: Record<string, string>;
    changes: Fields;
    clock: string;
    base: Record<string, string>;
    quiet?: string[];
    expected: {
      fields: Fields;
      clocks: Record<string, string>;
      written: string[];
      lost: unknown[];
      clock?: string;
    };
  }[];
  deleted: { case: string; changes: Fields; clock: string; quiet?: string[]; expected_lost: unknown[] }[];
  governed: {
    case: string;
    policy?: Partial<ApprovalPolicy>;
    goal: Fields;
    changes: Fields;
    expected: { direct: Fields; proposed: Fields; current: Fields };
  }[];
}

const v = vectors<MergeVectors>("merge.json");

describe("merge vectors", () => {
  it.each(v.merge_fields)("merge_fields: $case", (c) => {
    const result = mergeFields(c.fields, c.clocks, c.changes, c.clock, c.base, c.quiet ?? []);
    expect(result.fields).toEqual(c.expected.fields);
    expect(result.clocks).toEqual(c.expected.clocks);
    expect([...result.written].sort()).toEqual([...c.expected.written].sort());
    expect(result.lost).toEqual(c.expected.lost);
    expect(result.clock).toBe(c.expected.clock ?? c.clock);
  });

  it.each(v.deleted)("deleted: $case", (c) => {
    expect(editOfDeleted(c.changes, c.clock, c.quiet ?? [])).toEqual(c.expected_lost);
  });

  it.each(v.governed)("governed: $case", (c) => {
    const policy = { ...DEFAULT_POLICY, ...c.policy };
    expect(splitGoverned(c.goal, c.changes, needsApproval(policy, c.goal, c.changes))).toEqual(c.expected);
  });
});
