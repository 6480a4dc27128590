import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { api, ApiError } from "../../api/http";
import type { ApprovalItem, ClassSummary, DecisionItem, DecisionReport, StudentOverview } from "../../api/types";
import { SavedCopy } from "../../components/SavedCopy";
import {
  filterRows,
  NO_FILTER,
  rosterRows,
  sortRows,
  type ActivityFilter,
  type ClassRows,
  type Direction,
  type RosterFilter,
  type RosterRow as Row,
  type SortKey,
  type StatusFilter,
} from "../../domain/roster";
import { t } from "../../i18n/messages";
import { useCopy, type CopyView } from "../../state/hooks";
import { onPoke } from "../../state/session";
import { localDay } from "../../ui/format";
import { RosterRow } from "./RosterRow";

type Overviews = Record<number, CopyView<StudentOverview[]>>;
/** A decision's outcome, shown in its row with the item it was about. */
export type Report = { report: DecisionReport; about: string; item: ApprovalItem };

/** One class's overview, kept on the device like every copy; reports each change upwards. */
function OverviewCopy(props: {
  owner: number;
  classId: number;
  round: number;
  onCopy: (classId: number, copy: CopyView<StudentOverview[]>) => void;
}) {
  const { owner, classId, round, onCopy } = props;
  const copy = useCopy<StudentOverview[]>(owner, `/api/classes/${classId}/overview`);
  useEffect(() => onCopy(classId, copy), [copy.value, copy.phase, copy.fetchedAt, copy.online, copy.error]);
  const first = useRef(round);
  useEffect(() => {
    if (round !== first.current) copy.reload();
  }, [round]);
  return null;
}

// Read when drawn: the words follow the language in use.
const sortable = (): { key: Exclude<SortKey, "need">; label: string; first: Direction }[] => [
  { key: "name", label: t.table.col.name, first: "ascending" },
  { key: "class", label: t.table.col.class, first: "ascending" },
  { key: "status", label: t.table.col.status, first: "descending" },
  { key: "week", label: t.table.col.week, first: "ascending" },
  { key: "activity", label: t.table.col.activity, first: "ascending" },
  { key: "pending", label: t.table.col.pending, first: "descending" },
];

/** The teacher's students across their classes in one table: find, sort, open one, and approve
 * or return what waits, row by row (each with its own comment) or the selected rows at once. */
