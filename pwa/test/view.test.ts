import { describe, expect, it } from "vitest";
import type { Mutation } from "../src/api/types";
import type { StoredRecord } from "../src/sync/db";
import { entryMinutes } from "../src/domain/time";
import { buildView, keyOf } from "../src/sync/view";

const G = "00000000-0000-4000-8000-000000000001";
const T = "00000000-0000-4000-8000-000000000002";
const clock = (ms: number, client = "phone") => `${ms}-000000-${client}`;

function m(id: number, name: string, args: Record<string, unknown>, ms = 1_700_000_000_000 + id): Mutation {
  return { mutation_id: id, name, args, hlc: clock(ms) };
}

const goal = (fields: Record<string, unknown>, at = 1_700_000_000_000): StoredRecord => ({
  kind: "goal",
  id: G,
  space: 7,
  fields,
  clocks: Object.fromEntries(Object.keys(fields).map((k) => [k, clock(at, "tablet")])),
});

describe("view", () => {
  it("a timer started and stopped offline is a finished entry", () => {
    const view = buildView(
      [],
      [
        m(1, "time.start", { id: T, kind: "study", started_at: "2026-11-25T10:00:00Z" }),
        m(2, "time.stop", { id: T, stopped_at: "2026-11-25T10:25:00Z" }),
      ],
      7,
    );
    const entry = view.get(keyOf("time_entry", T))!;
    expect(entry.fields["running"]).toBe(false);
    expect(entryMinutes(entry, Date.parse("2026-11-25T12:00:00Z"))).toBe(25);
  });

  it("a stop of a timer already stopped on another device changes nothing", () => {
    const stopped: StoredRecord = {
      kind: "time_entry",
      id: T,
      space: 7,
      fields: { kind: "study", started_at: "2026-11-25T10:00:00Z", running: false, minutes: 25 },
      clocks: { running: clock(1_700_000_000_000, "tablet"), minutes: clock(1_700_000_000_000, "tablet") },
    };
    const view = buildView([stopped], [m(1, "time.stop", { id: T, stopped_at: "2026-11-25T10:40:00Z" })], 7);
    expect(entryMinutes(view.get(keyOf("time_entry", T))!, Date.parse("2026-11-25T12:00:00Z"))).toBe(25);
    expect(view.get(keyOf("time_entry", T))!.fields["stopped_at"]).toBeUndefined();
  });

  it("a running timer counts up to now", () => {
    const view = buildView([], [m(1, "time.start", { id: T, kind: "study", started_at: "2026-11-25T10:00:00Z" })], 7);
    expect(entryMinutes(view.get(keyOf("time_entry", T))!, Date.parse("2026-11-25T10:40:00Z"))).toBe(40);
  });

  it("an edit older than the pulled value does not override it", () => {
    const pulled = goal({ title: "From tablet", status: "proposed" }, 1_800_000_000_000);
    const view = buildView([pulled], [m(1, "goal.update", { id: G, title: "From phone" })], 7);
    expect(view.get(keyOf("goal", G))!.fields["title"]).toBe("From tablet");
  });

  it("an edit of a goal deleted elsewhere does not bring it back", () => {
    const view = buildView([], [m(1, "goal.update", { id: G, title: "Too late" })], 7);
    expect(view.has(keyOf("goal", G))).toBe(false);
  });

  it("a local delete hides the record until the server confirms", () => {
    const view = buildView([goal({ title: "Read", status: "proposed" })], [m(1, "goal.delete", { id: G })], 7);
    expect(view.size).toBe(0);
  });

  it("deleting an approved class goal proposes abandoning it, and keeps it meanwhile", () => {
    const active = goal({ title: "Read", status: "active", class_id: 3 });
    const classes: StoredRecord = {
      kind: "policy",
      id: "policy",
      space: 7,
      fields: { classes: { "3": { name: "Algebra", policy: {} } } },
      clocks: {},
    };
    const view = buildView([active, classes], [m(1, "goal.delete", { id: G, change_reason: "too much" })], 7);
    expect(view.get(keyOf("goal", G))!.fields).toMatchObject({
      status: "active",
      pending_proposal: { status: "abandoned" },
    });
  });

  it("a change reason is not stored as a field of the goal", () => {
    const draft = goal({ title: "Read", status: "proposed" });
    const view = buildView([draft], [m(1, "goal.update", { id: G, title: "Read more", change_reason: "why" }, 1_800_000_000_000)], 7);
    expect(view.get(keyOf("goal", G))!.fields).toEqual({ title: "Read more", status: "proposed" });
  });

  it("dismissing and acting on a nudge are recorded", () => {
    const nudge: StoredRecord = { kind: "nudge", id: G, space: 7, fields: { title: "x", dismissed: false }, clocks: {} };
    const acted = buildView([nudge], [m(1, "nudge.act", { id: G, action: "adjust_goal" })], 7);
    expect(acted.get(keyOf("nudge", G))!.fields["acted"]).toBe("adjust_goal");
    const dismissed = buildView([nudge], [m(1, "nudge.dismiss", { id: G })], 7);
    expect(dismissed.get(keyOf("nudge", G))!.fields["dismissed"]).toBe(true);
  });

  it("creates land in the device's own space unless one is named", () => {
    const view = buildView([], [m(1, "goal.create", { id: G, title: "Read", target: 1, unit: "pages", deadline: "2026-12-01" })], 42);
    expect(view.get(keyOf("goal", G))!.space).toBe(42);
  });
});

describe("personal goals", () => {
  it("deleting an approved personal goal deletes it: nobody decides on it", () => {
    const active = goal({ title: "Read", status: "active", class_id: null });
    expect(buildView([active], [m(1, "goal.delete", { id: G })], 7).size).toBe(0);
  });
});
