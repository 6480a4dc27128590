/**
 * The sync client (sync/PROTOCOL.md): pushes the outbox in batches, pulls pages from the cursor,
 * acknowledges pushed mutations once a pull completes, and retries with backoff.
 *
 * Only one tab syncs at a time (a Web Lock); the others learn about new data through a
 * BroadcastChannel and rebuild their view from IndexedDB.
 */
import { ApiError } from "../api/http";
import type {
  Mutation,
  MutationArgs,
  MutationName,
  PullRequest,
  PullResponse,
  PushRequest,
  PushResponse,
} from "../api/types";
import { retryDelay } from "./backoff";
import { readMeta, writeMeta, type Database, type Meta, type SyncNote } from "./db";
import * as hlc from "./hlc";
import { enqueue, nextBatch, pending, pendingCount } from "./outbox";
import { buildView, type RecordMap } from "./view";

export const PROTOCOL_VERSION = 1;
export const PULL_LIMIT = 1000;
const LOCK_NAME = "waypoint-sync";
/** How soon a tab looks again when another tab held the sync lock. */
export const BUSY_RETRY_MS = 1000;
const CHANNEL_NAME = "waypoint-sync";

export interface Transport {
  push(request: PushRequest): Promise<PushResponse>;
  pull(request: PullRequest): Promise<PullResponse>;
}

export type SyncProblem = "offline" | "server" | "update_required" | "signed_out" | null;

export interface SyncStatus {
  pending: number;
  syncing: boolean;
  lastSyncedAt: number | null;
  problem: SyncProblem;
  nextRetryAt: number | null;
  notes: SyncNote[];
}

export interface SyncOptions {
  homeSpace: number;
  now?: () => number;
  random?: () => number;
  locks?: LockManager | null;
  channel?: BroadcastChannel | null;
  /** Delay after a local change before pushing, so quick edits travel in one batch. */
  batchDelayMs?: number;
}

type Listener = () => void;

export class SyncClient {
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly locks: LockManager | null;
  private readonly channel: BroadcastChannel | null;
  private readonly batchDelayMs: number;
  private readonly listeners = new Set<Listener>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private running: Promise<boolean> | null = null;
  private again = false;
  private closed = false;
  private readonly cleanups: (() => void)[] = [];
  status: SyncStatus = {
    pending: 0,
    syncing: false,
    lastSyncedAt: null,
    problem: null,
    nextRetryAt: null,
    notes: [],
  };

  constructor(
    readonly db: Database,
    private readonly transport: Transport,
    readonly options: SyncOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.locks = options.locks ?? null;
    this.channel = options.channel ?? null;
    this.batchDelayMs = options.batchDelayMs ?? 300;
    this.channel?.addEventListener("message", () => void this.refresh());
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }

  private broadcast(): void {
    this.channel?.postMessage("changed");
  }

  /** Re-read counts and device facts (after another tab changed them). */
  async refresh(): Promise<void> {
    const meta = await readMeta(this.db);
    this.status = {
      ...this.status,
      pending: await pendingCount(this.db),
      lastSyncedAt: meta.last_synced_at,
      notes: meta.notes,
    };
    this.emit();
  }

  /** The records as the person sees them: pulled state with pending changes replayed. */
  async view(): Promise<RecordMap> {
    const tx = this.db.transaction(["records", "outbox"], "readonly");
    const [records, outbox] = await Promise.all([
      tx.objectStore("records").getAll(),
      tx.objectStore("outbox").getAll(),
    ]);
    await tx.done;
    return buildView(records, outbox, this.options.homeSpace);
  }

  /** Record a local change at once and schedule a push. */
  async mutate<N extends MutationName>(name: N, args: MutationArgs[N]): Promise<Mutation> {
    const mutation = await enqueue(this.db, name, args, this.now());
    this.status = { ...this.status, pending: this.status.pending + 1 };
    this.emit();
    this.broadcast();
    this.schedule(this.batchDelayMs);
    return mutation;
  }

