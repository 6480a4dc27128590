import { describe, expect, it } from "vitest";
import type { StoredRecord } from "../src/sync/db";
import { noticeText, valueWords } from "../src/ui/notices";

const GOAL = "00000000-0000-4000-8000-000000000001";

function notice(fields: Record<string, unknown>): StoredRecord {
  return { kind: "conflict_notice", id: "n1", space: 7, fields, clocks: {} };
}

const goal: StoredRecord = { kind: "goal", id: GOAL, space: 7, fields: { title: "Finish chapter 4" }, clocks: {} };

describe("conflict notices", () => {
  it("name the entry and the field in words, with the values as typed", () => {
    const n = notice({
      record_kind: "goal",
      record_id: GOAL,
      field: "title",
      field_label: "name",
      lost_value: "Phone title",
      winning_value: "Tablet title",
      reason: "superseded",
    });
    expect(noticeText(n, goal)).toBe(
      "Goal “Finish chapter 4”: two devices changed the name at the same time. “Tablet title” was kept; “Phone title” was replaced.",
    );
  });

  it("use the label the server stored over the field's key", () => {
    const n = notice({
      record_kind: "time_entry",
      record_id: "t1",
      field: "started_at",
      field_label: "start time",
      lost_value: "2026-11-25T10:00:00Z",
      winning_value: "2026-11-25T11:00:00Z",
      reason: "superseded",
    });
    expect(noticeText(n, undefined)).toContain("A time entry: two devices changed the start time");
  });

  it("fall back to readable words for a notice stored without a label", () => {
    const n = notice({ record_kind: "rest", field: "end_date", lost_value: "2026-12-01", reason: "deleted" });
    expect(noticeText(n, undefined)).toBe(
      "Planned rest: your change of the end date to “2026-12-01” was not saved because it had been deleted on another device.",
    );
  });

  it("never show a dash or JSON for a value", () => {
    expect(valueWords(null)).toBe("nothing");
    expect(valueWords(true)).toBe("yes");
    expect(valueWords([{ title: "Half way" }, { title: "Done" }])).toBe("2 items");
    expect(valueWords(25)).toBe("25");
  });
});
