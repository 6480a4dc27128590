import { describe, expect, it } from "vitest";
import { teacherComment } from "../src/domain/goals";
import type { StoredRecord } from "../src/sync/db";

const GOAL_ID = "00000000-0000-4000-8000-000000000001";

function record(kind: string, id: string, fields: Record<string, unknown>): StoredRecord {
  return { kind, id, space: 7, fields, clocks: {} };
}

const goal = (fields: Record<string, unknown>) => record("goal", GOAL_ID, { title: "Essays", ...fields });
const request = (n: number, fields: Record<string, unknown>) =>
  record("change_request", `00000000-0000-4000-8000-00000000010${n}`, { goal_id: GOAL_ID, ...fields });

describe("the teacher's comment on a goal", () => {
  it("is read from a returned new goal itself", () => {
    const returned = goal({ status: "returned", teacher_comment: "Smaller target, please", decided_ms: 10 });
    expect(teacherComment(returned, [])).toBe("Smaller target, please");
  });

  it("is the latest decision's, whether on the goal or on a change request", () => {
    const approvedGoal = goal({ status: "active", teacher_comment: "Good plan", decided_ms: 10 });
    const returnedChange = request(1, { status: "returned", teacher_comment: "Keep the deadline", decided_ms: 20 });
    const otherGoals = record("change_request", "00000000-0000-4000-8000-000000000199", {
      goal_id: "00000000-0000-4000-8000-000000000002",
      teacher_comment: "Not about this goal",
      decided_ms: 30,
    });
    expect(teacherComment(approvedGoal, [returnedChange, otherGoals])).toBe("Keep the deadline");
  });

  it("is none when the latest decision came without one", () => {
    const commented = goal({ status: "active", teacher_comment: "Good plan", decided_ms: 10 });
    const silent = request(2, { status: "approved", teacher_comment: "", decided_ms: 20 });
    expect(teacherComment(commented, [silent])).toBeNull();
    expect(teacherComment(goal({ status: "proposed" }), [])).toBeNull();
  });
});