  /** Ask for a sync soon: on a poke, on `online`, on app open, when the tab becomes visible. */
  requestSync(): void {
    this.attempt = 0;
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.closed) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.status = { ...this.status, nextRetryAt: delayMs > 0 ? this.now() + delayMs : null };
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.sync();
    }, delayMs);
  }

  /** Resolves when no sync is running (for tests and sign-out). */
  async whenIdle(): Promise<void> {
    while (this.running !== null) await this.running;
  }

  /** Run `stop` when this client closes (what started it listens to the page for it). */
  onClose(stop: () => void): void {
    this.cleanups.push(stop);
  }

  close(): void {
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.channel?.close();
    for (const stop of this.cleanups.splice(0)) stop();
  }

  /** Push then pull until caught up. Resolves true on success; failures schedule a retry. */
  sync(): Promise<boolean> {
    if (this.running !== null) {
      this.again = true;
      return this.running;
    }
    this.running = this.runExclusive().finally(() => {
      this.running = null;
      if (this.again && !this.closed) {
        this.again = false;
        this.schedule(0);
      }
    });
    return this.running;
  }

  private async runExclusive(): Promise<boolean> {
    if (this.locks === null) return this.syncOnce();
    // If another tab holds the lock it is already syncing, and broadcasts what it pulls. It may
    // have read the outbox before this tab's latest change, so this tab looks again soon after
    // instead of leaving that change for the next trigger.
    const ran = await this.locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) =>
      lock === null ? null : this.syncOnce(),
    );
    if (ran !== null) return ran;
    this.schedule(BUSY_RETRY_MS);
    return false;
  }

  private async syncOnce(): Promise<boolean> {
    this.status = { ...this.status, syncing: true };
    this.emit();
    try {
      let reset = await this.pushAndPull();
      if (reset && (await pendingCount(this.db)) > 0) reset = await this.pushAndPull();
      this.attempt = 0;
      this.status = { ...this.status, problem: null, nextRetryAt: null };
      return true;
    } catch (error) {
      this.status = { ...this.status, problem: problemOf(error) };
      if (this.status.problem === "offline" || this.status.problem === "server") {
        this.attempt += 1;
        this.schedule(retryDelay(this.attempt, this.random));
      }
      return false;
    } finally {
      this.status = { ...this.status, syncing: false };
      await this.refresh();
      this.broadcast();
    }
  }

  /** One round; returns whether the pull was a reset. */
  private async pushAndPull(): Promise<boolean> {
    await this.push();
    return this.pull();
  }

  private async push(): Promise<void> {
    let meta = await readMeta(this.db);
    let gapRetried = false;
    for (;;) {
      const batch = await nextBatch(this.db, meta.pushed_up_to);
      if (batch.length === 0) return;
      let response: PushResponse;
      try {
        response = await this.transport.push({
          protocol_version: PROTOCOL_VERSION,
          client_id: meta.client_id,
          mutations: batch,
        });
      } catch (error) {
        if (error instanceof ApiError && error.code === "mutation_gap" && !gapRetried) {
          // The server wants an earlier id: resend from there (applied ones are not reapplied).
          gapRetried = true;
          await writeMeta(this.db, { pushed_up_to: error.expected !== null ? error.expected - 1 : 0 });
          meta = await readMeta(this.db);
          continue;
        }
        throw error;
      }
      const notes = noteworthy(response, batch);
      const pushedUpTo = Math.max(meta.pushed_up_to, response.last_mutation_id);
      await writeMeta(this.db, { pushed_up_to: pushedUpTo, notes: [...meta.notes, ...notes].slice(-20) });
      meta = await readMeta(this.db);
      if (response.last_mutation_id < batch[batch.length - 1]!.mutation_id) return;
    }
  }

  private async pull(): Promise<boolean> {
    let wasReset = false;
    for (;;) {
      const meta = await readMeta(this.db);
      const page = await this.transport.pull({
        protocol_version: PROTOCOL_VERSION,
        client_id: meta.client_id,
        cursor: meta.cursor,
        limit: PULL_LIMIT,
      });
      wasReset ||= page.reset;
      await this.applyPage(page, meta);
      if (!page.has_more) return wasReset;
    }
  }

  /** Apply one pull page in a single transaction, so a crash never leaves half a page. */
  private async applyPage(page: PullResponse, meta: Meta): Promise<void> {
    const tx = this.db.transaction(["records", "outbox", "meta"], "readwrite");
    const records = tx.objectStore("records");
    if (page.reset) await records.clear();
    for (const space of page.removed_spaces) {
      let cursor = await records.index("space").openCursor(IDBKeyRange.only(space));
      while (cursor) {
        await cursor.delete();
        cursor = await cursor.continue();
      }
    }
    let newest: string | null = null;
    for (const change of page.changes) {
      if (change.deleted) await records.delete([change.kind, change.id]);
      else {
        await records.put({
          kind: change.kind,
          id: change.id,
          space: change.space,
          fields: change.fields,
          clocks: change.clocks,
        });
      }
      for (const clock of Object.values(change.clocks)) {
        if (newest === null || clock > newest) newest = clock;
      }
    }
    const metaStore = tx.objectStore("meta");
    const current = ((await metaStore.get("clock")) as string | null | undefined) ?? null;
    if (newest !== null) {
      await metaStore.put(hlc.receive(current, newest, this.now(), meta.client_id), "clock");
    }
    await metaStore.put(page.cursor, "cursor");
    if (!page.has_more) {
      // Only a finished pull reflects every acknowledged mutation: now drop them.
      if (page.last_mutation_id >= 1) {
        await tx.objectStore("outbox").delete(IDBKeyRange.upperBound(page.last_mutation_id));
      }
      const pushed = ((await metaStore.get("pushed_up_to")) as number | undefined) ?? 0;
      await metaStore.put(Math.max(pushed, page.last_mutation_id), "pushed_up_to");
      await metaStore.put(this.now(), "last_synced_at");
    }
    await tx.done;
  }

  /** Forget a shown note. */
  async dismissNote(mutationId: number): Promise<void> {
    const meta = await readMeta(this.db);
    await writeMeta(this.db, { notes: meta.notes.filter((n) => n.mutation_id !== mutationId) });
    await this.refresh();
  }

  /** The outbox, for tests and the settings screen. */
  pending(): Promise<Mutation[]> {
    return pending(this.db);
  }
}

function noteworthy(response: PushResponse, batch: Mutation[]): SyncNote[] {
  const names = new Map(batch.map((m) => [m.mutation_id, m.name]));
  return response.results
    .filter((r) => r.outcome === "rejected" || r.outcome === "change_request")
    .map((r) => ({
      mutation_id: r.mutation_id,
      name: names.get(r.mutation_id) ?? "",
      outcome: r.outcome as "rejected" | "change_request",
      reason: r.reason ?? null,
    }));
}

function problemOf(error: unknown): SyncProblem {
  if (error instanceof ApiError) {
    if (error.isNetwork) return "offline";
    if (error.code === "update_required") return "update_required";
    if (error.status === 401) return "signed_out";
  }
  return "server";
}
