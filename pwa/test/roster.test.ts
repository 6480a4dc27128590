import { describe, expect, it } from "vitest";
import type { ApprovalItem, GoalOverview, StudentOverview } from "../src/api/types";
import { filterRows, NO_FILTER, rosterRows, sortRows } from "../src/domain/roster";

const TODAY = "2026-12-04";

function goal(status: GoalOverview["status"], start = "2026-11-01"): GoalOverview {
  return {
    goal_id: `g-${status}-${start}`,
    title: "Reading",
    unit: "pages",
    target: 60,
    done: 10,
    start,
    deadline: "2026-12-31",
    status,
    projected_finish: null,
    daily_effort: null,
  };
}

function student(id: number, name: string, extra: Partial<StudentOverview> = {}): StudentOverview {
  return {
    student_id: id,
    display_name: name,
    goals: [],
    week_start: "2026-11-30",
    today: TODAY,
    study_minutes_this_week: 0,
    free_minutes_this_week: 0,
    persistently_behind: false,
    behind_goal_ids: [],
    ...extra,
  };
}

function item(studentId: number, name: string, classId: number | null, id = `i-${studentId}`): ApprovalItem {
  return {
    type: "new_goal",
    id,
    student_id: studentId,
    student_name: name,
    goal_id: id,
    goal_title: "Essays",
    goal_version: 1,
    requested_at: "2026-12-01T10:00:00Z",
    age_hours: 3,
    current: {},
    proposed: {},
    reason: "",
    changed_since_request: false,
    class_id: classId,
    class_name: classId === null ? "" : "Algebra",
  };
}

const classes = [
  {
    classId: 1,
    className: "Algebra",
    rows: [
      student(10, "Zarina", { goals: [goal("on_track"), goal("at_risk")], persistently_behind: true, last_active_on: "2026-12-03" }),
      student(11, "Ásel", { goals: [goal("ahead")], last_active_on: "2026-11-20", study_minutes_this_week: 90 }),
      student(12, "Bolat"),
    ],
  },
  { classId: 2, className: "Physics", rows: [student(10, "Zarina", { goals: [goal("completed")], last_active_on: TODAY })] },
];

describe("rosterRows", () => {
  it("gives each student one row per class, with that class's waiting items", () => {
    const rows = rosterRows(classes, [item(12, "Bolat", 1), item(10, "Zarina", 2)], TODAY);
    expect(rows.map((r) => [r.key, r.pending.length])).toEqual([
      ["1-10", 0],
      ["1-11", 0],
      ["1-12", 1],
      ["2-10", 1],
    ]);
  });

  it("takes the worst goal status, counts each, and counts quiet days from the last activity", () => {
    const [zarina, asel, bolat] = rosterRows(classes, [], TODAY);
    expect([zarina!.worst, zarina!.statuses]).toEqual(["at_risk", { on_track: 1, at_risk: 1 }]);
    expect([asel!.quietDays, zarina!.quietDays]).toEqual([14, null]);
    expect([bolat!.worst, bolat!.quietDays]).toEqual([null, null]);
  });

  it("gives a mentee's personal request a row of its own", () => {
    const rows = rosterRows(classes, [item(99, "Madina", null)], TODAY);
    expect(rows.at(-1)).toMatchObject({ key: "mentee-99", name: "Madina", classId: null, pending: [{ id: "i-99" }] });
  });
});

describe("filterRows", () => {
  const rows = rosterRows(classes, [item(12, "Bolat", 1)], TODAY);
  const names = (f: Partial<typeof NO_FILTER>) => filterRows(rows, { ...NO_FILTER, ...f }).map((r) => r.key);

  it("searches any part of the name, accents and case aside", () => {
    expect(names({ search: "ase" })).toEqual(["1-11"]);
    expect(names({ search: " ZAR " })).toEqual(["1-10", "2-10"]);
  });

  it("filters by class, waiting decisions, behind, status and activity", () => {
    expect(names({ classId: 2 })).toEqual(["2-10"]);
    expect(names({ pendingOnly: true })).toEqual(["1-12"]);
    expect(names({ behindOnly: true })).toEqual(["1-10"]);
    expect(names({ status: "needs_help" })).toEqual(["1-10"]);
    expect(names({ status: "fine" })).toEqual(["1-11", "2-10"]);
    expect(names({ status: "no_goals" })).toEqual(["1-12"]);
    expect(names({ activity: "quiet" })).toEqual(["1-11"]);
    expect(names({ activity: "this_week" })).toEqual(["1-10", "2-10"]);
  });
});

describe("sortRows", () => {
  const rows = rosterRows(classes, [item(12, "Bolat", 1)], TODAY);
  const keys = (list: typeof rows) => list.map((r) => r.key);

  it("puts decisions waiting first, then behind for a week, then the longest quiet", () => {
    expect(keys(sortRows(rows, "need", "descending"))).toEqual(["1-12", "1-10", "1-11", "2-10"]);
  });

  it("sorts by a column either way, ties by name", () => {
    expect(keys(sortRows(rows, "name", "ascending"))).toEqual(["1-11", "1-12", "1-10", "2-10"]);
    expect(keys(sortRows(rows, "status", "descending"))).toEqual(["1-10", "1-11", "2-10", "1-12"]);
    expect(keys(sortRows(rows, "activity", "ascending"))).toEqual(["1-12", "1-11", "1-10", "2-10"]);
    expect(keys(sortRows(rows, "week", "descending"))[0]).toBe("1-11");
  });

  it("leaves the rows it was given as they were", () => {
    const before = keys(rows);
    sortRows(rows, "name", "descending");
    expect(keys(rows)).toEqual(before);
  });
});
