import { describe, expect, it } from "vitest";
import { paceOfRecord, progressOf } from "../src/domain/goals";
import { fieldsOf, readAll } from "../src/domain/records";
import type { StoredRecord } from "../src/sync/db";

const record = (kind: string, id: string, fields: Record<string, unknown>): StoredRecord => ({
  kind,
  id,
  space: 1,
  fields,
  clocks: {},
});

const goal = (fields: Record<string, unknown> = {}) =>
  record("goal", "g1", {
    title: "Algebra",
    target: 10,
    unit: "pages",
    deadline: "2026-12-20",
    start_date: "2026-11-20",
    status: "active",
    ...fields,
  });

describe("reading a record as its typed kind", () => {
  it("reads a well-formed goal with its typed fields", () => {
    expect(fieldsOf(goal(), "goal")?.deadline).toBe("2026-12-20");
  });

  it("skips a goal whose start lies outside the supported calendar, as the server does", () => {
    expect(fieldsOf(goal({ start_date: "1300-01-01" }), "goal")).toBeNull();
    const now = Date.parse("2026-11-25T12:00:00Z");
    expect(paceOfRecord(goal({ start_date: "1300-01-01" }), [], [], [], "UTC", now)).toBeNull();
  });

  it("skips progress at the calendar's edge and counts the rest", () => {
    const events = [
      record("progress", "p1", { goal_id: "g1", amount: 2, occurred_at: "2026-11-21T10:00:00Z" }),
      record("progress", "p2", { goal_id: "g1", amount: 5, occurred_at: "0001-01-01T00:00:00+01:00" }),
      record("progress", "p3", { goal_id: "g1", amount: "3", occurred_at: "2026-11-22T10:00:00Z" }),
    ];
    expect(readAll(events, "progress").map((p) => p.record.id)).toEqual(["p1"]);
    expect(progressOf(goal(), events)).toBe(2);
  });

  it("never reads a record as another kind", () => {
    expect(fieldsOf(goal(), "progress")).toBeNull();
  });
});
