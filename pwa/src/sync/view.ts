/**
 * What the person sees: the last pulled server state with pending mutations replayed on top.
 *
 * Replaying instead of editing the stored state is what rebases local work over pulled changes:
 * after every pull the view is rebuilt from the new server state plus whatever is still queued.
 */
import type { Mutation } from "../api/types";
import type { StoredRecord } from "./db";
import { mergeFields, splitGoverned, type Fields } from "./merge";

export const KIND_OF_PREFIX: Readonly<Record<string, string>> = {
  goal: "goal",
  progress: "progress",
  time: "time_entry",
  nudge: "nudge",
  notice: "conflict_notice",
  rest: "rest",
  preferences: "preferences",
};

export type RecordMap = Map<string, StoredRecord>;

export const keyOf = (kind: string, id: string): string => `${kind}/${id}`;

const CREATE_VERBS = new Set(["create", "add", "log", "start"]);

/** Apply one queued mutation to `state` the way the server most likely will. */
export function replay(state: RecordMap, mutation: Mutation, homeSpace: number): void {
  const [prefix = "", verb = ""] = mutation.name.split(".", 2);
  const kind = KIND_OF_PREFIX[prefix];
  if (kind === undefined) return;
  const args = { ...(mutation.args as Record<string, unknown>) };
  const id = String(args["id"]);
  const base = (args["base"] as Record<string, string> | undefined) ?? {};
  delete args["id"];
  delete args["base"];
  delete args["change_reason"]; // travels to the teacher, is not a field of the goal
  const space = (args["space"] as number | null | undefined) ?? homeSpace;
  delete args["space"];
  const key = keyOf(kind, id);
  const record = state.get(key);

  // `preferences.set` creates the student's one preferences record, or edits it.
  if (CREATE_VERBS.has(verb) || (verb === "set" && record === undefined)) {
    if (record !== undefined) return;
    const extra: Fields = {};
    if (kind === "goal") extra["status"] = "proposed";
    if (kind === "time_entry") extra["running"] = verb === "start";
    const fields: Fields = { ...args, ...extra };
    const clocks = Object.fromEntries(Object.keys(fields).map((k) => [k, mutation.hlc]));
    state.set(key, { kind, id, space, fields, clocks });
    return;
  }
  if (verb === "delete") {
    // Deleting an approved goal asks the teacher to let it be abandoned; it stays meanwhile.
    if (kind === "goal" && record?.fields["status"] === "active") {
      state.set(key, { ...record, fields: { ...record.fields, pending_proposal: { status: "abandoned" } } });
    } else state.delete(key);
    return;
  }
  if (record === undefined) return; // an edit of something deleted is lost, never resurrected

  let changes: Fields = args;
  if (verb === "dismiss") changes = { dismissed: true };
  if (verb === "act") changes = { acted: args["action"] };
  if (verb === "stop") changes = { running: false, stopped_at: args["stopped_at"] };
  if (kind === "goal" && verb === "update") {
    const split = splitGoverned(record.fields, changes);
    changes = split.direct;
    if (Object.keys(split.proposed).length > 0) {
      changes = { ...changes, pending_proposal: split.proposed };
    }
  }
  const merged = mergeFields(record.fields, record.clocks, changes, mutation.hlc, base);
  state.set(key, { ...record, fields: merged.fields, clocks: merged.clocks });
}

/** The view: server records plus the outbox replayed in order. */
export function buildView(
  server: Iterable<StoredRecord>,
  outbox: Iterable<Mutation>,
  homeSpace: number,
): RecordMap {
  const state: RecordMap = new Map();
  for (const r of server) {
    state.set(keyOf(r.kind, r.id), { ...r, fields: { ...r.fields }, clocks: { ...r.clocks } });
  }
  for (const m of outbox) replay(state, m, homeSpace);
  return state;
}
