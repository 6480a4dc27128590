/** Entries that ran at the same time are flagged; a rounding minute is not an overlap. */
import { describe, expect, it } from "vitest";
import { entrySpan, overlapping, overlapsWith } from "../src/domain/time";
import type { StoredRecord } from "../src/sync/db";

const MIN = 60_000;
const at = (iso: string) => Date.parse(iso);
const now = at("2026-12-04T18:00:00Z");

function entry(id: string, startedAt: string, fields: Record<string, unknown> = {}, space = 7): StoredRecord {
  return { kind: "time_entry", id, space, clocks: {}, fields: { kind: "study", started_at: startedAt, ...fields } };
}

describe("overlapping entries", () => {
  it("flags both entries that share time", () => {
    const a = entry("a", "2026-12-04T14:00:00Z", { minutes: 60 });
    const b = entry("b", "2026-12-04T14:30:00Z", { minutes: 60, kind: "free", category: "sport" });
    const c = entry("c", "2026-12-04T16:00:00Z", { minutes: 30 });
    expect(overlapping([a, b, c], now)).toEqual(new Set(["a", "b"]));
  });

  it("does not flag entries that only touch", () => {
    const a = entry("a", "2026-12-04T14:00:00Z", { minutes: 60 });
    const b = entry("b", "2026-12-04T15:00:00Z", { minutes: 60 });
    expect(overlapping([a, b], now).size).toBe(0);
  });

  it("does not flag less than a minute of overlap, which minutes rounding makes", () => {
    const a = entry("a", "2026-12-04T14:00:00Z", { minutes: 11 });
    const b = entry("b", "2026-12-04T14:10:20Z", { minutes: 5 });
    expect(overlapping([a, b], now).size).toBe(0);
  });

  it("finds an entry inside a long one after shorter ones", () => {
    const long = entry("long", "2026-12-04T08:00:00Z", { minutes: 600 });
    const short = entry("short", "2026-12-04T09:00:00Z", { minutes: 10 });
    const late = entry("late", "2026-12-04T15:00:00Z", { minutes: 30 });
    expect(overlapping([short, late, long], now)).toEqual(new Set(["long", "short", "late"]));
  });

  it("counts a running timer up to now", () => {
    const running = entry("r", "2026-12-04T17:00:00Z", { running: true, minutes: null });
    const logged = entry("l", "2026-12-04T17:30:00Z", { minutes: 15 });
    expect(entrySpan(running, now)).toEqual({ start: at("2026-12-04T17:00:00Z"), end: now });
    expect(overlapping([running, logged], now)).toEqual(new Set(["r", "l"]));
  });

  it("compares only one person's entries", () => {
    const mine = entry("a", "2026-12-04T14:00:00Z", { minutes: 60 });
    const theirs = entry("b", "2026-12-04T14:00:00Z", { minutes: 60 }, 8);
    expect(overlapping([mine, theirs], now).size).toBe(0);
  });
});

describe("an entry about to be saved", () => {
  const a = entry("a", "2026-12-04T14:00:00Z", { minutes: 60 });
  const b = entry("b", "2026-12-04T16:00:00Z", { minutes: 30 });

  it("names the entries it overlaps, earliest first", () => {
    const span = { start: at("2026-12-04T14:30:00Z"), end: at("2026-12-04T16:15:00Z") };
    expect(overlapsWith(span, [b, a], now).map((e) => e.id)).toEqual(["a", "b"]);
  });

  it("leaves out the entry being edited", () => {
    const span = { start: at("2026-12-04T14:10:00Z"), end: at("2026-12-04T14:50:00Z") };
    expect(overlapsWith(span, [a, b], now, "a")).toEqual([]);
    expect(overlapsWith(span, [a, b], now).length).toBe(1);
    expect(span.end - span.start).toBe(40 * MIN);
  });
});
