/**
 * Hybrid logical clock, the same rules as sync/hlc.py.
 *
 * A clock is "<wall ms, 13 digits>-<counter, 6 digits>-<client id>". The first two parts are
 * fixed width, so plain string comparison orders clocks causally, ties broken by client id.
 */

export const WALL_DIGITS = 13;
export const COUNTER_DIGITS = 6;
export const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;
export const MAX_DRIFT_MS = 60 * 60 * 1000;

const CLIENT_ID = "[0-9A-Za-z_-]{1,64}";
const HLC_RE = new RegExp(`^\\d{${WALL_DIGITS}}-\\d{${COUNTER_DIGITS}}-${CLIENT_ID}$`);
const CLIENT_RE = new RegExp(`^${CLIENT_ID}$`);

export interface Timestamp {
  wallMs: number;
  counter: number;
  clientId: string;
}

export class InvalidClockError extends Error {}

export function encode(ts: Timestamp): string {
  if (!(ts.wallMs >= 0 && ts.wallMs < 10 ** WALL_DIGITS) || !Number.isInteger(ts.wallMs)) {
    throw new InvalidClockError(`wall time ${ts.wallMs} out of range`);
  }
  if (!(ts.counter >= 0 && ts.counter <= MAX_COUNTER)) {
    throw new InvalidClockError(`counter ${ts.counter} out of range`);
  }
  if (!CLIENT_RE.test(ts.clientId)) {
    throw new InvalidClockError(`client id ${ts.clientId} is not allowed in a clock`);
  }
  const wall = String(ts.wallMs).padStart(WALL_DIGITS, "0");
  const counter = String(ts.counter).padStart(COUNTER_DIGITS, "0");
  return `${wall}-${counter}-${ts.clientId}`;
}

export function isValid(clock: string): boolean {
  return HLC_RE.test(clock);
}

export function decode(clock: string): Timestamp {
  if (!HLC_RE.test(clock)) throw new InvalidClockError(`${clock} is not a hybrid logical clock`);
  const first = clock.indexOf("-");
  const second = clock.indexOf("-", first + 1);
  return {
    wallMs: Number(clock.slice(0, first)),
    counter: Number(clock.slice(first + 1, second)),
    clientId: clock.slice(second + 1),
  };
}

function next(wallMs: number, counter: number, clientId: string): string {
  // Counter overflow borrows one millisecond, which keeps clocks monotonic.
  if (counter > MAX_COUNTER) return encode({ wallMs: wallMs + 1, counter: 0, clientId });
  return encode({ wallMs, counter, clientId });
}

/** The clock for a new local event, strictly after `local` (null on a fresh device). */
export function tick(local: string | null, nowMs: number, clientId: string): string {
  if (local === null) return encode({ wallMs: nowMs, counter: 0, clientId });
  const last = decode(local);
  if (nowMs > last.wallMs) return encode({ wallMs: nowMs, counter: 0, clientId });
  return next(last.wallMs, last.counter + 1, clientId);
}

/** Merge a clock seen in pulled data so that every later `tick` is after it. */
export function receive(
  local: string | null,
  remote: string,
  nowMs: number,
  clientId: string,
): string {
  const seen = decode(remote);
  const last = local !== null ? decode(local) : { wallMs: 0, counter: 0, clientId };
  const wall = Math.max(nowMs, seen.wallMs, last.wallMs);
  let counter: number;
  if (wall === seen.wallMs && wall === last.wallMs) counter = Math.max(seen.counter, last.counter) + 1;
  else if (wall === seen.wallMs) counter = seen.counter + 1;
  else if (wall === last.wallMs) counter = last.counter + 1;
  else counter = 0;
  return next(wall, counter, clientId);
}

/**
 * Server-side admission, kept here so the shared vectors run in full on both sides.
 * `last` is the clock admitted for the device's previous mutation of the push: a clamped clock
 * becomes the first clock after both the server's time and it, so clamping keeps the order.
 */
export function admit(
  remote: string,
  nowMs: number,
  last: string | null = null,
  maxDriftMs: number = MAX_DRIFT_MS,
): { clock: string; clamped: boolean } {
  const ts = decode(remote);
  const clamped = ts.wallMs - nowMs > maxDriftMs;
  if (!clamped && (last === null || remote > last)) return { clock: remote, clamped: false };
  return { clock: tick(last, nowMs, ts.clientId), clamped };
}

/** `clock` if it is later than `floor`, else the first clock of its client after it. */
export function after(clock: string, floor: string | null): string {
  if (floor === null || clock > floor) return clock;
  return tick(floor, decode(floor).wallMs, clientOf(clock));
}

export function clientOf(clock: string): string {
  return decode(clock).clientId;
}

export function wallOf(clock: string): number {
  return decode(clock).wallMs;
}
