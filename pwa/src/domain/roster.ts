/** The teacher's table of students: one row per student and class, with what waits for the
 * teacher, filtered and sorted on the device. Pure: built from the class overviews and the
 * approval queue the server already sends, so 150 rows cost no request of their own. */
import type { ApprovalItem, StudentOverview } from "../api/types";

/** Goal statuses from best to worst; a row shows its worst. */
export const STATUS_ORDER = ["completed", "ahead", "on_track", "not_started", "behind", "at_risk", "unreachable"] as const;
export type GoalStatus = (typeof STATUS_ORDER)[number];
/** No work logged on a class's goals for this many days is worth a word (as the server's
 * attention list counts it). */
export const QUIET_DAYS = 7;

export interface RosterRow {
  /** Unique per student and class; mentees' personal goals have class "mentee". */
  key: string;
  studentId: number;
  name: string;
  classId: number | null;
  className: string;
  overview: StudentOverview | null;
  /** The worst status among the row's goals, or null without goals. */
  worst: GoalStatus | null;
  /** How many of the row's goals are in each status. */
  statuses: Partial<Record<GoalStatus, number>>;
  goals: number;
  behind: boolean;
  study: number;
  free: number;
  lastActive: string | null;
  /** Days since work was last logged when at least QUIET_DAYS, else null. */
  quietDays: number | null;
  pending: ApprovalItem[];
}

export interface ClassRows {
  classId: number;
  className: string;
  rows: StudentOverview[];
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function quietDays(row: StudentOverview, fallback: string): number | null {
  if (row.goals.length === 0) return null;
  const today = row.today ?? fallback;
  const since = row.last_active_on ?? row.goals.map((g) => g.start).sort()[0]!;
  const days = daysBetween(since, today);
  return days >= QUIET_DAYS ? days : null;
}

function isStatus(value: string): value is GoalStatus {
  return (STATUS_ORDER as readonly string[]).includes(value);
}

/** One row per student of each class, plus a row for each mentee whose personal goal's
 * change waits (those belong to no class); each row carries its own pending items. */
export function rosterRows(classes: ClassRows[], queue: ApprovalItem[], today: string): RosterRow[] {
  const waiting = new Map<string, ApprovalItem[]>();
  for (const item of queue) {
    const key = `${item.class_id ?? "mentee"}-${item.student_id}`;
    waiting.set(key, [...(waiting.get(key) ?? []), item]);
  }
  const rows: RosterRow[] = [];
  for (const { classId, className, rows: overview } of classes) {
    for (const o of overview) {
      const key = `${classId}-${o.student_id}`;
      const statuses: Partial<Record<GoalStatus, number>> = {};
      let worst: GoalStatus | null = null;
      for (const g of o.goals) {
        if (!isStatus(g.status)) continue;
        statuses[g.status] = (statuses[g.status] ?? 0) + 1;
        if (worst === null || STATUS_ORDER.indexOf(g.status) > STATUS_ORDER.indexOf(worst)) worst = g.status;
      }
      rows.push({
        key,
        studentId: o.student_id,
        name: o.display_name,
        classId,
        className,
        overview: o,
        worst,
        statuses,
        goals: o.goals.length,
        behind: o.persistently_behind,
        study: o.study_minutes_this_week,
        free: o.free_minutes_this_week,
        lastActive: o.last_active_on ?? null,
        quietDays: quietDays(o, today),
        pending: waiting.get(key) ?? [],
      });
      waiting.delete(key);
    }
  }
  // Items of students not (or not yet) in a loaded overview still get a row to be decided in.
  for (const [key, items] of waiting) {
    const first = items[0]!;
    rows.push({
      key,
      studentId: first.student_id,
      name: first.student_name,
      classId: first.class_id ?? null,
      className: first.class_name ?? "",
      overview: null,
      worst: null,
      statuses: {},
      goals: 0,
      behind: false,
      study: 0,
      free: 0,
      lastActive: null,
      quietDays: null,
      pending: items,
    });
  }
  return rows;
}

export type StatusFilter = "all" | "needs_help" | "fine" | "no_goals";
export type ActivityFilter = "all" | "this_week" | "quiet";

export interface RosterFilter {
  search: string;
  status: StatusFilter;
  classId: number | "all";
  pendingOnly: boolean;
  behindOnly: boolean;
  activity: ActivityFilter;
}

export const NO_FILTER: RosterFilter = {
  search: "",
  status: "all",
  classId: "all",
  pendingOnly: false,
  behindOnly: false,
  activity: "all",
};

const NEEDS_HELP = new Set<GoalStatus>(["behind", "at_risk", "unreachable"]);

function folded(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();
}

/** The rows that pass every filter; the search matches any part of the name, accents aside. */
export function filterRows(rows: RosterRow[], f: RosterFilter): RosterRow[] {
  const search = folded(f.search.trim());
  return rows.filter((r) => {
    if (search !== "" && !folded(r.name).includes(search)) return false;
    if (f.classId !== "all" && r.classId !== f.classId) return false;
    if (f.pendingOnly && r.pending.length === 0) return false;
    if (f.behindOnly && !r.behind) return false;
    if (f.status === "needs_help" && !(r.worst !== null && NEEDS_HELP.has(r.worst))) return false;
    if (f.status === "fine" && !(r.worst !== null && !NEEDS_HELP.has(r.worst))) return false;
    if (f.status === "no_goals" && r.goals > 0) return false;
    if (f.activity === "quiet" && r.quietDays === null) return false;
    if (f.activity === "this_week" && !(r.lastActive !== null && r.overview !== null && r.lastActive >= r.overview.week_start))
      return false;
    return true;
  });
}

export type SortKey = "need" | "name" | "class" | "status" | "week" | "activity" | "pending";
export type Direction = "ascending" | "descending";

const byName = (a: RosterRow, b: RosterRow) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key);
const severity = (r: RosterRow) => (r.worst === null ? -1 : STATUS_ORDER.indexOf(r.worst));

/** "Needs you first": decisions waiting, then behind for a week, then longest quiet (the order
 * of the server's attention list), then by name. */
function byNeed(a: RosterRow, b: RosterRow): number {
  return (
    b.pending.length - a.pending.length ||
    Number(b.behind) - Number(a.behind) ||
    (b.quietDays ?? 0) - (a.quietDays ?? 0) ||
    severity(b) - severity(a) ||
    byName(a, b)
  );
}

const COMPARE: Record<Exclude<SortKey, "need">, (a: RosterRow, b: RosterRow) => number> = {
  name: (a, b) => byName(a, b),
  class: (a, b) => a.className.localeCompare(b.className),
  status: (a, b) => severity(a) - severity(b),
  week: (a, b) => a.study - b.study || a.free - b.free,
  // Never active sorts as the oldest.
  activity: (a, b) => (a.lastActive ?? "").localeCompare(b.lastActive ?? ""),
  pending: (a, b) => a.pending.length - b.pending.length,
};

/** A sorted copy; ties fall back to the name so the order never jumps between renders. */
export function sortRows(rows: RosterRow[], key: SortKey, direction: Direction): RosterRow[] {
  if (key === "need") return [...rows].sort(byNeed);
  const compare = COMPARE[key];
  const sign = direction === "ascending" ? 1 : -1;
  return [...rows].sort((a, b) => sign * compare(a, b) || byName(a, b));
}
