/**
 * A parent's summaries on this device: the list and every summary once opened, so a summary a
 * notification opened stays readable offline. Both are kept copies (state/copies.ts).
 */
import type { Fetch } from "../api/http";
import type { Digest, DigestSummary } from "../api/types";
import { fetchAndKeep, kept, keptUnder } from "../state/copies";
import type { Database } from "../sync/db";

const LIST = "/api/digests";
const ONE = /^\/api\/digests\/\d+$/;

const newestFirst = (a: DigestSummary, b: DigestSummary): number => b.period_end.localeCompare(a.period_end);

export type Loaded<T> =
  | { value: T; fresh: boolean; fetchedAt: number }
  | { value: null; fresh: false; problem: "offline" | "missing" };

/** Every summary `owner` has on this device: the last list, and any opened since, newest first. */
export async function keptList(db: Database, owner: number): Promise<DigestSummary[]> {
  const byId = new Map<number, DigestSummary>();
  for (const summary of (await kept<DigestSummary[]>(db, owner, LIST))?.value ?? []) byId.set(summary.id, summary);
  for (const { key, value } of await keptUnder<Digest>(db, owner, `${LIST}/`)) {
    if (!ONE.test(key)) continue;
    const { content: _, ...summary } = value;
    byId.set(summary.id, summary);
  }
  return [...byId.values()].sort(newestFirst);
}

/** The summary from the server (kept for later), else the kept copy. */
export async function loadDigest(db: Database, owner: number, id: number, doFetch?: Fetch): Promise<Loaded<Digest>> {
  const got = await fetchAndKeep<Digest>(db, owner, `${LIST}/${id}`, doFetch);
  if (got.copy !== null) return { value: got.copy.value, fresh: got.fresh, fetchedAt: got.copy.fetchedAt };
  const missing = !got.fresh && got.error.status === 404;
  return { value: null, fresh: false, problem: missing ? "missing" : "offline" };
}

/** The list from the server (kept for later), else every summary kept on this device. */
export async function loadList(db: Database, owner: number, doFetch?: Fetch): Promise<{ value: DigestSummary[]; fresh: boolean }> {
  const got = await fetchAndKeep<DigestSummary[]>(db, owner, LIST, doFetch);
  if (got.fresh) return { value: [...got.copy.value].sort(newestFirst), fresh: true };
  return { value: await keptList(db, owner), fresh: false };
}
