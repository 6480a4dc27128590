import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BUSY_RETRY_MS, SyncClient } from "../src/sync/client";
import { openDatabase, readMeta, writeMeta, type Database } from "../src/sync/db";
import { retryDelay, MAX_DELAY_MS } from "../src/sync/backoff";
import { keyOf } from "../src/sync/view";
import { DEFAULT_POLICY } from "../src/sync/policy";
import { FakeServer, FakeTransport } from "./fake-server";

let db: Database;
let server: FakeServer;
let transport: FakeTransport;
let client: SyncClient;
let n = 0;
let clock = 1_700_000_000_000;

const uuid = (i: number): string => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;

async function device(name: string): Promise<SyncClient> {
  const d = await openDatabase(name);
  await readMeta(d);
  return new SyncClient(d, transport, { homeSpace: 7, now: () => clock, random: () => 0.5, batchDelayMs: 60_000 });
}

beforeEach(async () => {
  n += 1;
  clock = 1_700_000_000_000;
  server = new FakeServer();
  transport = new FakeTransport(server);
  client = await device(`test-${n}`);
  db = client.db;
});

afterEach(() => {
  client.close();
  vi.useRealTimers();
});

const createGoal = (id: string, title = "Read 10 books") =>
  client.mutate("goal.create", { id, title, target: 10, unit: "chapters", deadline: "2026-12-20", description: "" });

describe("outbox", () => {
  it("mutation ids start at 1 and increase by one, with increasing clocks", async () => {
    const a = await createGoal(uuid(1));
    const b = await createGoal(uuid(2));
    const c = await client.mutate("progress.add", { id: uuid(3), goal_id: uuid(1), amount: 1, occurred_at: "2026-11-25T10:00:00Z" });
    expect([a.mutation_id, b.mutation_id, c.mutation_id]).toEqual([1, 2, 3]);
    expect(a.hlc < b.hlc && b.hlc < c.hlc).toBe(true);
    expect(client.status.pending).toBe(3);
  });

  it("a change shows in the view at once, before any network", async () => {
    transport.offline = true;
    await createGoal(uuid(1));
    const view = await client.view();
    // A personal goal (no class) needs nobody's approval.
    expect(view.get(keyOf("goal", uuid(1)))?.fields).toMatchObject({ title: "Read 10 books", status: "active" });
  });
});

