import { horizontalBars, type BarInput } from "../domain/chart";
import { duration } from "../ui/format";

const LABEL_WIDTH = 106;
const BAR_WIDTH = 100;
const VALUE_GAP = 6;
const WIDTH = LABEL_WIDTH + BAR_WIDTH + 98;

/**
 * Study and free time as horizontal bars in plain SVG. The picture is one image whose name is
 * `summary`, so a screen reader hears the numbers in one sentence.
 */
export function TimeBars({ rows, summary }: { rows: BarInput[]; summary: string }) {
  const { bars, height } = horizontalBars(rows, BAR_WIDTH);
  return (
    <svg class="timebars" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={summary} focusable="false">
      {bars.map((bar) => (
        <g key={bar.key} transform={`translate(0 ${bar.y})`} aria-hidden="true">
          <text x={0} y={16} class="label">
            {bar.label}
          </text>
          <rect x={LABEL_WIDTH} y={2} width={BAR_WIDTH} height={18} rx={3} class="track" />
          <rect x={LABEL_WIDTH} y={2} width={Math.max(bar.length, bar.minutes > 0 ? 2 : 0)} height={18} rx={3} class={bar.tone} />
          <text x={LABEL_WIDTH + BAR_WIDTH + VALUE_GAP} y={16} class="value">
            {duration(bar.minutes)}
          </text>
        </g>
      ))}
    </svg>
  );
}