export function StudentTable({ owner }: { owner: number }) {
  const classes = useCopy<ClassSummary[]>(owner, "/api/classes");
  const queue = useCopy<ApprovalItem[]>(owner, "/api/approvals");
  const [overviews, setOverviews] = useState<Overviews>({});
  const [round, setRound] = useState(0);
  const [filter, setFilter] = useState<RosterFilter>(NO_FILTER);
  const [sort, setSort] = useState<{ key: SortKey; direction: Direction }>({ key: "need", direction: "descending" });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [open, setOpen] = useState<string | null>(null);
  // After a decision the rows keep their places (a decided row would otherwise sort away from
  // under the pointer) until the teacher sorts or filters again.
  const [frozen, setFrozenOrder] = useState<string[] | null>(null);
  const [reports, setReports] = useState<Map<string, Report[]>>(new Map());
  // Reports stay in their rows while the order is kept, and go with it.
  const setFrozen = (order: string[] | null | ((o: string[] | null) => string[] | null)) => {
    setFrozenOrder(order);
    if (order === null) setReports(new Map());
  };
  const [summary, setSummary] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const comments = useRef(new Map<string, string>()).current;
  // A decision names the goal version it was made on and the server refuses it if the goal has
  // changed since, so deciding on a saved copy is safe; only a missing connection stops it.
  const canDecide = queue.online;

  const onCopy = useCallback(
    (classId: number, copy: CopyView<StudentOverview[]>) => setOverviews((old) => ({ ...old, [classId]: copy })),
    [],
  );

  // Students' new requests poke the teacher's open app too.
  useEffect(() => onPoke(queue.reload), [queue.reload]);

  const known = useMemo(() => classes.value ?? [], [classes.value]);
  const rows = useMemo(() => {
    const loaded: ClassRows[] = known
      .filter((c) => overviews[c.id]?.value)
      .map((c) => ({ classId: c.id, className: c.name, rows: overviews[c.id]!.value! }));
    return rosterRows(loaded, queue.value ?? [], localDay(new Date()));
  }, [known, overviews, queue.value]);
  const shown = useMemo(() => {
    const sorted = sortRows(filterRows(rows, filter), sort.key, sort.direction);
    if (frozen === null) return sorted;
    const byKey = new Map(rows.map((r) => [r.key, r]));
    const kept = new Set(frozen);
    return [...frozen.flatMap((k) => byKey.get(k) ?? []), ...sorted.filter((r) => !kept.has(r.key))];
  }, [rows, filter, sort, frozen]);
  const selectable = shown.filter((r) => r.pending.length > 0);
  const chosen = rows.filter((r) => selected.has(r.key) && r.pending.length > 0);
  const chosenItems = chosen.reduce((n, r) => n + r.pending.length, 0);

  useEffect(() => {
    // Rows decided elsewhere (or no longer waiting) leave the selection.
    setSelected((old) => new Set(rows.filter((r) => old.has(r.key) && r.pending.length > 0).map((r) => r.key)));
  }, [rows]);

  const copies = [classes, queue, ...known.map((c) => overviews[c.id]).filter((c) => c !== undefined)];
  // The oldest copy shown speaks for the table; a fresh table says nothing.
  const stale = copies
    .filter((c) => c.phase !== "fresh" && c.value !== null)
    .sort((a, b) => (a.fetchedAt ?? 0) - (b.fetchedAt ?? 0))[0];
  // Rows show once every copy has answered (or failed), all at once: rows arriving class by
  // class would reorder under the teacher's eyes.
  const settled = (c: Pick<CopyView<unknown>, "value" | "phase"> | undefined) => c !== undefined && (c.value !== null || c.phase === "failed");
  const loaded = settled(classes) && settled(queue) && known.every((c) => settled(overviews[c.id]));
  const failed = copies.some((c) => c.value === null && c.phase === "failed");

  async function decide(which: Row[], decision: "approve" | "return") {
    if (which.length === 0 || !canDecide) return;
    setBusy(true);
    setFrozen((f) => f ?? shown.map((r) => r.key));
    const decisions: DecisionItem[] = [];
    const rowOf = new Map<string, Row>();
    for (const row of which) {
      const comment = (comments.get(row.key) ?? "").trim();
      for (const item of row.pending) {
        decisions.push({ type: item.type, id: item.id, decision, goal_version: item.goal_version, comment });
        rowOf.set(item.id, row);
      }
    }
    try {
      const answered = await api<DecisionReport[]>("POST", "/api/approvals/decisions", { decisions });
      const next = new Map<string, Report[]>();
      for (const row of which) next.set(row.key, []);
      const items = new Map(which.flatMap((r) => r.pending).map((i) => [i.id, i]));
      for (const report of answered) {
        const row = rowOf.get(report.id);
        if (row === undefined) continue;
        const item = items.get(report.id)!;
        const about = t.approvals.about(item.student_name, item.goal_title);
        next.set(row.key, [...(next.get(row.key) ?? []), { report, about, item }]);
        if (report.outcome === "approved" || report.outcome === "returned") comments.delete(row.key);
      }
      const count = (o: string) => answered.filter((r) => r.outcome === o).length;
      setReports((old) => new Map([...old, ...next]));
      setSummary(t.table.sent(count("approved"), count("returned"), answered.length - count("approved") - count("returned")));
      setSelected(new Set());
      setError(null);
      queue.reload();
      setRound((r) => r + 1);
    } catch (e) {
      setError(e instanceof ApiError && !e.isNetwork ? e.detail : t.approvals.notSent);
    } finally {
      setBusy(false);
    }
  }

  function onSelect(key: string, on: boolean) {
    const next = new Set(selected);
    if (on) next.add(key);
    else next.delete(key);
    setSelected(next);
  }

  function sortBy(key: Exclude<SortKey, "need">, first: Direction) {
    setFrozen(null);
    setSort((s) =>
      s.key === key ? { key, direction: s.direction === "ascending" ? "descending" : "ascending" } : { key, direction: first },
    );
  }

  const set = (change: Partial<RosterFilter>) => {
    setFrozen(null);
    setFilter((f) => ({ ...f, ...change }));
  };
  const names = known.map((c) => c.name);
  const students = new Set(rows.filter((r) => r.classId !== null).map((r) => r.studentId)).size;
  const behind = rows.filter((r) => r.behind).length;
  const allChosen = selectable.length > 0 && selectable.every((r) => selected.has(r.key));
  const needsId = canDecide ? undefined : "roster-needs";

  if (classes.value !== null && known.length === 0 && queue.value !== null && queue.value.length === 0) {
    // A mentor without classes of their own: nothing to list until a mentee asks for advice.
    return (
      <section class="card" aria-labelledby="roster-title" data-testid="roster">
        <h2 id="roster-title">{t.table.title}</h2>
        <p class="muted">{t.table.noClasses}</p>
      </section>
    );
  }

  return (
    <section class="card roster" aria-labelledby="roster-title" data-testid="roster">
      <div class="roster-head">
        <h2 id="roster-title">{t.table.title}</h2>
        <p class="muted" data-testid="roster-classes">
          {known.length > 0 ? t.table.classes(students, names) : "\u00a0"}
        </p>
        <p class="muted" data-testid="roster-behind">
          {loaded && rows.length > 0 ? (behind > 0 ? t.overview.behindCount(behind) : t.overview.noneBehind) : "\u00a0"}
        </p>
      </div>
      {stale !== undefined && <SavedCopy copy={stale} />}
      {failed && !loaded && (
        <p class="muted" role="status">
          {t.table.needsConnection}
        </p>
      )}
      <div class="filters" role="search" aria-label={t.table.filters}>
        <div class={`filter-fields ${known.length > 1 ? "four" : "three"}`}>
          <label class="field search">
            {t.table.search}
            <input type="search" name="search" value={filter.search} onInput={(e) => set({ search: e.currentTarget.value })} />
          </label>
          <div class="field">
            <label for="roster-status">{t.table.status}</label>
            <select id="roster-status" value={filter.status} onChange={(e) => set({ status: e.currentTarget.value as StatusFilter })}>
              <option value="all">{t.table.statusAll}</option>
              <option value="needs_help">{t.table.statusNeedsHelp}</option>
              <option value="fine">{t.table.statusFine}</option>
              <option value="no_goals">{t.table.statusNoGoals}</option>
            </select>
          </div>
          {known.length > 1 && (
            <div class="field">
              <label for="roster-class">{t.table.classFilter}</label>
              <select
                id="roster-class"
                value={String(filter.classId)}
                onChange={(e) => set({ classId: e.currentTarget.value === "all" ? "all" : Number(e.currentTarget.value) })}
              >
                <option value="all">{t.table.allClasses}</option>
                {known.map((c) => (
                  <option key={c.id} value={String(c.id)}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div class="field">
            <label for="roster-activity">{t.table.activity}</label>
            <select id="roster-activity" value={filter.activity} onChange={(e) => set({ activity: e.currentTarget.value as ActivityFilter })}>
              <option value="all">{t.table.activityAll}</option>
              <option value="this_week">{t.table.activityThisWeek}</option>
              <option value="quiet">{t.table.activityQuiet}</option>
            </select>
          </div>
        </div>
        <div class="filter-toggles">
          <label class="check">
            <input type="checkbox" checked={filter.pendingOnly} onChange={(e) => set({ pendingOnly: e.currentTarget.checked })} />
            {t.table.pendingOnly}
          </label>
          <label class="check">
            <input type="checkbox" checked={filter.behindOnly} onChange={(e) => set({ behindOnly: e.currentTarget.checked })} />
            {t.table.behindOnly}
          </label>
          <button type="button" aria-pressed={sort.key === "need"} onClick={() => {
              setFrozen(null);
              setSort({ key: "need", direction: "descending" });
            }}>
            {t.table.needFirst}
          </button>
          <button type="button" disabled={filter === NO_FILTER} onClick={() => {
              setFrozen(null);
              setFilter(NO_FILTER);
            }}>
            {t.table.clear}
          </button>
          <p class="muted shown" role="status">
            {loaded ? t.table.shown(shown.length, rows.length) : t.table.loading}
          </p>
        </div>
      </div>
      {error !== null && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="roster-scroll" tabIndex={0} role="region" aria-label={t.table.scrollLabel}>
        <table>
          <caption class="sr-only">{t.table.caption}</caption>
          <thead>
            <tr>
              <th scope="col" class="select">
                <label class="check">
                  <input
                    type="checkbox"
                    disabled={selectable.length === 0}
                    checked={allChosen}
                    onChange={(e) => setSelected(e.currentTarget.checked ? new Set(selectable.map((r) => r.key)) : new Set())}
                  />
                  <span class="sr-only">{t.table.selectAll(selectable.length)}</span>
                </label>
              </th>
              {sortable().map((c) => (
                <th key={c.key} scope="col" class={c.key} aria-sort={sort.key === c.key ? sort.direction : "none"}>
                  <button type="button" class="sort" onClick={() => sortBy(c.key, c.first)}>
                    {c.label}
                    <span aria-hidden="true" class="arrow">
                      {sort.key === c.key ? (sort.direction === "ascending" ? "▲" : "▼") : "↕"}
                    </span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(loaded ? shown : []).map((row) => (
              <RosterRow
                key={row.key}
                owner={owner}
                row={row}
                selected={selected.has(row.key)}
                open={open === row.key}
                canDecide={canDecide}
                busy={busy}
                needsId={needsId}
                reports={reports.get(row.key) ?? []}
                comments={comments}
                onSelect={onSelect}
                onOpen={(key) => setOpen((o) => (o === key ? null : key))}
                onDecide={(which, decision) => void decide(which, decision)}
                onMarked={() => setRound((r) => r + 1)}
              />
            ))}
          </tbody>
        </table>
        {loaded && shown.length === 0 && rows.length > 0 && <p class="muted empty">{t.table.noMatch}</p>}
      </div>
      {known.map((c) => (
        <OverviewCopy key={c.id} owner={owner} classId={c.id} round={round} onCopy={onCopy} />
      ))}
      {/* It floats at the bottom of the screen once rows are selected, and waits under the table
          before: a bar always on top would cover the last row's buttons. */}
      <div class={chosen.length > 0 ? "bulkbar floating" : "bulkbar"} role="region" aria-label={t.table.bulk} data-testid="bulk-bar">
        <p>
          <strong>{t.table.selected(chosen.length, chosenItems)}</strong>{" "}
          <span class="muted">{t.table.ownComments}</span>
        </p>
        <p role="status" class="sent" data-testid="decision-summary">
          {summary}
        </p>
        {!canDecide && (
          <p class="muted" id="roster-needs">
            {t.approvals.needsConnection}
          </p>
        )}
        <div class="row">
          <button
            type="button"
            class="primary"
            disabled={busy || chosen.length === 0 || !canDecide}
            aria-describedby={needsId}
            onClick={() => void decide(chosen, "approve")}
          >
            {t.table.approveSelected(chosenItems)}
          </button>
          <button
            type="button"
            disabled={busy || chosen.length === 0 || !canDecide}
            aria-describedby={needsId}
            onClick={() => void decide(chosen, "return")}
          >
            {t.table.returnSelected(chosenItems)}
          </button>
        </div>
      </div>
    </section>
  );
}
