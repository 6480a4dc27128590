import { describe, expect, it } from "vitest";
import { endOfMonth, endOfTerm, endOfWeek } from "../src/domain/deadlines";

describe("quick deadlines", () => {
  it("end of week is the coming Friday, next week's from Saturday", () => {
    expect(endOfWeek("2026-12-02")).toBe("2026-12-04"); // a Wednesday
    expect(endOfWeek("2026-12-04")).toBe("2026-12-04"); // Friday itself
    expect(endOfWeek("2026-12-05")).toBe("2026-12-11"); // Saturday
    expect(endOfWeek("2026-12-06")).toBe("2026-12-11"); // Sunday
  });

  it("end of month knows month lengths and leap years", () => {
    expect(endOfMonth("2026-12-02")).toBe("2026-12-31");
    expect(endOfMonth("2027-02-10")).toBe("2027-02-28");
    expect(endOfMonth("2028-02-10")).toBe("2028-02-29");
  });

  it("end of term is the first term end on or after today, across the new year", () => {
    expect(endOfTerm("2026-12-02")).toBe("2026-12-27");
    expect(endOfTerm("2026-12-28")).toBe("2027-03-20");
    expect(endOfTerm("2027-05-25")).toBe("2027-05-25");
    expect(endOfTerm("2027-06-10")).toBe("2027-10-31");
  });
});
