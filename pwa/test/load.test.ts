import { describe, expect, it } from "vitest";
import { DEFAULT_WEEKLY_STUDY_HOURS, HIGH_STRESS, MINUTES_PER_UNIT, STANDARD_TRACK, weekLoad, type GoalAsk, type TrackLimits, type WeekCheck, type WeekLoad } from "../src/domain/load";
import { vectors } from "./vectors";

interface Case {
  case: string;
  today: string;
  days_per_week: number;
  goals: GoalAsk[];
  available_hours: number;
  week: { study_minutes: number; free_minutes: number };
  track: TrackLimits | null;
  check_ins: WeekCheck[];
  expected: WeekLoad;
}

const file = vectors<{ constants: { minutes_per_unit: Record<string, number>; high_stress: number; standard_track: TrackLimits; default_weekly_study_hours: number }; cases: Case[] }>(
  "load.json",
);

describe("load vectors", () => {
  it("uses the server's constants", () => {
    expect(MINUTES_PER_UNIT).toEqual(file.constants.minutes_per_unit);
    expect(HIGH_STRESS).toBe(file.constants.high_stress);
    expect(STANDARD_TRACK).toEqual(file.constants.standard_track);
    expect(DEFAULT_WEEKLY_STUDY_HOURS).toBe(file.constants.default_weekly_study_hours);
  });

  for (const c of file.cases) {
    it(c.case, () => {
      expect(
        weekLoad({
          today: c.today,
          daysPerWeek: c.days_per_week,
          goals: c.goals,
          availableHours: c.available_hours,
          studyMinutes: c.week.study_minutes,
          freeMinutes: c.week.free_minutes,
          track: c.track,
          checkIns: c.check_ins,
        }),
      ).toEqual(c.expected);
    });
  }
});
