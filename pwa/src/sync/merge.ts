/**
 * Merge rules, the same as sync/merge.py. The device uses them to predict the server's outcome
 * when it replays pending mutations over pulled state, so the screen shows what the server will
 * most likely keep.
 */
import { after, clientOf } from "./hlc";

export type Json = unknown;
export type Fields = Record<string, Json>;
export type Clocks = Record<string, string>;

export interface LostValue {
  field: string;
  lost_value: Json;
  lost_hlc: string | null;
  winning_value: Json;
  winning_hlc: string | null;
  winning_client: string | null;
  reason: "superseded" | "deleted";
}

export interface FieldMerge {
  fields: Fields;
  clocks: Clocks;
  written: Set<string>;
  lost: LostValue[];
  /** The clock the edit was written at: its own, or lifted past what it knowingly replaced. */
  clock: string;
}

/** Structural equality for JSON values, as Python's `==` compares them. */
export function jsonEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    jsonEqual((a as Record<string, Json>)[k], (b as Record<string, Json>)[k]),
  );
}

/** The edited fields whose stored value the device had seen: `base` names it, or it wrote it. */
export function knowinglyReplaced(
  clocks: Clocks,
  changes: Fields,
  clock: string,
  base: Clocks,
): Set<string> {
  const writer = clientOf(clock);
  return new Set(
    Object.keys(changes).filter((name) => {
      const stored = clocks[name];
      return stored !== undefined && (base[name] === stored || clientOf(stored) === writer);
    }),
  );
}

/** Merge `changes` written at `clock` into a live record; see sync/merge.py `merge_fields`. */
export function mergeFields(
  fields: Fields,
  clocks: Clocks,
  changes: Fields,
  editClock: string,
  base: Clocks = {},
  quiet: readonly string[] = [],
): FieldMerge {
  const knowing = knowinglyReplaced(clocks, changes, editClock, base);
  let floor: string | null = null;
  for (const name of knowing) {
    const stored = clocks[name] as string;
    if (floor === null || stored > floor) floor = stored;
  }
  // Lifted past what the device had seen, in case the server clamped its clock.
  const clock = after(editClock, floor);
  const writer = clientOf(clock);
  const silent = new Set(quiet);
  const newFields: Fields = { ...fields };
  const newClocks: Clocks = { ...clocks };
  const written = new Set<string>();
  const lost: LostValue[] = [];
  for (const [name, value] of Object.entries(changes)) {
    const storedClock = clocks[name];
    const storedValue = fields[name] ?? null;
    if (storedClock === undefined || clock > storedClock) {
      newFields[name] = value;
      newClocks[name] = clock;
      written.add(name);
      const concurrent = storedClock !== undefined && !knowing.has(name);
      if (concurrent && !jsonEqual(storedValue, value) && !silent.has(name)) {
        lost.push({
          field: name,
          lost_value: storedValue,
          lost_hlc: storedClock,
          winning_value: value,
          winning_hlc: clock,
          winning_client: writer,
          reason: "superseded",
        });
      }
    } else if (!jsonEqual(storedValue, value) && !silent.has(name)) {
      lost.push({
        field: name,
        lost_value: value,
        lost_hlc: clock,
        winning_value: storedValue,
        winning_hlc: storedClock,
        winning_client: clientOf(storedClock),
        reason: "superseded",
      });
    }
  }
  return { fields: newFields, clocks: newClocks, written, lost, clock };
}

/** A value that says nothing was entered: losing it to a delete loses nothing. */
function isBlank(value: Json): boolean {
  if (value === null || value === undefined || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === "object" && Object.keys(value).length === 0;
}

/**
 * The values of an edit that reached a deleted record: all lost, nothing resurrected. Blank
 * values and `quiet` fields are not reported; see sync/merge.py `edit_of_deleted`.
 */
export function editOfDeleted(changes: Fields, clock: string, quiet: readonly string[] = []): LostValue[] {
  return Object.entries(changes)
    .filter(([field, value]) => !quiet.includes(field) && !isBlank(value))
    .map(([field, value]) => ({
      field,
      lost_value: value,
      lost_hlc: clock,
      winning_value: null,
      winning_hlc: null,
      winning_client: null,
      reason: "deleted" as const,
    }));
}

export interface GovernedSplit {
  direct: Fields;
  proposed: Fields;
  current: Fields;
}

/**
 * Split a goal edit into direct writes and a proposal of the fields that `needs` approval
 * (sync/policy.ts `needsApproval`); see sync/merge.py `split_governed`.
 */
export function splitGoverned(goal: Fields, changes: Fields, needs: ReadonlySet<string>): GovernedSplit {
  const direct: Fields = {};
  const proposed: Fields = {};
  const current: Fields = {};
  for (const [k, v] of Object.entries(changes)) {
    if (!needs.has(k)) direct[k] = v;
    else if (!jsonEqual(goal[k] ?? null, v)) {
      proposed[k] = v;
      current[k] = goal[k] ?? null;
    }
  }
  return { direct, proposed, current };
}
