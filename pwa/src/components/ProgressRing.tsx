const SIZE = 56;
const STROKE = 6;
const RADIUS = (SIZE - STROKE) / 2;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

/** A goal's progress as a ring, with the pace's expected share as a tick; the words beside it
 * carry the numbers, so the picture itself is hidden from screen readers. */
export function ProgressRing({ share, expected }: { share: number; expected: number | null }) {
  const done = Math.max(0, Math.min(1, share));
  const tick = expected === null ? null : Math.max(0, Math.min(1, expected)) * 2 * Math.PI - Math.PI / 2;
  const c = SIZE / 2;
  return (
    <svg class="ring" width={SIZE} height={SIZE} viewBox={`0 0 ${SIZE} ${SIZE}`} aria-hidden="true" focusable="false">
      <circle cx={c} cy={c} r={RADIUS} class="ring-track" stroke-width={STROKE} fill="none" />
      <circle
        cx={c}
        cy={c}
        r={RADIUS}
        class="ring-done"
        stroke-width={STROKE}
        fill="none"
        stroke-dasharray={`${done * CIRCUMFERENCE} ${CIRCUMFERENCE}`}
        transform={`rotate(-90 ${c} ${c})`}
      />
      {tick !== null && (
        <line
          class="ring-pace"
          x1={c + (RADIUS - STROKE) * Math.cos(tick)}
          y1={c + (RADIUS - STROKE) * Math.sin(tick)}
          x2={c + (RADIUS + STROKE) * Math.cos(tick)}
          y2={c + (RADIUS + STROKE) * Math.sin(tick)}
        />
      )}
      <text x={c} y={c + 5} text-anchor="middle" class="ring-label">
        {Math.round(done * 100)}%
      </text>
    </svg>
  );
}
