import { describe, expect, it } from "vitest";
import { preferenceChanges, preferencesId, uuid5 } from "../src/domain/preferences";

const empty = { weekly_study_hours: "", nudge_window_start: "", nudge_window_end: "", quiet_start: "", quiet_end: "" };

describe("preferences id", () => {
  it("matches the server's uuid5 for the student", async () => {
    // Values from Python: uuid.uuid5(UUID("0b6f3c1e-…"), "preferences:<id>")
    expect(await preferencesId(7)).toBe("605a4a88-546b-5b6f-9c76-ea45b40c1c2b");
    expect(await preferencesId(12345)).toBe("5a258968-a4af-5cec-96e4-4e3c612d3905");
  });

  it("is a version 5 UUID for the standard DNS example", async () => {
    expect(await uuid5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "python.org")).toBe(
      "886313e1-3b8a-5372-9b90-0c9aee199e5d",
    );
  });
});

describe("preference changes", () => {
  it("sends only what changed, hours as a number", () => {
    const result = preferenceChanges(
      { ...empty, weekly_study_hours: "6", nudge_window_start: "16:00", quiet_start: "21:30" },
      { weekly_study_hours: 5, nudge_window_start: "16:00" },
    );
    expect(result).toEqual({ changes: { weekly_study_hours: 6, quiet_start: "21:30" } });
  });

  it("refuses hours outside 0..100 and malformed times", () => {
    expect(preferenceChanges({ ...empty, weekly_study_hours: "101" }, {})).toEqual({
      error: "hours",
      field: "weekly_study_hours",
    });
    expect(preferenceChanges({ ...empty, quiet_end: "24:00" }, {})).toEqual({ error: "time", field: "quiet_end" });
  });

  it("leaves empty fields unset", () => {
    expect(preferenceChanges(empty, { quiet_start: "22:00" })).toEqual({ changes: {} });
  });
});
