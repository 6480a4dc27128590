/**
 * What the person sees: the last pulled server state with pending mutations replayed on top.
 *
 * Replaying instead of editing the stored state is what rebases local work over pulled changes:
 * after every pull the view is rebuilt from the new server state plus whatever is still queued.
 * A replayed mutation does what sync/rules.py will do with it, under the class policies the
 * server publishes in the student's `policy` record; sync/vectors/mutations.json holds the cases
 * the server, the Python reference client and this replay all pass.
 */
import type { Mutation } from "../api/types";
import { checkInId } from "../domain/checkin";
import { profileId } from "../domain/profile";
import type { StoredRecord } from "./db";
import { mergeFields, splitGoverned, type Clocks, type Fields } from "./merge";
import { adviceFor, approvalFor, classesOf, settleGoalEdit, type Classes } from "./policy";

export const KIND_OF_PREFIX: Readonly<Record<string, string>> = {
  goal: "goal",
  progress: "progress",
  time: "time_entry",
  nudge: "nudge",
  notice: "conflict_notice",
  rest: "rest",
  preferences: "preferences",
  checkin: "check_in",
  profile: "profile",
};

export type RecordMap = Map<string, StoredRecord>;

/** The classes of a space, with their policies (its `policy` record's, else none). */
export type ClassesOf = (space: number) => Classes;

const NO_CLASSES: Classes = new Map();

export const keyOf = (kind: string, id: string): string => `${kind}/${id}`;

/** A goal field, set on the device only, holding what waits for the teacher. */
export const PENDING_PROPOSAL = "pending_proposal";

const CREATE_VERBS = new Set(["create", "add", "log", "start", "set"]);
const MAX_TIMER_MINUTES = 24 * 60;
/** A timer stopped sooner logged nothing worth keeping: the stop removes it (sync/mutations.py). */
export const SHORTEST_RUN_SECONDS = 30;

/** Whether a stop removes the entry, as on the server: a run shorter than half a minute. */
function stopsTooSoon(entry: StoredRecord, stoppedAt: unknown): boolean {
  const started = entry.fields["started_at"];
  if (entry.fields["running"] !== true || (entry.fields["minutes"] !== null && entry.fields["minutes"] !== undefined)) return false;
  if (typeof started !== "string") return false;
  const seconds = (Date.parse(String(stoppedAt)) - Date.parse(started)) / 1000;
  return seconds >= 0 && seconds < SHORTEST_RUN_SECONDS;
}

/** Python's round(): halves go to the even neighbour, as the server rounds a timer's minutes. */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Why the server would reject a create, or null: a rejected mutation changes nothing. */
function invalidCreate(name: string, args: Fields, id: string, space: number): boolean {
  if (name === "goal.create") {
    const start = args["start_date"];
    return typeof start === "string" && start > String(args["deadline"]);
  }
  if (name === "rest.create") return String(args["end_date"]) < String(args["start_date"]);
  if (name === "checkin.set") return id !== checkInId(space, String(args["week"]));
  if (name === "profile.set") return id !== profileId(space);
  if (name === "time.log" || name === "time.start") {
    const category = args["category"] ?? null;
    return (args["kind"] === "free" && category === null) || (args["kind"] === "study" && category !== null);
  }
  return false;
}

/** What the mutation sets, beyond its arguments, when it creates a record. */
function extraOf(name: string): Fields {
  if (name === "time.log") return { running: false };
  if (name === "time.start") return { running: true, minutes: null };
  return {};
}

function edit(
  state: RecordMap,
  record: StoredRecord,
  changes: Fields,
  clock: string,
  base: Clocks,
  classesOf: ClassesOf,
  askMentor = false,
): void {
  let direct = changes;
  let seen = base;
  let pending: Fields | null = null;
  if (record.kind === "goal") {
    const classes = classesOf(record.space);
    const settled = settleGoalEdit(classes, record.fields, changes);
    if (settled === null) return; // the server rejects moving an approved goal to another class
    if ("status" in settled && !("status" in changes) && record.clocks["status"] !== undefined) {
      seen = { ...base, status: record.clocks["status"] };
    }
    const split = splitGoverned(record.fields, settled, waitingOf(classes, record.fields, settled, askMentor));
    direct = split.direct;
    if (Object.keys(split.proposed).length > 0) {
      pending = { ...((record.fields[PENDING_PROPOSAL] as Fields | undefined) ?? {}), ...split.proposed };
    }
  }
  const merged = mergeFields(record.fields, record.clocks, direct, clock, seen);
  const fields = pending === null ? merged.fields : { ...merged.fields, [PENDING_PROPOSAL]: pending };
  state.set(keyOf(record.kind, record.id), { ...record, fields, clocks: merged.clocks });
}

