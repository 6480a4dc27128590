/** Geometry of the small study-vs-free bar charts, kept apart from drawing so it is testable. */

export interface BarInput {
  key: string;
  label: string;
  minutes: number;
  tone: "study" | "free" | "study-before" | "free-before";
}

export interface Bar extends BarInput {
  /** Top edge of the bar's row, in chart units. */
  y: number;
  /** Length of the bar, 0 to `width`. */
  length: number;
}

export const ROW_HEIGHT = 28;
export const BAR_HEIGHT = 18;
/** Below this, the longest bar would say nothing: the scale never shrinks under an hour. */
export const MIN_SCALE_MINUTES = 60;

/** Horizontal bars on one shared scale, so a longer bar always means more time. */
export function horizontalBars(rows: BarInput[], width: number): { bars: Bar[]; height: number; scale: number } {
  const scale = Math.max(MIN_SCALE_MINUTES, ...rows.map((r) => Math.max(0, r.minutes)));
  const bars = rows.map((row, i) => ({
    ...row,
    y: i * ROW_HEIGHT,
    length: Math.round((Math.max(0, row.minutes) / scale) * width * 10) / 10,
  }));
  return { bars, height: rows.length * ROW_HEIGHT, scale };
}

/** The change from the previous period: "up" or "down" by some minutes, or "same". */
export function trend(current: number, previous: number): { direction: "up" | "down" | "same"; minutes: number } {
  const delta = Math.round(current - previous);
  if (delta === 0) return { direction: "same", minutes: 0 };
  return { direction: delta > 0 ? "up" : "down", minutes: Math.abs(delta) };
}
