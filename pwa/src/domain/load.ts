/**
 * When a week is overloaded, as the server decides it (backend/goals/load.py, the learner
 * state's `is_stressed`, the overload nudge's plan): by the student's track and their weekly
 * check-in. sync/vectors/load.json holds the cases both sides pass.
 */
import { isoWeek } from "./checkin";

/** Default study minutes one unit takes (backend/goals/goal.py MINUTES_PER_UNIT). */
export const MINUTES_PER_UNIT: Readonly<Record<string, number>> = {
  lessons: 30,
  chapters: 45,
  problems: 6,
  pages: 5,
  hours: 60,
  objectives: 120,
  custom: 30,
};
export const HIGH_STRESS = 4;
/** The limits of the standard track, and of a student with no track record. */
export const STANDARD_TRACK: Readonly<TrackLimits> = { heavy_study_minutes: 8 * 60, scarce_free_minutes: 60 };
export const DEFAULT_WEEKLY_STUDY_HOURS = 5;

export interface TrackLimits {
  heavy_study_minutes: number;
  scarce_free_minutes: number;
}

export interface GoalAsk {
  unit: string;
  minutes_per_unit: number | null;
  required_per_day: number | null;
  working_days_left: number;
}

export interface WeekCheck {
  week: string;
  stress: number;
}

export type OverloadPlan = "talk_to_mentor" | "plan_rest";

export interface WeekLoad {
  required_hours: number;
  over_hours: boolean;
  little_free_time: boolean;
  overloaded: boolean;
  stressed: boolean;
  /** The overload nudge's if-then plan; null when the week is not overloaded. */
  plan: OverloadPlan | null;
}

/** Minutes one unit of the goal takes: the student's own estimate, except for hour goals. */
export function unitMinutes(unit: string, minutesPerUnit: number | null): number {
  if (unit === "hours" || minutesPerUnit === null) return MINUTES_PER_UNIT[unit] ?? 60;
  return minutesPerUnit;
}

/** What one active goal asks of a week in hours; null when it asks nothing. */
export function goalHoursPerWeek(goal: GoalAsk, daysPerWeek: number): number | null {
  if (!goal.required_per_day || goal.working_days_left === 0) return null;
  return (goal.required_per_day * daysPerWeek * unitMinutes(goal.unit, goal.minutes_per_unit)) / 60;
}

/** Whether the latest check-in, from this week or last, says stress 4 or 5 of 5. */
export function isStressed(checkIns: readonly WeekCheck[], today: string): boolean {
  const latest = [...checkIns].sort((a, b) => (a.week < b.week ? 1 : a.week > b.week ? -1 : 0))[0];
  if (latest === undefined) return false;
  const lastWeek = new Date(`${today}T12:00:00Z`);
  lastWeek.setUTCDate(lastWeek.getUTCDate() - 7);
  const recent = new Set([isoWeek(today), isoWeek(lastWeek.toISOString().slice(0, 10))]);
  return recent.has(latest.week) && latest.stress >= HIGH_STRESS;
}

export function weekLoad(input: {
  today: string;
  daysPerWeek: number;
  goals: readonly GoalAsk[];
  availableHours: number;
  studyMinutes: number;
  freeMinutes: number;
  track: TrackLimits | null;
  checkIns: readonly WeekCheck[];
}): WeekLoad {
  const track = input.track ?? STANDARD_TRACK;
  let required = 0;
  for (const g of input.goals) required += goalHoursPerWeek(g, input.daysPerWeek) ?? 0;
  const over = required > input.availableHours + 1e-9;
  const little = input.studyMinutes >= track.heavy_study_minutes && input.freeMinutes < track.scarce_free_minutes;
  const stressed = isStressed(input.checkIns, input.today);
  const overloaded = over || little;
  return {
    required_hours: Math.round(required * 100) / 100,
    over_hours: over,
    little_free_time: little,
    overloaded,
    stressed,
    plan: overloaded ? (stressed ? "talk_to_mentor" : "plan_rest") : null,
  };
}
