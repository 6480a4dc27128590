/**
 * The device's IndexedDB: pulled server state, the outbox of pending mutations, small device
 * facts (client id, next mutation id, clock, cursor) and the last copies of server answers that
 * screens outside sync show offline. One database per browser profile; signing out empties it.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from "idb";
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
  /** The last answer each account fetched per API path (see state/copies.ts). */
  copies: { key: [number, string]; value: StoredCopy };
}

export interface StoredCopy {
  owner: number;
  key: string;
  value: unknown;
  fetched_at: number;
}

export type Database = IDBPDatabase<WaypointDB>;
export const DB_NAME = "waypoint";

/** Version 2 kept a parent's summaries in a store of their own; version 3 moves them to copies. */
interface Version2 extends WaypointDB {
  digests: { key: number; value: DigestSummary & { content?: Digest["content"] } };
}
type Upgrading = IDBPTransaction<Version2, ArrayLike<StoreNames<Version2>>, "versionchange">;

export function openDatabase(name: string = DB_NAME): Promise<Database> {
  return openDB<WaypointDB>(name, 3, {
    upgrade(db, oldVersion, _newVersion, transaction) {
      if (oldVersion < 1) {
        const records = db.createObjectStore("records", { keyPath: ["kind", "id"] });
        records.createIndex("space", "space");
        db.createObjectStore("outbox", { keyPath: "mutation_id" });
        db.createObjectStore("meta");
      }
      if (oldVersion < 3) db.createObjectStore("copies", { keyPath: ["owner", "key"] });
      // A parent who updates while offline must still read the summaries kept before.
      if (oldVersion === 2) void moveSummaries(transaction as unknown as Upgrading);
    },
    // A newer version of the app, open in another tab, waits for this tab to let go before it
    // can upgrade the database. This tab's code is the older one: everything it holds is
    // already stored, so it closes the database and reloads into the new version.
    blocking(_current, _blocked, event) {
      (event.target as IDBDatabase).close();
      if (typeof location !== "undefined") location.reload();
    },
  });
}

async function moveSummaries(tx: Upgrading): Promise<void> {
  const user = (await tx.objectStore("meta").get("user")) as Me | undefined;
  const summaries = await tx.objectStore("digests").getAll();
  if (user !== undefined && user !== null && summaries.length > 0) {
    const copies = tx.objectStore("copies");
    // When they were fetched is unknown; none can have been fetched before it was written.
    const written = (s: DigestSummary) => Date.parse(s.created_at);
    for (const summary of summaries) {
      if (summary.content === undefined) continue;
      await copies.put({ owner: user.id, key: `/api/digests/${summary.id}`, value: summary, fetched_at: written(summary) });
    }
    const list = summaries.map(({ content: _, ...listed }) => listed);
    const newest = Math.max(...list.map(written));
    await copies.put({ owner: user.id, key: "/api/digests", value: list, fetched_at: newest });
  }
  tx.db.deleteObjectStore("digests");
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

/** Forget everything: server data, outbox, kept copies and device facts (a new client id follows). */
export async function wipe(db: Database): Promise<void> {
  const tx = db.transaction(["records", "outbox", "meta", "copies"], "readwrite");
  await Promise.all([
    tx.objectStore("records").clear(),
    tx.objectStore("outbox").clear(),
    tx.objectStore("meta").clear(),
    tx.objectStore("copies").clear(),
  ]);
  await tx.done;
}
