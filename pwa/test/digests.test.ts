import { beforeEach, describe, expect, it } from "vitest";
import type { Digest } from "../src/api/types";
import { answering, offline } from "./fetches";
import { keptList, loadDigest, loadList } from "../src/digests/store";
import { openDatabase, wipe, type Database } from "../src/sync/db";

let db: Database;
let n = 0;
const PARENT = 7;

const digest = (id: number, end: string): Digest => ({
  id,
  kind: "weekly",
  period_start: "2026-11-16T00:00:00Z",
  period_end: end,
  created_at: end,
  title: "Your weekly Waypoint summary",
  body: "The summary for 1 child is ready. Tap to read it.",
  content: {
    kind: "weekly",
    period_start: "2026-11-16T00:00:00Z",
    period_end: end,
    previous_start: "2026-11-09T00:00:00Z",
    children: [],
  },
});

beforeEach(async () => {
  db = await openDatabase(`digests-${n++}`);
});

describe("kept summaries", () => {
  it("a summary read once is readable offline", async () => {
    const first = await loadDigest(db, PARENT, 5, answering(200, digest(5, "2026-11-23T00:00:00Z")));
    expect(first.fresh).toBe(true);
    const again = await loadDigest(db, PARENT, 5, offline);
    expect(again).toMatchObject({ value: digest(5, "2026-11-23T00:00:00Z"), fresh: false });
  });

  it("offline and never opened says so; unknown to the server says missing", async () => {
    expect(await loadDigest(db, PARENT, 9, offline)).toEqual({ value: null, fresh: false, problem: "offline" });
    expect(await loadDigest(db, PARENT, 9, answering(404, { detail: "No digest 9 of yours." }))).toEqual({
      value: null,
      fresh: false,
      problem: "missing",
    });
  });

  it("the list is kept newest first and does not forget opened content", async () => {
    await loadDigest(db, PARENT, 1, answering(200, digest(1, "2026-11-16T00:00:00Z")));
    const { content: _, ...older } = digest(1, "2026-11-16T00:00:00Z");
    const { content: __, ...newer } = digest(2, "2026-11-23T00:00:00Z");
    await loadList(db, PARENT, answering(200, [older, newer]));
    const offlineList = await loadList(db, PARENT, offline);
    expect(offlineList.fresh).toBe(false);
    expect(offlineList.value.map((d) => d.id)).toEqual([2, 1]);
    expect((await loadDigest(db, PARENT, 1, offline)).value?.content.kind).toBe("weekly");
  });

  it("a summary opened after the list was fetched is listed offline too", async () => {
    const { content: _, ...older } = digest(1, "2026-11-16T00:00:00Z");
    await loadList(db, PARENT, answering(200, [older]));
    await loadDigest(db, PARENT, 2, answering(200, digest(2, "2026-11-23T00:00:00Z")));
    expect((await loadList(db, PARENT, offline)).value.map((d) => d.id)).toEqual([2, 1]);
  });

  it("another account on the same device does not see them", async () => {
    await loadDigest(db, PARENT, 5, answering(200, digest(5, "2026-11-23T00:00:00Z")));
    expect(await loadDigest(db, PARENT + 1, 5, offline)).toEqual({ value: null, fresh: false, problem: "offline" });
    expect(await keptList(db, PARENT + 1)).toEqual([]);
  });

  it("signing out forgets them", async () => {
    await loadDigest(db, PARENT, 5, answering(200, digest(5, "2026-11-23T00:00:00Z")));
    await wipe(db);
    expect(await keptList(db, PARENT)).toEqual([]);
  });
});
