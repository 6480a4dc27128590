/**
 * The student's week as the learner state reads it, from the synced records on the device:
 * what the active goals ask, the hours planned, this week's time, the track's limits and the
 * latest check-in, decided by the shared load rules (./load.ts).
 */
import type { StoredRecord } from "../sync/db";
import { paceOfRecord } from "./goals";
import { DEFAULT_WEEKLY_STUDY_HOURS, weekLoad, type TrackLimits, type WeekLoad } from "./load";
import { localDate } from "./pace";
import { weekTotals } from "./time";
import { DEFAULT_SCHEDULE } from "./workdays";

export interface StudentRecords {
  goals: StoredRecord[];
  progress: StoredRecord[];
  timeEntries: StoredRecord[];
  rest: StoredRecord[];
  mastery: StoredRecord[];
  preferences: StoredRecord | undefined;
  track: StoredRecord | undefined;
  checkIns: StoredRecord[];
}

export interface StudentWeek extends WeekLoad {
  plannedHours: number;
}

function trackLimits(track: StoredRecord | undefined): TrackLimits | null {
  const heavy = track?.fields["heavy_study_minutes"];
  const scarce = track?.fields["scarce_free_minutes"];
  return typeof heavy === "number" && typeof scarce === "number" ? { heavy_study_minutes: heavy, scarce_free_minutes: scarce } : null;
}

export function studentWeek(records: StudentRecords, timeZone: string, now: number): StudentWeek {
  const asks = records.goals.flatMap((goal) => {
    if (goal.fields["status"] !== "active") return [];
    const pace = paceOfRecord(goal, records.progress, records.timeEntries, records.rest, timeZone, now, records.mastery);
    if (pace === null) return [];
    return [
      {
        unit: String(goal.fields["unit"]),
        minutes_per_unit: null,
        required_per_day: pace.required_per_day,
        working_days_left: pace.working_days_left,
      },
    ];
  });
  const planned = records.preferences?.fields["weekly_study_hours"];
  const plannedHours = typeof planned === "number" ? planned : DEFAULT_WEEKLY_STUDY_HOURS;
  const totals = weekTotals(records.timeEntries, now, timeZone);
  const checkIns = records.checkIns.flatMap((c) =>
    typeof c.fields["week"] === "string" && typeof c.fields["stress"] === "number"
      ? [{ week: c.fields["week"], stress: c.fields["stress"] }]
      : [],
  );
  const load = weekLoad({
    today: localDate(new Date(now).toISOString(), timeZone),
    daysPerWeek: DEFAULT_SCHEDULE.working_weekdays.length,
    goals: asks,
    availableHours: plannedHours,
    studyMinutes: Math.round(totals.study),
    freeMinutes: Math.round(totals.free),
    track: trackLimits(records.track),
    checkIns,
  });
  return { ...load, plannedHours };
}

