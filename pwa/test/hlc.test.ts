import { describe, expect, it } from "vitest";
import { admit, after, decode, encode, isValid, receive, tick } from "../src/sync/hlc";
import { vectors } from "./vectors";

interface HlcVectors {
  max_drift_ms: number;
  ascending: string[];
  tick: { case: string; local: string | null; now_ms: number; client_id: string; expected: string }[];
  receive: {
    case: string;
    local: string | null;
    remote: string;
    now_ms: number;
    client_id: string;
    expected: string;
  }[];
  admit: {
    case: string;
    remote: string;
    last: string | null;
    now_ms: number;
    expected: string;
    clamped: boolean;
  }[];
  after: { case: string; clock: string; floor: string | null; expected: string }[];
  invalid: string[];
}

const v = vectors<HlcVectors>("hlc.json");

describe("hlc vectors", () => {
  it("ascending clocks sort as plain strings", () => {
    expect([...v.ascending].reverse().sort()).toEqual(v.ascending);
  });

  it.each(v.tick)("tick: $case", (c) => {
    expect(tick(c.local, c.now_ms, c.client_id)).toBe(c.expected);
  });

  it.each(v.receive)("receive: $case", (c) => {
    expect(receive(c.local, c.remote, c.now_ms, c.client_id)).toBe(c.expected);
  });

  it.each(v.admit)("admit: $case", (c) => {
    expect(admit(c.remote, c.now_ms, c.last, v.max_drift_ms)).toEqual({
      clock: c.expected,
      clamped: c.clamped,
    });
  });

  it.each(v.after)("after: $case", (c) => {
    expect(after(c.clock, c.floor)).toBe(c.expected);
  });

  it.each(v.invalid)("invalid clock %j is refused", (clock) => {
    expect(isValid(clock)).toBe(false);
    expect(() => decode(clock)).toThrow();
  });
});

describe("hlc", () => {
  it("round-trips through encode and decode", () => {
    const ts = { wallMs: 1700000000123, counter: 42, clientId: "abc_DEF-1" };
    expect(decode(encode(ts))).toEqual(ts);
  });

  it("a thousand ticks in one millisecond stay strictly increasing", () => {
    let clock: string | null = null;
    for (let i = 0; i < 1000; i++) {
      const next = tick(clock, 1700000000000, "phone");
      if (clock !== null) expect(next > clock).toBe(true);
      clock = next;
    }
  });
});
