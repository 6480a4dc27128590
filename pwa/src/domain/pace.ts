/**
 * Pace, as backend/goals/pace.py, so a goal's pace shows offline exactly as the server computes
 * it: the pace line over working days, recent velocity, projected finish, status and the daily
 * effort needed. Both sides pass sync/vectors/pace.json; the status rule is written out in the
 * Python module's docstring and `statusOf` below follows it line by line.
 */
import { describeEffort, type Effort } from "./effort";
import {
  addDays,
  countWorkingDays,
  days,
  daysBetween,
  daysPerWeek,
  nthWorkingDay,
  weekStart,
  workingDayFlags,
  type Schedule,
} from "./workdays";

export type PaceStatus =
  | "completed"
  | "not_started"
  | "ahead"
  | "on_track"
  | "behind"
  | "at_risk"
  | "unreachable";

export const VELOCITY_WINDOW_DAYS = 14;
export const AT_RISK_SHARE = 0.75;
/** Working days' share a behind goal may trail the pace line by before it is at risk. */
export const AT_RISK_DAYS = 3.0;
export const BEHIND_TOLERANCE = 0.5;
export const PERSISTENT_DAYS = 7;
export const AHEAD_MARGIN = 1.0;
export const SUSTAINABLE_DAILY_MAX: Readonly<Record<string, number>> = {
  lessons: 3,
  chapters: 2,
  problems: 40,
  pages: 50,
  hours: 3,
  objectives: 1,
  custom: 20,
};
const TRAILING = new Set<PaceStatus>(["behind", "at_risk", "unreachable"]);
const EPSILON = 1e-9;

export interface PaceGoal {
  id: string;
  unit: string;
  /** What effort phrases count in, when not the unit itself (a custom unit's name). */
  words?: string;
  target: number;
  start_date: string;
  deadline: string;
}

export interface ProgressEvent {
  goal_id: string;
  amount: number;
  occurred_at: string;
}

export interface TimeEntry {
  kind: string;
  goal_id?: string | null;
  started_at: string;
  minutes: number;
}

export interface Pace {
  status: PaceStatus;
  /** One planned working day's share of the target: the "slack" of the status rule. */
  day_share: number;
  done: number;
  remaining: number;
  due_now: number;
  due_today: number;
  velocity: number | null;
  projected_finish: string | null;
  working_days_left: number;
  required_per_day: number | null;
  catch_up_this_week: number;
  working_days_left_this_week: number;
  last_active_on: string | null;
  daily_effort: Effort | null;
}

export type PerDay = Map<string, number>;

/** The calendar day an instant falls on in an IANA time zone. */
export function localDate(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(instant));
}

/** The goal's work per local day; hour goals also count linked study time. */
export function dailyProgress(
  goal: PaceGoal,
  progress: Iterable<ProgressEvent>,
  timeEntries: Iterable<TimeEntry>,
  timeZone: string,
): PerDay {
  const perDay: PerDay = new Map();
  const add = (day: string, amount: number) => perDay.set(day, (perDay.get(day) ?? 0) + amount);
  for (const e of progress) if (e.goal_id === goal.id) add(localDate(e.occurred_at, timeZone), e.amount);
  if (goal.unit === "hours") {
    for (const e of timeEntries) {
      if (e.kind === "study" && e.goal_id === goal.id) add(localDate(e.started_at, timeZone), e.minutes / 60);
    }
  }
  return perDay;
}

function totalThrough(perDay: PerDay, last: string): number {
  let sum = 0;
  for (const [day, amount] of perDay) if (day <= last) sum += amount;
  return sum;
}

function lastActiveOn(perDay: PerDay, last: string): string | null {
  let found: string | null = null;
  for (const [day, amount] of perDay) if (day <= last && amount > 0 && (found === null || day > found)) found = day;
  return found;
}

export function expectedProgress(goal: PaceGoal, schedule: Schedule, through: string): number {
  if (through < goal.start_date) return 0;
  if (through >= goal.deadline) return goal.target;
  const total = countWorkingDays(schedule, goal.start_date, goal.deadline);
  if (total === 0) return 0;
  return (goal.target * countWorkingDays(schedule, goal.start_date, through)) / total;
}

export function recentVelocity(perDay: PerDay, schedule: Schedule, today: string, start: string): number | null {
  const windowStart = addDays(today, -VELOCITY_WINDOW_DAYS);
  const first = start > windowStart ? start : windowStart;
  const yesterday = addDays(today, -1);
  // Yesterday weighs 14, the day before 13, ... two weeks ago 1.
  const weightOf = (day: string) => VELOCITY_WINDOW_DAYS + 1 - daysBetween(day, today);
  let work = 0;
  for (const [day, amount] of perDay) if (first <= day && day <= yesterday) work += weightOf(day) * amount;
  let weights = 0;
  const flags = workingDayFlags(schedule, first, yesterday);
  flags.forEach((working, i) => {
    if (working) weights += VELOCITY_WINDOW_DAYS + 1 - (flags.length - i);
  });
  if (weights === 0) return null;
  return Math.max(0, work / weights);
}

