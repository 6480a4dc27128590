import { describe, expect, it } from "vitest";
import { progressOf } from "../src/domain/goals";
import { masteryBySubject } from "../src/domain/mastery";
import type { StoredRecord } from "../src/sync/db";

function record(kind: string, id: string, fields: Record<string, unknown>): StoredRecord {
  return { kind, id, space: 7, fields, clocks: {} };
}

const policy = record("policy", "p", {
  classes: {
    "3": {
      name: "Algebra",
      objectives: [
        { id: 11, code: "A.1", title: "Solve linear equations" },
        { id: 12, code: "A.2", title: "Factor quadratics" },
        { id: 13, code: "A.3", title: "Sketch parabolas" },
      ],
    },
    "4": { name: "Literature", objectives: [] },
  },
});
const mark = (objective: number, mastered: boolean, at = "2026-12-01T10:00:00Z") =>
  record("mastery", `m${objective}`, {
    objective_id: objective,
    class_id: 3,
    mastered,
    evidence: mastered ? "Test" : "",
    marked_by_name: "Ms A",
    marked_at: at,
  });

describe("mastery", () => {
  it("lists each class's objectives with the teacher's latest mark, classes without any left out", () => {
    const [algebra, ...rest] = masteryBySubject(policy, [mark(11, true), mark(13, false), mark(99, true)]);
    expect(rest).toEqual([]);
    expect(algebra?.className).toBe("Algebra");
    expect([algebra?.mastered, algebra?.total]).toEqual([1, 3]);
    expect(algebra?.objectives.map((o) => o.mastered)).toEqual([true, false, false]);
    expect(algebra?.objectives[0]?.evidence).toBe("Test");
  });

  it("counts a goal in objectives by its objectives marked mastered, never by logged progress", () => {
    const goal = record("goal", "g", { unit: "objectives", target: 2, objectives: [11, 12, 12] });
    const logged = record("progress", "x", { goal_id: "g", amount: 5, occurred_at: "2026-12-01T10:00:00Z" });
    expect(progressOf(goal, [logged], [mark(11, true), mark(12, false)])).toBe(1);
    expect(progressOf(goal, [logged], [mark(11, true), mark(12, true)])).toBe(2);
    const pages = record("goal", "g", { unit: "pages", target: 20 });
    expect(progressOf(pages, [logged], [mark(11, true)])).toBe(5);
  });
});
