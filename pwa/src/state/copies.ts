/**
 * The last copy of a server answer that each account fetched, kept in IndexedDB so a screen
 * that reads from the server (not from sync) still opens offline, e.g. on a train.
 *
 * Copies are keyed by the account that fetched them as well as by the API path, so on a shared
 * device one account never sees another's copy; signing out deletes them all (see `wipe`).
 */
import { api, ApiError, type Fetch } from "../api/http";
import type { Database, StoredCopy } from "../sync/db";

export interface Copy<T> {
  value: T;
  /** When the server gave this answer, in ms since the epoch. */
  fetchedAt: number;
}

/** A fresh answer (already kept), or why there is none and the kept copy, if any. */
export type Fetched<T> = { fresh: true; copy: Copy<T> } | { fresh: false; copy: Copy<T> | null; error: ApiError };

const copyOf = <T>(stored: StoredCopy | undefined): Copy<T> | null =>
  stored === undefined ? null : { value: stored.value as T, fetchedAt: stored.fetched_at };

/** Keep `value` as `owner`'s copy of `key`, replacing the previous one. */
export async function keep<T>(db: Database, owner: number, key: string, value: T, fetchedAt = Date.now()): Promise<Copy<T>> {
  await db.put("copies", { owner, key, value, fetched_at: fetchedAt });
  return { value, fetchedAt };
}

/** `owner`'s kept copy of `key`, or null. */
export async function kept<T>(db: Database, owner: number, key: string): Promise<Copy<T> | null> {
  return copyOf<T>(await db.get("copies", [owner, key]));
}

/** Every copy `owner` keeps under keys starting with `prefix`, with its key. */
export async function keptUnder<T>(db: Database, owner: number, prefix: string): Promise<(Copy<T> & { key: string })[]> {
  // "\uffff" sorts after any character a path holds, so this range is exactly the prefix.
  const range = IDBKeyRange.bound([owner, prefix], [owner, `${prefix}\uffff`]);
  return (await db.getAll("copies", range)).map((stored) => ({ key: stored.key, ...copyOf<T>(stored)! }));
}

/**
 * GET `path` for `owner` and keep the answer; when that fails, the kept copy and the error.
 * `stillWanted` is asked once the answer is in: a screen that has since saved a newer value says
 * no, and the older answer is then neither kept nor called fresh.
 */
export async function fetchAndKeep<T>(db: Database, owner: number, path: string, doFetch?: Fetch): Promise<Fetched<T>>;
export async function fetchAndKeep<T>(
  db: Database,
  owner: number,
  path: string,
  doFetch: Fetch | undefined,
  stillWanted: () => boolean,
): Promise<Fetched<T> | null>;
export async function fetchAndKeep<T>(
  db: Database,
  owner: number,
  path: string,
  doFetch?: Fetch,
  stillWanted: () => boolean = () => true,
): Promise<Fetched<T> | null> {
  let value: T;
  try {
    value = await api<T>("GET", path, undefined, doFetch);
  } catch (error) {
    const failure = error instanceof ApiError ? error : new ApiError(0, String(error));
    return { fresh: false, copy: await kept<T>(db, owner, path), error: failure };
  }
  if (!stillWanted()) return null;
  return { fresh: true, copy: await keep(db, owner, path, value) };
}