describe("sync", () => {
  it("pushes the outbox in one batch and drops it once a pull reports it applied", async () => {
    await createGoal(uuid(1));
    await createGoal(uuid(2));
    expect(await client.sync()).toBe(true);
    expect(transport.pushes).toHaveLength(1);
    expect(transport.pushes[0]!.mutations.map((m) => m.mutation_id)).toEqual([1, 2]);
    expect(await client.pending()).toEqual([]);
    expect(client.status.pending).toBe(0);
    expect(client.status.lastSyncedAt).toBe(clock);
    expect((await client.view()).size).toBe(2);
  });

  it("offline: keeps the outbox, says so, and retries later with backoff", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    transport.offline = true;
    await createGoal(uuid(1));
    expect(await client.sync()).toBe(false);
    expect(client.status.problem).toBe("offline");
    expect(client.status.pending).toBe(1);
    expect(client.status.nextRetryAt).not.toBeNull();
    transport.offline = false;
    await vi.advanceTimersByTimeAsync(MAX_DELAY_MS);
    await client.whenIdle();
    expect(server.applied).toHaveLength(1);
    expect(client.status.problem).toBeNull();
    expect(client.status.pending).toBe(0);
  });

  it("a push whose response was lost is resent with the same ids and applied once", async () => {
    await createGoal(uuid(1));
    transport.loseNextPushResponse = true;
    expect(await client.sync()).toBe(false);
    expect(await client.sync()).toBe(true);
    expect(transport.pushes.map((p) => p.mutations[0]!.mutation_id)).toEqual([1, 1]);
    expect(server.applied).toHaveLength(1);
    expect(await client.pending()).toEqual([]);
  });

  it("pages through has_more until caught up", async () => {
    for (let i = 1; i <= 5; i++) server.write("goal", uuid(i), { title: `g${i}` }, `1700000000000-00000${i}-phone`);
    transport.pullLimit = 2;
    expect(await client.sync()).toBe(true);
    expect(transport.pulls).toBe(3);
    expect((await client.view()).size).toBe(5);
  });

  it("the next pull asks only for what changed since the cursor", async () => {
    server.write("goal", uuid(1), { title: "a" }, "1700000000000-000001-phone");
    await client.sync();
    server.write("goal", uuid(2), { title: "b" }, "1700000000000-000002-phone");
    const before = transport.pulls;
    await client.sync();
    expect(transport.pulls).toBe(before + 1);
    expect((await readMeta(db)).cursor).toBe(String(server.version));
  });

  it("a reset drops pulled data, keeps the outbox and pushes it again", async () => {
    server.write("goal", uuid(9), { title: "old" }, "1700000000000-000001-phone");
    await client.sync();
    server.records.clear();
    transport.offline = true;
    await createGoal(uuid(1));
    await client.sync();
    transport.offline = false;
    server.resetNext = true;
    expect(await client.sync()).toBe(true);
    const view = await client.view();
    expect(view.has(keyOf("goal", uuid(9)))).toBe(false);
    expect(view.has(keyOf("goal", uuid(1)))).toBe(true);
    expect(await client.pending()).toEqual([]);
  });

  it("removed spaces are deleted locally", async () => {
    server.write("goal", uuid(1), { title: "mine" }, "1700000000000-000001-phone");
    await client.sync();
    server.removedSpacesNext = [7];
    await client.sync();
    expect((await client.view()).size).toBe(0);
  });

  it("pending edits are replayed over newer pulled state, field by field", async () => {
    await createGoal(uuid(1), "Read");
    await client.sync();
    transport.offline = true;
    const base = (await client.view()).get(keyOf("goal", uuid(1)))!.clocks;
    clock += 1000;
    await client.mutate("goal.update", { id: uuid(1), base: { title: base["title"]! }, title: "Read more" });
    // Meanwhile another device changed the unit on the server.
    server.write("goal", uuid(1), { unit: "chapters" }, `${clock + 5}-000000-tablet`);
    transport.offline = false;
    // Pull first (simulating a poke that arrives before the push), then everything.
    const view = await client.view();
    expect(view.get(keyOf("goal", uuid(1)))!.fields["title"]).toBe("Read more");
    await client.sync();
    const after = (await client.view()).get(keyOf("goal", uuid(1)))!.fields;
    expect(after).toMatchObject({ title: "Read more", unit: "chapters" });
  });

  it("after a pull the device clock is past every clock it received", async () => {
    server.write("goal", uuid(1), { title: "future" }, "1800000000000-000003-tablet");
    await client.sync();
    const next = await client.mutate("goal.update", { id: uuid(1), title: "x" });
    expect(next.hlc > "1800000000000-000003-tablet").toBe(true);
  });

  it("a mutation gap resends the outbox from the id the server names", async () => {
    transport.offline = true;
    await createGoal(uuid(1));
    await createGoal(uuid(2));
    await createGoal(uuid(3));
    transport.offline = false;
    // The device believes 1 and 2 were pushed, but the server never applied them.
    await writeMeta(db, { pushed_up_to: 2 });
    expect(await client.sync()).toBe(true);
    expect(server.applied.map((a) => a.mutation_id)).toEqual([1, 2, 3]);
    expect(await client.pending()).toEqual([]);
  });

  it("a goal change of an active class goal is shown as pending approval, not applied", async () => {
    const classes = { "3": { name: "Algebra", policy: DEFAULT_POLICY } };
    server.write("policy", uuid(9), { classes }, "1700000000000-000000-server");
    server.write("goal", uuid(1), { title: "Read", target: 10, status: "active", class_id: 3 }, "1700000000000-000001-phone");
    await client.sync();
    await client.mutate("goal.update", { id: uuid(1), target: 5, title: "Read!" });
    const fields = (await client.view()).get(keyOf("goal", uuid(1)))!.fields;
    expect(fields).toMatchObject({ target: 10, title: "Read!", pending_proposal: { target: 5 } });
  });

  it("a change the pulled class policy lets through is shown as applied", async () => {
    const policy = { approve_new_goals: false, approve_target_decrease: true, approve_abandon: false, deadline_shift_free_days: 3 };
    server.write("policy", uuid(9), { classes: { "3": { name: "Algebra", policy } } }, "1700000000000-000000-server");
    const stored = { title: "Read", target: 10, deadline: "2027-01-10", status: "active", class_id: 3 };
    server.write("goal", uuid(1), stored, "1700000000000-000001-phone");
    await client.sync();
    await client.mutate("goal.update", { id: uuid(1), deadline: "2027-01-12", target: 12 });
    await client.mutate("goal.update", { id: uuid(1), status: "completed" });
    const fields = (await client.view()).get(keyOf("goal", uuid(1)))!.fields;
    expect(fields).toEqual({ title: "Read", target: 12, deadline: "2027-01-12", status: "completed", class_id: 3 });
  });

  it("two devices adding progress to one goal both count", async () => {
    await createGoal(uuid(1));
    await client.sync();
    const other = await device(`other-${n}`);
    await other.sync();
    await client.mutate("progress.add", { id: uuid(2), goal_id: uuid(1), amount: 1, occurred_at: "2026-11-25T10:00:00Z" });
    await other.mutate("progress.add", { id: uuid(3), goal_id: uuid(1), amount: 1, occurred_at: "2026-11-25T10:00:00Z" });
    await client.sync();
    await other.sync();
    await client.sync();
    const progress = [...(await client.view()).values()].filter((r) => r.kind === "progress");
    expect(progress.map((p) => p.fields["amount"])).toEqual([1, 1]);
    other.close();
  });
});

