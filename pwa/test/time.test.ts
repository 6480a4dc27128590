/**
 * "Today" and "this week" as the server's backend/goals/load.py counts them: from local midnight
 * and from Monday 00:00 in the account's time zone, up to now.
 */
import { describe, expect, it } from "vitest";
import { dayIn, startOfDay } from "../src/domain/calendar";
import { recentEntries, todayTotals, weekBounds, weekByDay, weekTotals } from "../src/domain/time";
import type { StoredRecord } from "../src/sync/db";

const HOUR = 3_600_000;
let serial = 0;

function entry(kind: "study" | "free", startedAt: string, fields: Record<string, unknown> = {}): StoredRecord {
  serial += 1;
  return { kind: "time_entry", id: `e${serial}`, space: 7, clocks: {}, fields: { kind, started_at: startedAt, ...fields } };
}

const at = (iso: string) => Date.parse(iso);

describe("this week", () => {
  // Wednesday 25 November 2026, 18:00 in Almaty (UTC+5).
  const now = at("2026-11-25T13:00:00Z");
  const zone = "Asia/Almaty";

  it("starts on Monday at local midnight, not seven days ago", () => {
    const { start, end, monday } = weekBounds(now, zone);
    expect(monday).toBe("2026-11-23");
    expect(new Date(start).toISOString()).toBe("2026-11-22T19:00:00.000Z");
    expect(end - start).toBe(7 * 24 * HOUR);
    const lastFriday = entry("study", "2026-11-20T10:00:00Z", { minutes: 90 });
    expect(weekTotals([lastFriday], now, zone)).toEqual({ study: 0, free: 0 });
  });

  it("counts only the part of an entry after Monday 00:00 that crosses it", () => {
    // Sunday 23:30 to Monday 00:30 in Almaty.
    const acrossMidnight = entry("free", "2026-11-22T18:30:00Z", { minutes: 60 });
    const monday = entry("study", "2026-11-23T04:00:00Z", { minutes: 45 });
    expect(weekTotals([acrossMidnight, monday], now, zone)).toEqual({ study: 45, free: 30 });
  });

  it("counts an entry only up to now, and a running timer until now", () => {
    const stillGoing = entry("study", "2026-11-25T12:30:00Z", { minutes: 60 });
    const timer = entry("free", "2026-11-25T12:50:00Z", { running: true });
    expect(weekTotals([stillGoing, timer], now, zone)).toEqual({ study: 30, free: 10 });
  });

  it("is the account's week, whatever zone the device is in", () => {
    // At 09:00 UTC on 23 November it is Monday 22:00 in Auckland and Monday 01:00 in Los Angeles.
    const instant = at("2026-11-23T09:00:00Z");
    const sundayUtc = entry("study", "2026-11-22T12:00:00Z", { minutes: 30 }); // Monday 01:00 in Auckland
    expect(weekBounds(instant, "Pacific/Auckland").monday).toBe("2026-11-23");
    expect(weekBounds(instant, "America/Los_Angeles").monday).toBe("2026-11-23");
    expect(weekTotals([sundayUtc], instant, "Pacific/Auckland").study).toBe(30);
    expect(weekTotals([sundayUtc], instant, "America/Los_Angeles").study).toBe(0); // Sunday 04:00 there
  });

  it("has 169 hours across the autumn clock change and starts at the right Monday midnight after it", () => {
    const zone = "Europe/Berlin";
    // Sunday 25 October 2026, 20:00 CET: clocks went back at 03:00 that morning.
    const sunday = at("2026-10-25T19:00:00Z");
    const { start, end } = weekBounds(sunday, zone);
    expect(new Date(start).toISOString()).toBe("2026-10-18T22:00:00.000Z");
    expect(end - start).toBe(169 * HOUR);
    // Monday 00:30 CEST is in the week; Sunday 23:30 CEST before it only from midnight.
    const afterMidnight = entry("study", "2026-10-18T22:30:00Z", { minutes: 60 });
    const beforeMidnight = entry("free", "2026-10-18T21:30:00Z", { minutes: 60 });
    expect(weekTotals([afterMidnight, beforeMidnight], sunday, zone)).toEqual({ study: 60, free: 30 });
    // The next Monday begins at 00:00 CET (23:00 UTC), an hour later in UTC than this one did.
    const tuesday = at("2026-10-27T11:00:00Z");
    const sundayLate = entry("study", "2026-10-25T22:30:00Z", { minutes: 60 }); // 23:30 CET
    expect(new Date(weekBounds(tuesday, zone).start).toISOString()).toBe("2026-10-25T23:00:00.000Z");
    expect(weekTotals([sundayLate], tuesday, zone).study).toBe(30);
  });

  it("has 167 hours across the spring clock change", () => {
    const { start, end } = weekBounds(at("2026-03-25T19:00:00Z"), "Europe/Berlin");
    expect(new Date(start).toISOString()).toBe("2026-03-22T23:00:00.000Z");
    expect(end - start).toBe(167 * HOUR);
  });

  it("is shown day by day from Monday to Sunday, and the days add up to the week", () => {
    const entries = [
      entry("free", "2026-11-22T18:30:00Z", { minutes: 60 }), // Sunday 23:30 - Monday 00:30
      entry("study", "2026-11-23T18:30:00Z", { minutes: 60 }), // Monday 23:30 - Tuesday 00:30
      entry("study", "2026-11-25T04:00:00Z", { minutes: 40 }),
    ];
    const days = weekByDay(entries, now, zone);
    expect(days.map((d) => d.day)).toEqual([
      "2026-11-23",
      "2026-11-24",
      "2026-11-25",
      "2026-11-26",
      "2026-11-27",
      "2026-11-28",
      "2026-11-29",
    ]);
    expect(days.map((d) => d.totals.study)).toEqual([30, 30, 40, 0, 0, 0, 0]);
    expect(days[0]!.totals.free).toBe(30);
    const sum = days.reduce((s, d) => ({ study: s.study + d.totals.study, free: s.free + d.totals.free }), { study: 0, free: 0 });
    expect(sum).toEqual(weekTotals(entries, now, zone));
  });
});

