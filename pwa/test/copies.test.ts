import { openDB } from "idb";
import { beforeEach, describe, expect, it } from "vitest";
import { answering, offline } from "./fetches";
import { fetchAndKeep, keep, kept, keptUnder } from "../src/state/copies";
import { keptList, loadDigest } from "../src/digests/store";
import { openDatabase, wipe, type Database } from "../src/sync/db";

let db: Database;
let n = 0;
const TEACHER = 3;
const OTHER_TEACHER = 4;
const POLICY = "/api/classes/9/policy";

beforeEach(async () => {
  db = await openDatabase(`copies-${n++}`);
});

describe("the last fetched copy", () => {
  it("a fresh answer is kept with the time it was fetched", async () => {
    const before = Date.now();
    const got = await fetchAndKeep(db, TEACHER, POLICY, answering(200, { approve_new_goals: true }));
    expect(got.fresh).toBe(true);
    const copy = await kept(db, TEACHER, POLICY);
    expect(copy?.value).toEqual({ approve_new_goals: true });
    expect(copy!.fetchedAt).toBeGreaterThanOrEqual(before);
  });

  it("offline, the kept copy comes back with the network error", async () => {
    await fetchAndKeep(db, TEACHER, POLICY, answering(200, { approve_new_goals: true }));
    const got = await fetchAndKeep(db, TEACHER, POLICY, offline);
    expect(got.fresh).toBe(false);
    expect(got.copy?.value).toEqual({ approve_new_goals: true });
    expect(!got.fresh && got.error.isNetwork).toBe(true);
  });

  it("a refusal keeps the earlier copy and says what the server answered", async () => {
    await keep(db, TEACHER, POLICY, { approve_new_goals: false }, 1000);
    const got = await fetchAndKeep(db, TEACHER, POLICY, answering(403, { detail: "Not your class." }));
    expect(got).toMatchObject({ fresh: false, copy: { value: { approve_new_goals: false }, fetchedAt: 1000 } });
    expect(!got.fresh && got.error.detail).toBe("Not your class.");
  });

  it("offline with nothing kept gives no copy", async () => {
    const got = await fetchAndKeep(db, TEACHER, POLICY, offline);
    expect(got).toMatchObject({ fresh: false, copy: null });
  });

  it("an answer no longer wanted is neither kept nor reported", async () => {
    await keep(db, TEACHER, POLICY, { approve_new_goals: false }, 1000);
    const got = await fetchAndKeep(db, TEACHER, POLICY, answering(200, { approve_new_goals: true }), () => false);
    expect(got).toBeNull();
    expect((await kept(db, TEACHER, POLICY))?.value).toEqual({ approve_new_goals: false });
  });

  it("one account never reads another account's copy on the same device", async () => {
    await fetchAndKeep(db, TEACHER, POLICY, answering(200, { approve_new_goals: true }));
    expect(await kept(db, OTHER_TEACHER, POLICY)).toBeNull();
    const got = await fetchAndKeep(db, OTHER_TEACHER, POLICY, offline);
    expect(got.copy).toBeNull();
    expect(await keptUnder(db, OTHER_TEACHER, "/api/classes/")).toEqual([]);
  });

  it("copies under a path prefix are listed with their keys, and only those", async () => {
    await keep(db, TEACHER, "/api/classes/9/policy", 1, 10);
    await keep(db, TEACHER, "/api/classes/9/overview", 2, 20);
    await keep(db, TEACHER, "/api/approvals", 3, 30);
    const under = await keptUnder<number>(db, TEACHER, "/api/classes/");
    expect(under.map((c) => [c.key, c.value, c.fetchedAt]).sort()).toEqual([
      ["/api/classes/9/overview", 2, 20],
      ["/api/classes/9/policy", 1, 10],
    ]);
  });

  it("signing out forgets every account's copies", async () => {
    await keep(db, TEACHER, POLICY, 1);
    await keep(db, OTHER_TEACHER, POLICY, 2);
    await wipe(db);
    expect(await kept(db, TEACHER, POLICY)).toBeNull();
    expect(await kept(db, OTHER_TEACHER, POLICY)).toBeNull();
  });
});

describe("a device that kept summaries before copies existed", () => {
  it("still has them, as the signed-in parent's copies", async () => {
    const name = `version-2-${n++}`;
    const summary = {
      id: 5,
      kind: "daily",
      period_start: "2026-11-22T00:00:00Z",
      period_end: "2026-11-23T00:00:00Z",
      created_at: "2026-11-23T00:00:00Z",
      title: "Your daily Waypoint summary",
      body: "The summary for 1 child is ready. Tap to read it.",
    };
    const old = await openDB(name, 2, {
      upgrade(v2) {
        v2.createObjectStore("records", { keyPath: ["kind", "id"] }).createIndex("space", "space");
        v2.createObjectStore("outbox", { keyPath: "mutation_id" });
        v2.createObjectStore("meta");
        v2.createObjectStore("digests", { keyPath: "id" });
      },
    });
    await old.put("meta", { id: 12, login: "pat", role: "parent" }, "user");
    await old.put("digests", { ...summary, content: { kind: "daily", children: [] } });
    await old.put("digests", { ...summary, id: 4, period_end: "2026-11-22T00:00:00Z" });
    old.close();

    const upgraded = await openDatabase(name);
    expect([...upgraded.objectStoreNames]).not.toContain("digests");
    expect((await loadDigest(upgraded, 12, 5, offline)).value?.content).toEqual({ kind: "daily", children: [] });
    expect((await keptList(upgraded, 12)).map((d) => d.id)).toEqual([5, 4]);
    expect(await keptList(upgraded, 13)).toEqual([]);
    upgraded.close();
  });
});
