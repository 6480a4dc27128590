import { describe, expect, it } from "vitest";
import { horizontalBars, MIN_SCALE_MINUTES, ROW_HEIGHT, trend } from "../src/domain/chart";

const row = (key: string, minutes: number) => ({ key, label: key, minutes, tone: "study" as const });

describe("horizontal bars", () => {
  it("the longest bar fills the width and the others share its scale", () => {
    const { bars, height } = horizontalBars([row("study", 120), row("free", 30)], 200);
    expect(bars.map((b) => b.length)).toEqual([200, 50]);
    expect(bars.map((b) => b.y)).toEqual([0, ROW_HEIGHT]);
    expect(height).toBe(2 * ROW_HEIGHT);
  });

  it("a few minutes do not fill the chart: the scale is at least an hour", () => {
    const { bars, scale } = horizontalBars([row("study", 15)], 100);
    expect(scale).toBe(MIN_SCALE_MINUTES);
    expect(bars[0]!.length).toBe(25);
  });

  it("no time and negative input draw empty bars", () => {
    expect(horizontalBars([row("a", 0), row("b", -5)], 100).bars.map((b) => b.length)).toEqual([0, 0]);
  });
});

describe("trend", () => {
  it("says up, down or same against the previous period", () => {
    expect(trend(90, 60)).toEqual({ direction: "up", minutes: 30 });
    expect(trend(20, 60)).toEqual({ direction: "down", minutes: 40 });
    expect(trend(45, 45)).toEqual({ direction: "same", minutes: 0 });
  });
});