/** What of a goal change waits: for the mentor when the student asks their advice about a
 * personal goal, else for the class's teacher under its policy (sync/rules.py `rule_for`). */
function waitingOf(classes: Classes, goal: Fields, changes: Fields, askMentor: boolean): Set<string> {
  const advice = askMentor ? adviceFor(classes, goal, changes) : new Set<string>();
  return advice.size > 0 ? advice : approvalFor(classes, goal, changes);
}

/** What `time.stop` changes, or null when it changes nothing (the timer is not running) or is rejected. */
function stopOf(entry: StoredRecord, stoppedAt: unknown): Fields | null {
  if (entry.fields["running"] !== true) return null;
  const started = entry.fields["started_at"];
  // Minutes someone entered while the timer ran are kept.
  if (entry.fields["minutes"] !== null && entry.fields["minutes"] !== undefined) return { running: false };
  if (typeof started !== "string") return { running: false };
  const seconds = (Date.parse(String(stoppedAt)) - Date.parse(started)) / 1000;
  if (Number.isNaN(seconds) || seconds < 0) return null;
  return { running: false, minutes: Math.min(Math.max(roundHalfEven(seconds / 60), 1), MAX_TIMER_MINUTES) };
}

/** The record's clocks of the fields `changes` writes. */
function clocksOf(record: StoredRecord, changes: Fields): Record<string, string> {
  return Object.fromEntries(Object.keys(changes).flatMap((k) => (record.clocks[k] ? [[k, record.clocks[k]]] : [])));
}

/** Apply one queued mutation to `state` the way the server will. */
export function replay(
  state: RecordMap,
  mutation: Mutation,
  homeSpace: number,
  classesOf: ClassesOf = () => NO_CLASSES,
): void {
  const [prefix = "", verb = ""] = mutation.name.split(".", 2);
  const kind = KIND_OF_PREFIX[prefix];
  if (kind === undefined) return;
  const args = { ...(mutation.args as Record<string, unknown>) };
  const id = String(args["id"]);
  const base = (args["base"] as Clocks | undefined) ?? {};
  delete args["id"];
  delete args["base"];
  delete args["change_reason"]; // travels to the teacher, is not a field of the goal
  const askMentor = args["ask_mentor"] === true;
  delete args["ask_mentor"];
  const space = (args["space"] as number | null | undefined) ?? homeSpace;
  delete args["space"];
  const key = keyOf(kind, id);
  const record = state.get(key);
  const clock = mutation.hlc;

  if (CREATE_VERBS.has(verb)) {
    if (invalidCreate(mutation.name, args, id, space)) return;
    const values: Fields = { ...args, ...extraOf(mutation.name) };
    // The same id created on another device: the create merges into it as an edit.
    if (record !== undefined) {
      // A set of a one-per-student record (preferences, profile) names what it saw.
      if (record.space === space) edit(state, record, values, clock, base, classesOf);
      return;
    }
    if (kind === "goal") {
      const draft: Fields = { status: "proposed", class_id: values["class_id"] ?? null };
      const waits = approvalFor(classesOf(space), draft, { status: "active" }).size > 0;
      values["status"] = waits ? "proposed" : "active";
    }
    const clocks = Object.fromEntries(Object.keys(values).map((k) => [k, clock]));
    state.set(key, { kind, id, space, fields: values, clocks });
    return;
  }
  if (record === undefined) return; // an edit of something deleted is lost, never resurrected
  if (verb === "delete") {
    if (kind === "goal") {
      const abandon: Fields = { status: "abandoned" };
      const waits = waitingOf(classesOf(record.space), record.fields, abandon, askMentor);
      const split = splitGoverned(record.fields, abandon, waits);
      // Deleting an approved goal may ask the teacher (or the mentor) to let it go; it stays meanwhile.
      if (Object.keys(split.proposed).length > 0) {
        edit(state, record, abandon, clock, {}, classesOf, askMentor);
        return;
      }
    }
    state.delete(key);
    return;
  }
  let changes: Fields | null = args;
  if (verb === "dismiss") changes = { dismissed: true };
  if (verb === "act") changes = { acted: args["action"] };
  if (verb === "stop" && stopsTooSoon(record, args["stopped_at"])) {
    state.delete(key);
    return;
  }
  if (verb === "stop") changes = stopOf(record, args["stopped_at"]);
  if (changes === null) return;
  // A stop is a state change from the state it saw: it replaces that knowingly, as on the server.
  const seen = verb === "stop" ? clocksOf(record, changes) : verb === "update" ? base : {};
  edit(state, record, changes, clock, seen, classesOf, askMentor);
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
  const classes = classesOf(state.values());
  const classesOfSpace: ClassesOf = (space) => classes.get(space) ?? NO_CLASSES;
  for (const m of outbox) replay(state, m, homeSpace, classesOfSpace);
  return state;
}
