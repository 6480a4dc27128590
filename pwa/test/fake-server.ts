/**
 * A small in-memory stand-in for the sync endpoints: idempotent push by mutation id with gap
 * checks, per-record versions, paged pull from an opaque cursor, resets and removed spaces.
 * It applies mutations with the shared merge rules, without approvals.
 */
import { ApiError } from "../src/api/http";
import type { Change, PullRequest, PullResponse, PushRequest, PushResponse } from "../src/api/types";
import type { Transport } from "../src/sync/client";
import { mergeFields } from "../src/sync/merge";
import { KIND_OF_PREFIX } from "../src/sync/view";

interface ServerRecord extends Change {}

export class FakeServer {
  records = new Map<string, ServerRecord>();
  lastApplied = new Map<string, number>();
  applied: { client_id: string; mutation_id: number; name: string }[] = [];
  version = 0;
  space = 7;
  /** Set to make the next pull answer reset with a full snapshot. */
  resetNext = false;
  removedSpacesNext: number[] = [];

  push(request: PushRequest): PushResponse {
    const last = this.lastApplied.get(request.client_id) ?? 0;
    const first = request.mutations[0]!.mutation_id;
    if (first > last + 1) {
      throw new ApiError(409, "resend the outbox from an earlier mutation", "mutation_gap", [], last + 1);
    }
    let now = last;
    const results: PushResponse["results"] = [];
    for (const m of request.mutations) {
      if (m.mutation_id <= now) {
        results.push({ mutation_id: m.mutation_id, outcome: "duplicate", clock_clamped: false });
        continue;
      }
      this.apply(m.name, m.args as Record<string, unknown>, m.hlc);
      this.applied.push({ client_id: request.client_id, mutation_id: m.mutation_id, name: m.name });
      now = m.mutation_id;
      results.push({ mutation_id: m.mutation_id, outcome: "applied", clock_clamped: false });
    }
    this.lastApplied.set(request.client_id, now);
    return { last_mutation_id: now, results };
  }

  private apply(name: string, raw: Record<string, unknown>, clock: string): void {
    const [prefix = "", verb = ""] = name.split(".");
    const kind = KIND_OF_PREFIX[prefix]!;
    const { id, base, space, ...args } = raw as {
      id: string;
      base?: Record<string, string>;
      space?: number;
    } & Record<string, unknown>;
    const key = `${kind}/${id}`;
    const existing = this.records.get(key);
    this.version += 1;
    if (["create", "add", "log", "start"].includes(verb)) {
      if (existing) return;
      const fields = kind === "goal" ? { ...args, status: "proposed" } : { ...args };
      const clocks = Object.fromEntries(Object.keys(fields).map((k) => [k, clock]));
      this.records.set(key, {
        kind,
        id,
        space: space ?? this.space,
        deleted: false,
        fields,
        clocks,
        version: this.version,
      });
    } else if (verb === "delete") {
      if (existing) this.records.set(key, { ...existing, deleted: true, fields: {}, clocks: {}, version: this.version });
    } else if (existing && !existing.deleted) {
      const merged = mergeFields(existing.fields, existing.clocks, args, clock, base ?? {});
      this.records.set(key, { ...existing, fields: merged.fields, clocks: merged.clocks, version: this.version });
    }
  }

  /** Write as another device would, straight into the server state. */
  write(kind: string, id: string, fields: Record<string, unknown>, clock: string): void {
    const existing = this.records.get(`${kind}/${id}`);
    this.version += 1;
    const merged = mergeFields(existing?.fields ?? {}, existing?.clocks ?? {}, fields, clock);
    this.records.set(`${kind}/${id}`, {
      kind,
      id,
      space: existing?.space ?? this.space,
      deleted: false,
      fields: merged.fields,
      clocks: merged.clocks,
      version: this.version,
    });
  }

  pull(request: PullRequest): PullResponse {
    const reset = this.resetNext;
    this.resetNext = false;
    const since = reset || request.cursor == null ? 0 : Number(request.cursor);
    const changed = [...this.records.values()]
      .filter((r) => r.version > since)
      .sort((a, b) => a.version - b.version);
    const limit = request.limit ?? 1000;
    const page = changed.slice(0, limit);
    const hasMore = changed.length > limit;
    const cursor = page.length > 0 ? page[page.length - 1]!.version : since;
    const removed = this.removedSpacesNext;
    this.removedSpacesNext = [];
    return {
      cursor: String(cursor),
      has_more: hasMore,
      reset,
      last_mutation_id: this.lastApplied.get(request.client_id) ?? 0,
      changes: page,
      removed_spaces: removed,
    };
  }
}

/** A transport to the fake server that can be taken offline or made to lose responses. */
export class FakeTransport implements Transport {
  offline = false;
  loseNextPushResponse = false;
  pullLimit: number | null = null;
  pushes: PushRequest[] = [];
  pulls = 0;

  constructor(readonly server: FakeServer) {}

  async push(request: PushRequest): Promise<PushResponse> {
    if (this.offline) throw new ApiError(0, "network");
    this.pushes.push(structuredClone(request));
    const response = this.server.push(structuredClone(request));
    if (this.loseNextPushResponse) {
      this.loseNextPushResponse = false;
      throw new ApiError(0, "network");
    }
    return response;
  }

  async pull(request: PullRequest): Promise<PullResponse> {
    if (this.offline) throw new ApiError(0, "network");
    this.pulls += 1;
    const limited = this.pullLimit === null ? request : { ...request, limit: this.pullLimit };
    return structuredClone(this.server.pull(limited));
  }
}
