import { describe, expect, it } from "vitest";
import { describeEffort } from "../src/domain/effort";
import { dailyProgress, persistentlyBehind, project, type PaceGoal } from "../src/domain/pace";
import type { Schedule } from "../src/domain/workdays";
import { vectors } from "./vectors";

interface Case {
  case: string;
  today: string;
  time_zone: string;
  schedule: { working_weekdays: number[]; rest: Record<string, string>[] };
  goal: PaceGoal & { start?: string };
  progress: { goal_id: string; amount: number; occurred_at: string }[];
  time_entries: { kind: string; goal_id: string | null; started_at: string; minutes: number }[];
  expected: Record<string, unknown>;
}

interface EffortCase {
  per_day: number;
  unit: string;
  days_per_week: number;
  expected: Record<string, unknown>;
}

const v = vectors<{ cases: Case[]; effort: EffortCase[] }>("pace.json");
const NUMERIC = [
  "done",
  "due_now",
  "due_today",
  "velocity",
  "required_per_day",
  "catch_up_this_week",
] as const;

describe("pace vectors", () => {
  it.each(v.cases)("$case", (c) => {
    // The vectors name date ranges either `start`/`end` or `start_date`/`end_date`.
    const goal = { ...c.goal, start_date: c.goal.start_date ?? c.goal.start ?? "" };
    const schedule: Schedule = {
      working_weekdays: c.schedule.working_weekdays,
      rest: c.schedule.rest.map((r) => ({
        start_date: r["start_date"] ?? r["start"] ?? "",
        end_date: r["end_date"] ?? r["end"] ?? "",
      })),
    };
    const perDay = dailyProgress(goal, c.progress, c.time_entries, c.time_zone);
    const pace = project(goal, perDay, c.today, schedule);
    const e = c.expected;
    expect(pace.status).toBe(e["status"]);
    for (const key of NUMERIC) {
      const want = e[key] as number | null;
      if (want === null) expect(pace[key]).toBeNull();
      else expect(pace[key]).toBeCloseTo(want, 6);
    }
    expect(pace.projected_finish).toBe(e["projected_finish"]);
    expect(pace.working_days_left).toBe(e["working_days_left"]);
    expect(pace.working_days_left_this_week).toBe(e["working_days_left_this_week"]);
    expect(pace.last_active_on).toBe(e["last_active_on"]);
    const effort = pace.daily_effort;
    if (e["daily_effort"] === null) expect(effort).toBeNull();
    else {
      const { per_day: _, ...said } = effort!;
      expect(said).toEqual(e["daily_effort"]);
    }
    expect(persistentlyBehind(goal, perDay, c.today, schedule)).toBe(e["persistently_behind"]);
  });

  it.each(v.effort)("effort: $per_day $unit a day", (c) => {
    const { per_day: _, ...said } = describeEffort(c.per_day, c.unit, c.days_per_week);
    expect(said).toEqual(c.expected);
  });
});
