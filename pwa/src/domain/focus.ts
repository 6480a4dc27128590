/**
 * The focus timer, as plain values: a focus phase of planned minutes that the student may pause
 * and stop early, then a break.
 *
 * Only focus counts, and only the time it actually ran. Each run, from a start or resume to a
 * pause, a stop or the planned end, is one time entry: it starts on the server as a running
 * timer (`time.start`, so every device and every total sees it) and is closed with the minutes
 * it ran. A run shorter than half a minute is not logged at all: rounding it up to a minute
 * would log study that never happened. Breaks are not logged.
 *
 * The state holds instants, never counters, so it reads the same after a reload, a closed tab or
 * a phone that slept through the end of a phase: `settle` ends the phase when it was due.
 */

export interface FocusPlan {
  /** Minutes of focus. */
  focus: number;
  /** Minutes of break after it; 0 for none. */
  rest: number;
}

export const PRESETS: readonly FocusPlan[] = [
  { focus: 25, rest: 5 },
  { focus: 50, rest: 10 },
];

export const MAX_FOCUS_MINUTES = 180;
export const MAX_BREAK_MINUTES = 60;
/** Runs shorter than this are dropped rather than logged as a minute. */
export const SHORTEST_LOGGED_MS = 30_000;

/** A stretch of focus that is running now: its time entry and when it began. */
export interface Run {
  entryId: string;
  since: number;
}

export type FocusState =
  | {
      phase: "focus";
      plan: FocusPlan;
      goalId: string | null;
      /** Focus time of the runs already closed (before the last pause). */
      ranMs: number;
      /** The running stretch, or null while paused. */
      run: Run | null;
    }
  | {
      phase: "break";
      plan: FocusPlan;
      goalId: string | null;
      /** Focus time the phase before it ran. */
      ranMs: number;
      since: number;
    };

/** A run that has ended: the entry to close and the instants it ran between. */
export interface ClosedRun {
  entryId: string;
  since: number;
  until: number;
}

/** What a transition leaves: the next state (null: idle) and the run it closed, if any. */
export interface Step {
  state: FocusState | null;
  closed: ClosedRun | null;
}

/** A plan the timer accepts: whole minutes, focus 1-180, break 0-60; else null. */
export function validPlan(focus: number, rest: number): FocusPlan | null {
  const ok = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;
  return ok(focus, 1, MAX_FOCUS_MINUTES) && ok(rest, 0, MAX_BREAK_MINUTES) ? { focus, rest } : null;
}

/** The minutes a run of `ms` logs, or null when it is too short to log. */
export function runMinutes(ms: number): number | null {
  if (ms < SHORTEST_LOGGED_MS) return null;
  return Math.min(Math.max(Math.round(ms / 60_000), 1), 24 * 60);
}

/** Start focusing on `plan`; `entryId` names the running time entry the app starts with it. */
export function begin(plan: FocusPlan, goalId: string | null, entryId: string, now: number): FocusState {
  return { phase: "focus", plan, goalId, ranMs: 0, run: { entryId, since: now } };
}

/** Focus time run so far in this phase, up to `now`. */
export function focusRanMs(state: FocusState, now: number): number {
  if (state.phase === "break") return state.ranMs;
  return state.ranMs + (state.run === null ? 0 : Math.max(0, now - state.run.since));
}

/** Focus time left in the phase, or break time left during a break; never below zero. */
export function leftMs(state: FocusState, now: number): number {
  if (state.phase === "break") return Math.max(0, state.since + state.plan.rest * 60_000 - now);
  return Math.max(0, state.plan.focus * 60_000 - focusRanMs(state, now));
}

export function pause(state: FocusState, now: number): Step {
  if (state.phase !== "focus" || state.run === null) return { state, closed: null };
  const closed = { entryId: state.run.entryId, since: state.run.since, until: now };
  return { state: { ...state, ranMs: state.ranMs + (now - state.run.since), run: null }, closed };
}

/** Go on after a pause; `entryId` names the new running entry. */
export function resume(state: FocusState, entryId: string, now: number): FocusState {
  if (state.phase !== "focus" || state.run !== null) return state;
  return { ...state, run: { entryId, since: now } };
}

/** Stop now: the running stretch is closed with what it ran, and the timer is idle. */
export function stop(state: FocusState, now: number): Step {
  if (state.phase === "focus" && state.run !== null) {
    return { state: null, closed: { entryId: state.run.entryId, since: state.run.since, until: now } };
  }
  return { state: null, closed: null };
}

/**
 * Move on whatever came due by `now`: a focus phase whose minutes have run ends at the instant
 * they did (not when the app next looked) and its break begins then; a break that is over
 * leaves the timer idle. The same state comes back when nothing is due.
 */
export function settle(state: FocusState, now: number): Step {
  if (state.phase === "break") {
    return now >= state.since + state.plan.rest * 60_000 ? { state: null, closed: null } : { state, closed: null };
  }
  if (state.run === null) return { state, closed: null };
  const due = state.run.since + (state.plan.focus * 60_000 - state.ranMs);
  if (now < due) return { state, closed: null };
  const closed = { entryId: state.run.entryId, since: state.run.since, until: due };
  const ranMs = state.plan.focus * 60_000;
  if (state.plan.rest === 0) return { state: null, closed };
  const breakState: FocusState = { phase: "break", plan: state.plan, goalId: state.goalId, ranMs, since: due };
  // A phone asleep through the whole break wakes to an idle timer.
  return { state: settle(breakState, now).state, closed };
}

/** The state read back from storage, if it still has the shape this version writes. */
export function parseFocus(value: unknown): FocusState | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  const plan = v["plan"] as Record<string, unknown> | undefined;
  const valid = plan && validPlan(Number(plan["focus"]), Number(plan["rest"]));
  if (!valid || typeof v["ranMs"] !== "number") return null;
  const goalId = typeof v["goalId"] === "string" ? v["goalId"] : null;
  if (v["phase"] === "break" && typeof v["since"] === "number") {
    return { phase: "break", plan: valid, goalId, ranMs: v["ranMs"], since: v["since"] };
  }
  if (v["phase"] !== "focus") return null;
  const run = v["run"] as Record<string, unknown> | null;
  if (run === null) return { phase: "focus", plan: valid, goalId, ranMs: v["ranMs"], run: null };
  if (typeof run !== "object" || typeof run["entryId"] !== "string" || typeof run["since"] !== "number") return null;
  return { phase: "focus", plan: valid, goalId, ranMs: v["ranMs"], run: { entryId: run["entryId"], since: run["since"] } };
}
