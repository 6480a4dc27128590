/**
 * A parent's summaries on this device: the list and every summary once opened, so a summary a
 * notification opened stays readable offline.
 */
import { api, ApiError, type Fetch } from "../api/http";
import type { Digest, DigestSummary } from "../api/types";
import type { Database, StoredDigest } from "../sync/db";

const newestFirst = (a: DigestSummary, b: DigestSummary): number => b.period_end.localeCompare(a.period_end);

/** Keep a fetched summary in full. */
export async function keepDigest(db: Database, digest: Digest): Promise<void> {
  await db.put("digests", digest);
}

/** Keep the list; summaries already opened keep their content. */
export async function keepList(db: Database, list: DigestSummary[]): Promise<void> {
  const tx = db.transaction("digests", "readwrite");
  for (const summary of list) {
    const kept = await tx.store.get(summary.id);
    await tx.store.put({ ...kept, ...summary });
  }
  await tx.done;
}

/** A summary kept in full on this device, or null. */
export async function keptDigest(db: Database, id: number): Promise<Digest | null> {
  const kept: StoredDigest | undefined = await db.get("digests", id);
  return kept?.content === undefined ? null : (kept as Digest);
}

/** Every summary this device knows of, newest first. */
export async function keptList(db: Database): Promise<DigestSummary[]> {
  return (await db.getAll("digests")).sort(newestFirst);
}

export type Loaded<T> = { value: T; fresh: boolean } | { value: null; fresh: false; problem: "offline" | "missing" };

/** The summary from the server (kept for later), else the kept copy. */
export async function loadDigest(db: Database, id: number, doFetch?: Fetch): Promise<Loaded<Digest>> {
  try {
    const digest = await api<Digest>("GET", `/api/digests/${id}`, undefined, doFetch);
    await keepDigest(db, digest);
    return { value: digest, fresh: true };
  } catch (error) {
    const kept = await keptDigest(db, id);
    if (kept !== null) return { value: kept, fresh: false };
    const missing = error instanceof ApiError && error.status === 404;
    return { value: null, fresh: false, problem: missing ? "missing" : "offline" };
  }
}

/** The list from the server (kept for later), else the kept list. */
export async function loadList(db: Database, doFetch?: Fetch): Promise<{ value: DigestSummary[]; fresh: boolean }> {
  try {
    const list = await api<DigestSummary[]>("GET", "/api/digests", undefined, doFetch);
    await keepList(db, list);
    return { value: [...list].sort(newestFirst), fresh: true };
  } catch {
    return { value: await keptList(db), fresh: false };
  }
}
