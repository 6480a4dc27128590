/** Retry delays: exponential with a cap, and jitter so many devices do not retry in step. */

export const BASE_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 5 * 60_000;

/** Delay before retry number `attempt` (1 = first retry); `random` returns [0, 1). */
export function retryDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1));
  // "Equal jitter": at least half the ceiling, so a flapping link still backs off.
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
