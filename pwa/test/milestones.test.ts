import { describe, expect, it } from "vitest";
import {
  milestonesOf,
  milestoneWords,
  nextMilestone,
  planProblem,
  problemWords,
  type Plan,
} from "../src/domain/milestones";
import type { StoredRecord } from "../src/sync/db";

const PLAN = [
  { title: "First third", amount: 4, due: "2026-12-05" },
  { title: "Half way", amount: 6, due: "2026-12-10" },
  { title: "Last stretch", amount: 10, due: null },
];
const day = (d: string) => `day ${d}`;

describe("the goal card's milestone line", () => {
  it("names the next milestone, its amount in the goal's unit and its date", () => {
    expect(milestoneWords(PLAN, 4, "chapters", "2026-12-02", day)).toBe("Next: Half way · 6 chapters by day 2026-12-10");
  });

  it("starts with the first milestone and says a single unit in the singular", () => {
    const plan = [{ title: "Warm up", amount: 1, due: "2026-12-03" }];
    expect(milestoneWords(plan, 0, "lessons", "2026-12-02", day)).toBe("Next: Warm up · 1 lesson by day 2026-12-03");
  });

  it("leaves the date out for a milestone without one", () => {
    expect(milestoneWords(PLAN, 7.5, "chapters", "2026-12-02", day)).toBe("Next: Last stretch · 10 chapters");
  });

  it("says when the next milestone's date has passed without it", () => {
    expect(milestoneWords(PLAN, 2, "chapters", "2026-12-06", day)).toBe(
      "Next: First third · 4 chapters, due day 2026-12-05, not reached yet",
    );
  });

  it("says all are reached once the last one is", () => {
    expect(milestoneWords(PLAN, 10, "chapters", "2026-12-02", day)).toBe("All milestones reached");
    expect(nextMilestone(PLAN, 12, "2026-12-02")).toEqual({ kind: "all_reached" });
  });

  it("says nothing for a goal without milestones", () => {
    expect(milestoneWords([], 3, "chapters", "2026-12-02", day)).toBeNull();
  });

  it("reads a goal record's milestones and skips malformed ones", () => {
    const goal: StoredRecord = {
      kind: "goal",
      id: "g",
      space: 1,
      clocks: {},
      fields: { milestones: [{ title: "Half", amount: 5 }, { title: 3 }, null, { title: "End", amount: 10, due: "2026-12-20" }] },
    };
    expect(milestonesOf(goal)).toEqual([
      { title: "Half", amount: 5, due: null },
      { title: "End", amount: 10, due: "2026-12-20" },
    ]);
    expect(milestonesOf({ ...goal, fields: {} })).toEqual([]);
  });
});

describe("a goal's milestones are checked as the server checks them", () => {
  const plan = (milestones: Plan["milestones"], start: string | null = null): Plan => ({
    target: 10,
    deadline: "2026-12-20",
    start,
    milestones,
  });
  const words = (p: Plan) => {
    const problem = planProblem(p);
    return problem === null ? null : problemWords(problem, p);
  };

  it("accepts rising amounts within the target, due within the plan", () => {
    expect(planProblem(plan(PLAN, "2026-12-01"))).toBeNull();
    expect(planProblem(plan([]))).toBeNull();
  });

  it("asks for a name", () => {
    expect(words(plan([{ title: " ", amount: 2 }]))).toBe("Milestone 1: give it a name.");
  });

  it("asks for an amount above zero", () => {
    expect(words(plan([{ title: "Start", amount: Number.NaN }]))).toBe("Milestone 1 (“Start”): enter an amount above zero.");
    expect(words(plan([{ title: "Start", amount: 0 }]))).toBe("Milestone 1 (“Start”): enter an amount above zero.");
  });

  it("refuses a milestone that asks no more than the one before", () => {
    expect(words(plan([{ title: "A", amount: 5 }, { title: "B", amount: 5 }]))).toBe(
      "Milestone 2 (“B”): each milestone must ask for more than the one before (5).",
    );
  });

  it("refuses a milestone beyond the target", () => {
    expect(words(plan([{ title: "Too far", amount: 500 }]))).toBe("Milestone 1 (“Too far”): 500 is more than the target 10.");
  });

  it("refuses a date after the deadline or before the start", () => {
    expect(words(plan([{ title: "Late", amount: 5, due: "2026-12-21" }]))).toBe(
      "Milestone 1 (“Late”): its date is after the goal's deadline.",
    );
    expect(words(plan([{ title: "Early", amount: 5, due: "2026-11-30" }], "2026-12-01"))).toBe(
      "Milestone 1 (“Early”): its date is before the goal starts (2026-12-01).",
    );
    // Without a start date of its own, the server checks no start; neither does the form.
    expect(planProblem(plan([{ title: "Early", amount: 5, due: "2026-11-30" }]))).toBeNull();
  });

  it("allows at most twenty", () => {
    const many = Array.from({ length: 21 }, (_, i) => ({ title: `M${i}`, amount: (i + 1) * 0.4 }));
    expect(words(plan(many))).toBe("A goal can have at most 20 milestones.");
  });
});
