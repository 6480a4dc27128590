/**
 * The focus timer on this device: its state kept in IndexedDB (so it outlives a reload, a closed
 * tab and a phone's sleep) and the mutations that start and close its runs (domain/focus.ts).
 */
import { parseFocus, runMinutes, type ClosedRun, type FocusState } from "../domain/focus";
import type { SyncClient } from "../sync/client";
import type { StoredRecord } from "../sync/db";
import { database } from "./session";

/** The key in the device-facts store; signing out empties that store, and the timer with it. */
const KEY = "focus_timer";

export async function loadFocus(): Promise<FocusState | null> {
  const db = await database();
  return parseFocus(await db.get("meta", KEY));
}

export async function saveFocus(state: FocusState | null): Promise<void> {
  const db = await database();
  if (state === null) await db.delete("meta", KEY);
  else await db.put("meta", state, KEY);
}

/** Start a run: a running study entry, so every device and every total sees it. */
export function startRun(client: SyncClient, id: string, goalId: string | null, now: number): void {
  void client.mutate("time.start", { id, kind: "study", goal_id: goalId, started_at: new Date(now).toISOString() });
}

/**
 * Close a run with the minutes it actually ran (the server's `time.stop` alone would round a
 * few seconds up to a minute); a run too short to log is deleted. Returns the minutes logged,
 * or null when nothing was.
 */
export function closeRun(client: SyncClient, entry: StoredRecord | undefined, run: ClosedRun): number | null {
  const minutes = runMinutes(run.until - run.since);
  if (minutes === null) {
    void client.mutate("time.delete", { id: run.entryId });
    return null;
  }
  const clock = entry?.clocks["minutes"];
  void client.mutate("time.update", { id: run.entryId, base: clock === undefined ? {} : { minutes: clock }, minutes });
  void client.mutate("time.stop", { id: run.entryId, stopped_at: new Date(run.until).toISOString() });
  return minutes;
}