function reachedOn(perDay: PerDay, target: number, today: string): string | null {
  let running = 0;
  for (const day of [...perDay.keys()].filter((d) => d <= today).sort()) {
    running += perDay.get(day)!;
    if (running >= target - EPSILON) return day;
  }
  return null;
}

/** The pace of `goal` on the local day `today` from its work per day. */
export function project(goal: PaceGoal, perDay: PerDay, today: string, schedule: Schedule): Pace {
  const done = totalThrough(perDay, today);
  const remaining = Math.max(0, goal.target - done);
  const dueNow = expectedProgress(goal, schedule, addDays(today, -1));
  const dueToday = expectedProgress(goal, schedule, today);
  const totalDays = countWorkingDays(schedule, goal.start_date, goal.deadline);
  const slack = totalDays ? goal.target / totalDays : goal.target;
  const fromDay = today > goal.start_date ? today : goal.start_date;
  const daysLeft = countWorkingDays(schedule, fromDay, goal.deadline);
  const velocity = recentVelocity(perDay, schedule, today, goal.start_date);

  let projected: string | null = null;
  if (remaining <= EPSILON) projected = reachedOn(perDay, goal.target, today);
  else if (velocity !== null && velocity > EPSILON) {
    projected = nthWorkingDay(schedule, fromDay, Math.ceil(remaining / velocity - EPSILON));
  }

  let required: number | null;
  if (remaining <= EPSILON) required = 0;
  else if (daysLeft > 0) required = remaining / daysLeft;
  else required = null;

  const status = statusOf(goal, {
    remaining,
    deficit: dueNow - done,
    lead: done - dueToday,
    slack,
    required,
    worked: lastActiveOn(perDay, today) !== null,
    late: velocity !== null && (projected === null || projected > goal.deadline),
  });

  const effort =
    required !== null && required > EPSILON ? describeEffort(required, goal.words ?? goal.unit, daysPerWeek(schedule)) : null;

  const sunday = addDays(weekStart(today), 6);
  const weekEnd = sunday < goal.deadline ? sunday : goal.deadline;
  const weekDaysLeft = countWorkingDays(schedule, fromDay, weekEnd);
  const catchUp = weekDaysLeft ? Math.max(0, expectedProgress(goal, schedule, weekEnd) - done) : 0;

  return {
    status,
    day_share: slack,
    done,
    remaining,
    due_now: dueNow,
    due_today: dueToday,
    velocity,
    projected_finish: projected,
    working_days_left: daysLeft,
    required_per_day: required,
    catch_up_this_week: catchUp,
    working_days_left_this_week: weekDaysLeft,
    last_active_on: lastActiveOn(perDay, today),
    daily_effort: effort,
  };
}

interface StatusInputs {
  remaining: number;
  /** What the pace line asked by the end of yesterday, minus what is done. */
  deficit: number;
  /** What is done, minus what the pace line asks by tonight. */
  lead: number;
  slack: number;
  required: number | null;
  /** Whether any work was logged through today. */
  worked: boolean;
  /** Whether the recent pace finishes after the deadline, or never (velocity 0). */
  late: boolean;
}

/** The status rule of backend/goals/pace.py, in its order: the first that matches wins. */
function statusOf(goal: PaceGoal, s: StatusInputs): PaceStatus {
  const maximum = SUSTAINABLE_DAILY_MAX[goal.unit] ?? Number.POSITIVE_INFINITY;
  if (s.remaining <= EPSILON) return "completed";
  if (s.required === null || s.required > maximum + EPSILON) return "unreachable";
  const trailing = s.deficit > BEHIND_TOLERANCE * s.slack + EPSILON;
  // A new goal has no pace to judge; one left untouched past half a day's share is judged.
  if (!s.worked && !trailing) return "not_started";
  // "On track" never stands beside a projected finish after the deadline.
  const behind = trailing || (s.worked && s.late);
  if (
    behind &&
    (s.required > AT_RISK_SHARE * maximum + EPSILON || s.deficit > AT_RISK_DAYS * s.slack + EPSILON)
  ) {
    return "at_risk";
  }
  if (behind) return "behind";
  if (s.lead >= AHEAD_MARGIN * s.slack - EPSILON) return "ahead";
  return "on_track";
}

/** Whether the goal trailed its pace line on each of the last `span` days. */
export function persistentlyBehind(
  goal: PaceGoal,
  perDay: PerDay,
  today: string,
  schedule: Schedule,
  span: number = PERSISTENT_DAYS,
): boolean {
  const first = addDays(today, -(span - 1));
  if (first < goal.start_date) return false;
  for (const day of days(first, today)) {
    if (!TRAILING.has(project(goal, perDay, day, schedule).status)) return false;
  }
  return true;
}