/** Web Locks as one browser shares them between tabs; the test can hold the lock itself. */
class TabLocks {
  private held = false;
  hold(): () => void {
    this.held = true;
    return () => {
      this.held = false;
    };
  }
  async request<T>(_name: string, _options: { ifAvailable: true }, work: (lock: object | null) => Promise<T>): Promise<T> {
    if (this.held) return work(null);
    this.held = true;
    try {
      return await work({});
    } finally {
      this.held = false;
    }
  }
}

describe("tabs", () => {
  it("a change made while another tab syncs is pushed once that tab is done", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const locks = new TabLocks();
    const tab = new SyncClient(db, transport, {
      homeSpace: 7,
      now: () => clock,
      random: () => 0.5,
      batchDelayMs: 60_000,
      locks: locks as unknown as LockManager,
    });
    const otherTabSyncing = locks.hold();
    await tab.mutate("goal.create", { id: uuid(1), title: "Essays", target: 4, unit: "pages", deadline: "2026-12-20" });
    expect(await tab.sync()).toBe(false);
    expect(transport.pushes).toHaveLength(0);
    otherTabSyncing();
    await vi.advanceTimersByTimeAsync(BUSY_RETRY_MS);
    await tab.whenIdle();
    expect(transport.pushes).toHaveLength(1);
    expect(server.applied).toHaveLength(1);
    expect(await tab.pending()).toEqual([]);
    tab.close();
  });
});

describe("backoff", () => {
  it("grows exponentially, is capped, and keeps at least half the ceiling", () => {
    expect(retryDelay(1, () => 0)).toBe(500);
    expect(retryDelay(1, () => 0.999999)).toBeLessThanOrEqual(1000);
    expect(retryDelay(4, () => 0)).toBe(4000);
    expect(retryDelay(40, () => 0.999999)).toBeLessThanOrEqual(MAX_DELAY_MS);
    expect(retryDelay(40, () => 0)).toBe(MAX_DELAY_MS / 2);
  });
});
