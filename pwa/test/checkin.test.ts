import { describe, expect, it } from "vitest";
import { checkInId, isoWeek } from "../src/domain/checkin";

describe("check-in", () => {
  it("names ISO weeks as Python's isocalendar does, across a year's edge", () => {
    expect(isoWeek("2026-12-03")).toBe("2026-W49");
    expect(isoWeek("2027-01-01")).toBe("2026-W53");
    expect(isoWeek("2027-01-04")).toBe("2027-W01");
    expect(isoWeek("2024-12-30")).toBe("2025-W01");
  });

  it("derives the same id as sync.records.check_in_id", () => {
    // uuid5(7a1d9e3c-…, "check_in:7:2026-W48"), as the server computes it.
    expect(checkInId(7, "2026-W48")).toBe("718b3ff3-0bb3-5785-b0d6-c80f4078183c");
  });
});

describe("uuid5", () => {
  it("matches the asynchronous one for the preferences id", async () => {
    const { preferencesId, PREFERENCES_NAMESPACE } = await import("../src/domain/preferences");
    const { uuid5Sync } = await import("../src/domain/uuid5");
    expect(uuid5Sync(PREFERENCES_NAMESPACE, "preferences:42")).toBe(await preferencesId(42));
    expect(uuid5Sync(PREFERENCES_NAMESPACE, "x".repeat(200))).toMatch(/^[0-9a-f-]{36}$/);
  });
});
