/**
 * The device's IndexedDB: pulled server state, the outbox of pending mutations, and small
 * device facts (client id, next mutation id, clock, cursor). One database per browser profile;
 * signing out deletes it.
 */
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { Digest, DigestSummary, Me, Mutation } from "../api/types";

export interface StoredRecord {
  kind: string;
  id: string;
  space: number;
  fields: Record<string, unknown>;
  clocks: Record<string, string>;
}

/** A mutation outcome worth telling the person about (rejected, or turned into a request). */
export interface SyncNote {
  mutation_id: number;
  name: string;
  outcome: "rejected" | "change_request";
  reason: string | null;
}

export interface Meta {
  client_id: string;
  next_mutation_id: number;
  pushed_up_to: number;
  clock: string | null;
  cursor: string | null;
  last_synced_at: number | null;
  user: Me | null;
  notes: SyncNote[];
}

interface WaypointDB extends DBSchema {
  records: { key: [string, string]; value: StoredRecord; indexes: { space: number } };
  outbox: { key: number; value: Mutation };
  meta: { key: string; value: unknown };
  /** A parent's summaries: every one listed, with `content` once it has been opened. */
  digests: { key: number; value: StoredDigest };
}

export type StoredDigest = DigestSummary & { content?: Digest["content"] };

export type Database = IDBPDatabase<WaypointDB>;
export const DB_NAME = "waypoint";

export function openDatabase(name: string = DB_NAME): Promise<Database> {
  return openDB<WaypointDB>(name, 2, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        const records = db.createObjectStore("records", { keyPath: ["kind", "id"] });
        records.createIndex("space", "space");
        db.createObjectStore("outbox", { keyPath: "mutation_id" });
        db.createObjectStore("meta");
      }
      if (oldVersion < 2) db.createObjectStore("digests", { keyPath: "id" });
    },
  });
}

function newClientId(): string {
  // Clocks embed the client id; a UUID without dashes fits the allowed alphabet.
  return crypto.randomUUID().replaceAll("-", "");
}

const DEFAULTS = (): Meta => ({
  client_id: newClientId(),
  next_mutation_id: 1,
  pushed_up_to: 0,
  clock: null,
  cursor: null,
  last_synced_at: null,
  user: null,
  notes: [],
});

/** Read every device fact, creating the client id on first use. */
export async function readMeta(db: Database): Promise<Meta> {
  const tx = db.transaction("meta", "readwrite");
  const meta = DEFAULTS();
  const keys = Object.keys(meta) as (keyof Meta)[];
  for (const key of keys) {
    const value = await tx.store.get(key);
    if (value !== undefined) (meta as unknown as Record<string, unknown>)[key] = value;
    else if (key === "client_id") await tx.store.put(meta.client_id, "client_id");
  }
  await tx.done;
  return meta;
}

export async function writeMeta(db: Database, values: Partial<Meta>): Promise<void> {
  const tx = db.transaction("meta", "readwrite");
  for (const [key, value] of Object.entries(values)) await tx.store.put(value, key);
  await tx.done;
}

/** Forget everything: server data, outbox, summaries and device facts (a new client id follows). */
export async function wipe(db: Database): Promise<void> {
  const tx = db.transaction(["records", "outbox", "meta", "digests"], "readwrite");
  await Promise.all([
    tx.objectStore("records").clear(),
    tx.objectStore("outbox").clear(),
    tx.objectStore("meta").clear(),
    tx.objectStore("digests").clear(),
  ]);
  await tx.done;
}
