import { describe, expect, it } from "vitest";
import { clockTime, fetchedWords } from "../src/ui/format";

const at = (day: string, time: string) => new Date(`${day}T${time}`).getTime();

describe("when a saved copy was fetched", () => {
  const now = at("2026-05-10", "18:00:00");

  it("earlier today says today, with the time", () => {
    const fetched = at("2026-05-10", "00:05:00");
    expect(fetchedWords(fetched, now)).toBe(`today at ${clockTime(fetched)}`);
  });

  it("the day before says yesterday, even a few minutes before midnight", () => {
    const fetched = at("2026-05-09", "23:55:00");
    expect(fetchedWords(fetched, now)).toBe(`yesterday at ${clockTime(fetched)}`);
  });

  it("older says the date and the time", () => {
    const fetched = at("2026-05-03", "09:10:00");
    const words = fetchedWords(fetched, now);
    expect(words).toMatch(/3/);
    expect(words).toMatch(/May/);
    expect(words.endsWith(` at ${clockTime(fetched)}`)).toBe(true);
  });
});