describe("today", () => {
  it("runs from local midnight in the account's zone to now", () => {
    const zone = "Asia/Almaty";
    const now = at("2026-11-25T13:00:00Z"); // 18:00
    const yesterdayEvening = entry("study", "2026-11-24T18:30:00Z", { minutes: 60 }); // 23:30 - 00:30
    const morning = entry("free", "2026-11-25T03:00:00Z", { minutes: 20 });
    expect(todayTotals([yesterdayEvening, morning], now, zone)).toEqual({ study: 30, free: 20 });
    // For a UTC account the late entry fell on the 24th, wholly before today.
    expect(todayTotals([yesterdayEvening, morning], now, "UTC")).toEqual({ study: 0, free: 20 });
  });
});

describe("local midnight", () => {
  it("matches Python's zoneinfo where a clock change skips or repeats midnight", () => {
    // Expected values from datetime.combine(day, time(), tzinfo=ZoneInfo(zone)).
    expect(new Date(startOfDay("2026-09-06", "America/Santiago")).toISOString()).toBe("2026-09-06T04:00:00.000Z");
    expect(new Date(startOfDay("2026-04-05", "America/Santiago")).toISOString()).toBe("2026-04-05T04:00:00.000Z");
    expect(new Date(startOfDay("2026-03-08", "America/Havana")).toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(new Date(startOfDay("2026-11-01", "America/Havana")).toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(new Date(startOfDay("2026-03-29", "Asia/Beirut")).toISOString()).toBe("2026-03-28T22:00:00.000Z");
  });

  it("names the day an instant falls on in the zone", () => {
    expect(dayIn(at("2026-11-24T20:00:00Z"), "Asia/Almaty")).toBe("2026-11-25");
    expect(dayIn(at("2026-11-24T20:00:00Z"), "America/Los_Angeles")).toBe("2026-11-24");
  });
});

describe("recent entries", () => {
  it("lists the last seven days, newest first, and a running timer", () => {
    const now = at("2026-11-25T13:00:00Z");
    const old = entry("study", "2026-11-17T10:00:00Z", { minutes: 30 });
    const a = entry("study", "2026-11-20T10:00:00Z", { minutes: 30 });
    const b = entry("free", "2026-11-25T10:00:00Z", { minutes: 30 });
    expect(recentEntries([old, a, b], now).map((e) => e.id)).toEqual([b.id, a.id]);
  });
});
