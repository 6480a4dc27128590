import { describe, expect, it } from "vitest";
import { orderedRest, restDays, restProblem } from "../src/domain/rest";
import { paceOfRecord } from "../src/domain/goals";
import type { StoredRecord } from "../src/sync/db";
import { buildView, keyOf } from "../src/sync/view";

const rest = (id: string, start_date: string, end_date: string): StoredRecord => ({
  kind: "rest",
  id,
  space: 7,
  fields: { start_date, end_date, reason: "holiday", note: "" },
  clocks: {},
});

describe("planned rest", () => {
  it("needs two dates, the end not before the start", () => {
    expect(restProblem({ start_date: "2026-12-01", end_date: "2026-12-05", reason: "holiday", note: "" })).toBeNull();
    expect(restProblem({ start_date: "", end_date: "2026-12-05", reason: "holiday", note: "" })).toBe("dates");
    expect(restProblem({ start_date: "2026-12-05", end_date: "2026-12-01", reason: "illness", note: "" })).toBe("order");
  });

  it("lists current and coming rest soonest first, then past rest latest first", () => {
    const { current, past } = orderedRest(
      [rest("a", "2026-10-01", "2026-10-03"), rest("b", "2026-12-20", "2026-12-31"), rest("c", "2026-11-20", "2026-11-26"), rest("d", "2026-11-01", "2026-11-02")],
      "2026-11-25",
    );
    expect(current.map((r) => r.id)).toEqual(["c", "b"]);
    expect(past.map((r) => r.id)).toEqual(["d", "a"]);
  });

  it("counts both ends", () => {
    expect(restDays("2026-12-01", "2026-12-01")).toBe(1);
    expect(restDays("2026-12-28", "2027-01-03")).toBe(7);
  });

  it("rest created offline shows in the view and pauses the pace clock", () => {
    const G = "00000000-0000-4000-8000-000000000001";
    const R = "00000000-0000-4000-8000-000000000009";
    const at = Date.parse("2026-11-02T08:00:00Z");
    const clock = `${at}-000000-tablet`;
    const goal: StoredRecord = {
      kind: "goal",
      id: G,
      space: 7,
      fields: { title: "Read", unit: "pages", target: 100, deadline: "2026-11-27", start_date: "2026-11-02", status: "active" },
      clocks: { title: clock, unit: clock, target: clock, deadline: clock, start_date: clock, status: clock },
    };
    const now = Date.parse("2026-11-25T12:00:00Z");
    const without = paceOfRecord(goal, [], [], [], "UTC", now)!;
    const view = buildView(
      [goal],
      [{ mutation_id: 1, name: "rest.create", hlc: `${now}-000000-phone`, args: { id: R, start_date: "2026-11-02", end_date: "2026-11-20", reason: "illness", note: "" } }],
      7,
    );
    const kept = view.get(keyOf("rest", R))!;
    expect(kept.fields["reason"]).toBe("illness");
    const paused = paceOfRecord(goal, [], [], [kept], "UTC", now)!;
    expect(paused.due_today).toBeLessThan(without.due_today);
  });

  it("preferences set offline make one record, and a second set edits it", () => {
    const P = "605a4a88-546b-5b6f-9c76-ea45b40c1c2b";
    const view = buildView(
      [],
      [
        { mutation_id: 1, name: "preferences.set", hlc: "1700000000001-000000-phone", args: { id: P, weekly_study_hours: 6 } },
        { mutation_id: 2, name: "preferences.set", hlc: "1700000000002-000000-phone", args: { id: P, quiet_start: "21:00" } },
      ],
      7,
    );
    expect(view.get(keyOf("preferences", P))!.fields).toEqual({ weekly_study_hours: 6, quiet_start: "21:00" });
  });
});
