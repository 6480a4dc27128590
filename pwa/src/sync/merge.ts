/**
 * Merge rules, the same as sync/merge.py. The device uses them to predict the server's outcome
 * when it replays pending mutations over pulled state, so the screen shows what the server will
 * most likely keep.
 */
import { clientOf } from "./hlc";

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

/** Merge `changes` written at `clock` into a live record; see sync/merge.py `merge_fields`. */
export function mergeFields(
  fields: Fields,
  clocks: Clocks,
  changes: Fields,
  clock: string,
  base: Clocks = {},
): FieldMerge {
  const writer = clientOf(clock);
  const newFields: Fields = { ...fields };
  const newClocks: Clocks = { ...clocks };
  const written = new Set<string>();
  const lost: LostValue[] = [];
  for (const [name, value] of Object.entries(changes)) {
    const storedClock = clocks[name];
    const storedValue = fields[name] ?? null;
    if (storedClock === undefined || clock >= storedClock) {
      newFields[name] = value;
      newClocks[name] = clock;
      written.add(name);
      const concurrent =
        storedClock !== undefined && clientOf(storedClock) !== writer && base[name] !== storedClock;
      if (concurrent && !jsonEqual(storedValue, value)) {
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
    } else if (!jsonEqual(storedValue, value)) {
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
  return { fields: newFields, clocks: newClocks, written, lost };
}

/** Every value of an edit that reached a deleted record: all lost, nothing resurrected. */
export function editOfDeleted(changes: Fields, clock: string): LostValue[] {
  return Object.entries(changes).map(([field, value]) => ({
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
