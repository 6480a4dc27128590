/**
 * The outbox: every local change as a mutation with this device's client id, an increasing
 * mutation id and a fresh clock, written in the same transaction as the id allocation so two
 * open tabs never hand out the same id.
 */
import type { Mutation } from "../api/types";
import type { Database } from "./db";
import * as hlc from "./hlc";

export const MAX_MUTATIONS_PER_PUSH = 500;
/** Stay well under the server's 1 MiB body limit, leaving room for the envelope. */
export const MAX_PUSH_BYTES = 900 * 1024;

/** Queue a change; returns the stored mutation. */
export async function enqueue(
  db: Database,
  name: string,
  args: Record<string, unknown>,
  nowMs: number,
): Promise<Mutation> {
  const tx = db.transaction(["meta", "outbox"], "readwrite");
  const meta = tx.objectStore("meta");
  const clientId = (await meta.get("client_id")) as string | undefined;
  if (clientId === undefined) throw new Error("device has no client id yet");
  const nextId = ((await meta.get("next_mutation_id")) as number | undefined) ?? 1;
  const last = ((await meta.get("clock")) as string | null | undefined) ?? null;
  const clock = hlc.tick(last, nowMs, clientId);
  const mutation: Mutation = { mutation_id: nextId, name, args, hlc: clock };
  await tx.objectStore("outbox").put(mutation);
  await meta.put(nextId + 1, "next_mutation_id");
  await meta.put(clock, "clock");
  await tx.done;
  return mutation;
}

/** The queued mutations, oldest first. */
export async function pending(db: Database): Promise<Mutation[]> {
  return db.getAll("outbox");
}

export async function pendingCount(db: Database): Promise<number> {
  return db.count("outbox");
}

/** The next batch to push: consecutive mutations after `after`, within count and byte limits. */
export async function nextBatch(db: Database, after: number): Promise<Mutation[]> {
  const range = IDBKeyRange.lowerBound(after, true);
  const candidates = await db.getAll("outbox", range, MAX_MUTATIONS_PER_PUSH);
  const batch: Mutation[] = [];
  let bytes = 0;
  for (const m of candidates) {
    bytes += JSON.stringify(m).length;
    if (batch.length > 0 && bytes > MAX_PUSH_BYTES) break;
    batch.push(m);
  }
  return batch;
}

/** Drop mutations the server has applied, as a completed pull reported. */
export async function acknowledge(db: Database, lastMutationId: number): Promise<void> {
  if (lastMutationId < 1) return;
  await db.delete("outbox", IDBKeyRange.upperBound(lastMutationId));
}
