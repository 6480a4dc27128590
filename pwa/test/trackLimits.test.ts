import { describe, expect, it } from "vitest";
import { hoursOf, limitsFromHours } from "../src/domain/trackLimits";

describe("track limits in hours", () => {
  it("shows a track's minutes as hours", () => {
    const track = { track: "personal_path" as const, heavy_study_minutes: 360, scarce_free_minutes: 90, adjusted: true };
    expect(hoursOf(track)).toEqual({ study: "6", free: "1.5" });
  });

  it("sends hours as whole minutes, a decimal comma included", () => {
    expect(limitsFromHours({ study: "7,5", free: "0.25" })).toEqual({
      limits: { heavy_study_minutes: 450, scarce_free_minutes: 15 },
    });
  });

  it("accepts no free time at all as a limit", () => {
    expect(limitsFromHours({ study: "8", free: "0" })).toEqual({
      limits: { heavy_study_minutes: 480, scarce_free_minutes: 0 },
    });
  });

  it("names the field outside the server's bounds or left empty", () => {
    expect(limitsFromHours({ study: "0.5", free: "1" })).toEqual({ error: "study" });
    expect(limitsFromHours({ study: "101", free: "1" })).toEqual({ error: "study" });
    expect(limitsFromHours({ study: "", free: "1" })).toEqual({ error: "study" });
    expect(limitsFromHours({ study: "8", free: "51" })).toEqual({ error: "free" });
    expect(limitsFromHours({ study: "8", free: "a lot" })).toEqual({ error: "free" });
  });
});
