/**
 * sync/vectors/mutations.json: the replay shows, for each mutation, what the server makes of it
 * (the Python engine and reference client pass the same cases: tests/unit/sync/test_mutation_vectors.py).
 */
import { describe, expect, it } from "vitest";
import type { Mutation } from "../src/api/types";
import type { StoredRecord } from "../src/sync/db";
import type { Fields } from "../src/sync/merge";
import { DEFAULT_POLICY, POLICY_KIND, type ApprovalPolicy } from "../src/sync/policy";
import { buildView, keyOf, PENDING_PROPOSAL } from "../src/sync/view";
import { vectors } from "./vectors";

interface Case {
  case: string;
  policy?: Partial<ApprovalPolicy>;
  classes?: Record<string, Partial<ApprovalPolicy>>;
  prior: { kind: string; id: string; fields: Fields; clocks: Record<string, string> }[];
  mutation: { name: string; args: Fields; hlc: string };
  expected: { records: Record<string, Fields | null>; pending?: Record<string, Fields>; outcome?: string };
}

const v = vectors<{ space: number; class_id: number; cases: Case[] }>("mutations.json");

function expectedView(c: Case): { records: Record<string, Fields>; pending: Record<string, Fields> } {
  const records: Record<string, Fields> = {};
  for (const r of c.prior) records[keyOf(r.kind, r.id)] = r.fields;
  for (const [key, fields] of Object.entries(c.expected.records)) {
    if (fields === null) delete records[key];
    else records[key] = fields;
  }
  return { records, pending: c.expected.pending ?? {} };
}

function replayed(c: Case): { records: Record<string, Fields>; pending: Record<string, Fields> } {
  const server: StoredRecord[] = c.prior.map((r) => ({ ...r, space: v.space }));
  // The student is in the case's classes, else in class 3 under the case's policy.
  const listed = c.classes ?? { [String(v.class_id)]: c.policy ?? {} };
  const classes = Object.fromEntries(
    Object.entries(listed).map(([id, policy]) => [id, { name: "", policy: { ...DEFAULT_POLICY, ...policy } }]),
  );
  server.push({ kind: POLICY_KIND, id: "policy", space: v.space, fields: { classes }, clocks: {} });
  const mutation = { mutation_id: 1, ...c.mutation } as Mutation;
  const records: Record<string, Fields> = {};
  const pending: Record<string, Fields> = {};
  for (const [key, record] of buildView(server, [mutation], v.space)) {
    if (record.kind === POLICY_KIND) continue;
    const { [PENDING_PROPOSAL]: proposal, ...fields } = record.fields;
    if (proposal !== undefined) pending[key] = proposal as Fields;
    records[key] = fields;
  }
  return { records, pending };
}

describe("mutation vectors", () => {
  it.each(v.cases)("$case", (c) => {
    expect(replayed(c)).toEqual(expectedView(c));
  });
});
