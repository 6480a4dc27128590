import { t } from "../i18n/messages";
import { duration, shortDay } from "../ui/format";

export interface ChartWeek {
  weekStart: string;
  study: number;
  free: number;
  stress: number | null;
}

const COLUMN = 46;
const BAR = 14;
const PLOT = 90;
const TOP = 18;
const LABEL = 18;

/**
 * The last weeks side by side: study and free time as paired columns, and the check-in's
 * stress as a dot above them (filled for 4 or 5 of 5). One image with one spoken summary; the
 * numbers are also in the text beside it.
 */
export function WeeksChart({ weeks, summary }: { weeks: ChartWeek[]; summary: string }) {
  const most = Math.max(60, ...weeks.map((w) => Math.max(w.study, w.free)));
  const width = weeks.length * COLUMN;
  const height = TOP + PLOT + LABEL;
  const tall = (minutes: number) => Math.max(minutes > 0 ? 2 : 0, (minutes / most) * PLOT);
  return (
    <svg class="weeks-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} focusable="false" data-testid="weeks-chart">
      {weeks.map((w, i) => {
        const x = i * COLUMN + 6;
        return (
          <g key={w.weekStart} aria-hidden="true">
            <rect x={x} y={TOP + PLOT - tall(w.study)} width={BAR} height={tall(w.study)} rx={2} class="study" />
            <rect x={x + BAR + 2} y={TOP + PLOT - tall(w.free)} width={BAR} height={tall(w.free)} rx={2} class="free" />
            {w.stress !== null && (
              <circle cx={x + BAR + 1} cy={8} r={5} class={w.stress >= 4 ? "stress high" : "stress"} />
            )}
            <text x={x + BAR + 1} y={height - 4} class="label" text-anchor="middle">
              {shortDay(w.weekStart)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** One sentence for a screen reader: each week's study, free time and stress. */
export function weeksSummary(weeks: ChartWeek[]): string {
  return weeks
    .map((w) =>
      t.weeks.line(
        shortDay(w.weekStart),
        duration(w.study),
        duration(w.free),
        w.stress === null ? t.weeks.noCheckIn : (t.checkIn.scale["stress"]?.[w.stress - 1] ?? String(w.stress)),
      ),
    )
    .join("; ");
}
