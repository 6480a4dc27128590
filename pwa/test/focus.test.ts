/** The focus timer counts only what ran: pauses, early stops, a sleeping phone, short runs. */
import { describe, expect, it } from "vitest";
import { begin, focusRanMs, leftMs, parseFocus, pause, resume, runMinutes, settle, stop, validPlan } from "../src/domain/focus";

const MIN = 60_000;
const T0 = Date.parse("2026-12-04T09:00:00Z");
const plan = { focus: 25, rest: 5 };

describe("a focus run", () => {
  it("counts down the planned minutes from its start", () => {
    const s = begin(plan, null, "a", T0);
    expect(leftMs(s, T0 + 10 * MIN)).toBe(15 * MIN);
    expect(focusRanMs(s, T0 + 10 * MIN)).toBe(10 * MIN);
  });

  it("ends at the planned minute even when the app looks much later, and the break starts then", () => {
    const { state, closed } = settle(begin(plan, "g", "a", T0), T0 + 27 * MIN);
    expect(closed).toEqual({ entryId: "a", since: T0, until: T0 + 25 * MIN });
    expect(state).toMatchObject({ phase: "break", since: T0 + 25 * MIN, ranMs: 25 * MIN, goalId: "g" });
    expect(leftMs(state!, T0 + 27 * MIN)).toBe(3 * MIN);
  });

  it("leaves the timer idle when the phone slept through focus and break", () => {
    const { state, closed } = settle(begin(plan, null, "a", T0), T0 + 2 * 60 * MIN);
    expect(state).toBeNull();
    expect(closed?.until).toBe(T0 + 25 * MIN);
  });

  it("changes nothing before it is due", () => {
    const s = begin(plan, null, "a", T0);
    expect(settle(s, T0 + 24 * MIN).state).toBe(s);
  });

  it("has no break when the plan has none", () => {
    const { state, closed } = settle(begin({ focus: 10, rest: 0 }, null, "a", T0), T0 + 10 * MIN);
    expect(state).toBeNull();
    expect(closed?.until).toBe(T0 + 10 * MIN);
  });
});

describe("pausing", () => {
  it("closes the run at the pause and leaves the paused minutes out of the plan", () => {
    const paused = pause(begin(plan, null, "a", T0), T0 + 10 * MIN);
    expect(paused.closed).toEqual({ entryId: "a", since: T0, until: T0 + 10 * MIN });
    const later = T0 + 40 * MIN;
    expect(leftMs(paused.state!, later)).toBe(15 * MIN);
    const resumed = resume(paused.state!, "b", later);
    const { state, closed } = settle(resumed, later + 15 * MIN);
    expect(closed).toEqual({ entryId: "b", since: later, until: later + 15 * MIN });
    expect(state).toMatchObject({ phase: "break", ranMs: 25 * MIN });
  });

  it("does nothing to a timer that is already paused", () => {
    const paused = pause(begin(plan, null, "a", T0), T0 + MIN).state!;
    expect(pause(paused, T0 + 2 * MIN)).toEqual({ state: paused, closed: null });
  });
});

describe("stopping early", () => {
  it("closes the running stretch with what it ran", () => {
    expect(stop(begin(plan, null, "a", T0), T0 + 7 * MIN)).toEqual({
      state: null,
      closed: { entryId: "a", since: T0, until: T0 + 7 * MIN },
    });
  });

  it("closes nothing when paused", () => {
    const paused = pause(begin(plan, null, "a", T0), T0 + MIN).state!;
    expect(stop(paused, T0 + 5 * MIN)).toEqual({ state: null, closed: null });
  });
});

describe("the minutes a run logs", () => {
  it("logs nothing for a three-second run", () => expect(runMinutes(3_000)).toBeNull());
  it("logs nothing under half a minute", () => expect(runMinutes(29_999)).toBeNull());
  it("rounds to the nearest minute from half a minute", () => {
    expect(runMinutes(30_000)).toBe(1);
    expect(runMinutes(89_000)).toBe(1);
    expect(runMinutes(25 * MIN)).toBe(25);
  });
});

describe("plans", () => {
  it("accepts whole minutes within bounds", () => {
    expect(validPlan(40, 0)).toEqual({ focus: 40, rest: 0 });
    expect(validPlan(0, 5)).toBeNull();
    expect(validPlan(181, 5)).toBeNull();
    expect(validPlan(25, 61)).toBeNull();
    expect(validPlan(2.5, 5)).toBeNull();
  });
});

describe("the stored state", () => {
  it("reads back what was written", () => {
    const paused = pause(begin(plan, "g", "a", T0), T0 + MIN).state!;
    const running = begin(plan, null, "a", T0);
    const onBreak = settle(running, T0 + 26 * MIN).state!;
    for (const s of [running, paused, onBreak]) expect(parseFocus(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });

  it("forgets a shape it does not know", () => {
    expect(parseFocus(undefined)).toBeNull();
    expect(parseFocus({ phase: "focus", plan: { focus: 0, rest: 5 }, ranMs: 0, run: null })).toBeNull();
    expect(parseFocus({ phase: "focus", plan, ranMs: 0, run: { since: 1 } })).toBeNull();
  });
});
