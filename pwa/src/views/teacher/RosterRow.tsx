import { useState } from "preact/hooks";
import type { ApprovalItem } from "../../api/types";
import type { GoalStatus, RosterRow as Row } from "../../domain/roster";
import { STATUS_ORDER } from "../../domain/roster";
import { t } from "../../i18n/messages";
import { calendarDay, daysAgoWords, duration, localDay, number } from "../../ui/format";
import { StudentDetail } from "./StudentDetail";
import type { Report } from "./StudentTable";

export const COLUMNS = 7;
const NEEDS_HELP = new Set<string>(["behind", "at_risk", "unreachable"]);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A goal's field value in words: dates as "11 December", units by their name, nothing raw. */
function valueWords(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string" && DAY.test(value)) return calendarDay(value);
  if (typeof value === "number") return number(value);
  if (field === "unit" && typeof value === "string") return t.goals.units[value] ?? value;
  if (field === "status" && typeof value === "string") return t.goals.status[value] ?? value;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** One waiting item in words: a new goal with its target and deadline, or what would change. */
function ItemWords({ item }: { item: ApprovalItem }) {
  const c = item.current;
  const unit = String(c["unit"] ?? "");
  const notes = typeof c["description"] === "string" ? c["description"].trim() : "";
  return (
    <li>
      {item.type === "new_goal" ? (
        <p>
          {t.table.newGoal(
            item.goal_title,
            `${valueWords("target", c["target"])} ${t.goals.units[unit] ?? unit}`,
            valueWords("deadline", c["deadline"]),
          )}
        </p>
      ) : (
        <p>
          {t.table.changeOf(item.goal_title)}:{" "}
          {Object.entries(item.proposed)
            .map(([field, value]) =>
              t.approvals.change(t.fields[field] ?? field, valueWords(field, c[field]), valueWords(field, value)),
            )
            .join("; ")}
        </p>
      )}
      {item.type === "new_goal" && notes !== "" && <p class="muted">{t.table.notes(notes)}</p>}
      {item.reason !== "" && <p class="muted">{t.approvals.reason(item.reason)}</p>}
      {item.reviewer === "mentor" && <p class="muted">{t.mentor.asksAdvice}</p>}
      {item.changed_since_request && <p class="muted">{t.approvals.changedSince}</p>}
    </li>
  );
}

function StatusWords({ row }: { row: Row }) {
  if (row.overview === null) return <span class="muted">—</span>;
  if (row.goals === 0) return <span class="muted">{t.table.noGoals}</span>;
  const parts = [...STATUS_ORDER]
    .reverse()
    .filter((s: GoalStatus) => (row.statuses[s] ?? 0) > 0)
    .map((s) => `${row.statuses[s]} ${t.table.statusShort[s] ?? s}`);
  return (
    <>
      <span class={`badge ${row.worst !== null && NEEDS_HELP.has(row.worst) ? "pending" : "active"}`}>
        {t.table.statusShort[row.worst ?? ""] ?? ""}
      </span>
      {row.behind && <span class="flag small">{t.table.behindShort}</span>}
      {row.goals > 1 && (
        <span class="cell-note">
          {t.table.goalCount(row.goals)}: {parts.join(", ")}
        </span>
      )}
    </>
  );
}

function activityWords(row: Row): string {
  if (row.overview === null) return "—";
  if (row.lastActive === null) return row.goals === 0 ? "—" : t.table.never;
  return daysAgoWords(row.lastActive, row.overview.today ?? localDay(new Date()));
}

export interface RowProps {
  owner: number;
  row: Row;
  selected: boolean;
  open: boolean;
  canDecide: boolean;
  busy: boolean;
  needsId: string | undefined;
  reports: Report[];
  /** The comment typed for this row, kept outside the row so it survives filtering. */
  comments: Map<string, string>;
  onSelect: (key: string, on: boolean) => void;
  onOpen: (key: string) => void;
  onDecide: (rows: Row[], decision: "approve" | "return") => void;
  onMarked: () => void;
}

/** One student in one class: a line of facts, what waits with its own comment and buttons, and
 * the full overview underneath when opened. */
export function RosterRow(p: RowProps) {
  const { row } = p;
  const [comment, setComment] = useState(() => p.comments.get(row.key) ?? "");
  const id = `row-${row.key}`;
  const n = row.pending.length;
  return (
    <>
      <tr class={row.behind ? "behind" : undefined} data-testid="roster-row" data-student={row.name}>
        <td class="select">
          {n > 0 && (
            <label class="check">
              <input type="checkbox" checked={p.selected} onChange={(e) => p.onSelect(row.key, e.currentTarget.checked)} />
              <span class="sr-only">{t.table.selectRow(row.name)}</span>
            </label>
          )}
        </td>
        <th scope="row" class="name">
          {row.overview !== null ? (
            <button
              type="button"
              class="link"
              aria-expanded={p.open}
              aria-controls={p.open ? `${id}-detail` : undefined}
              aria-label={t.table.details(row.name)}
              onClick={() => p.onOpen(row.key)}
            >
              {row.name}
            </button>
          ) : (
            row.name
          )}
        </th>
        <td class="class">{row.classId === null ? t.table.mentee : row.className}</td>
        <td class="status">
          <StatusWords row={row} />
        </td>
        <td class="week">{row.overview === null ? "—" : t.table.week(duration(row.study), duration(row.free))}</td>
        <td class={row.quietDays !== null ? "quiet" : undefined}>{activityWords(row)}</td>
        <td class="pending">
          {n === 0 && p.reports.length === 0 && <span class="muted">{t.table.nothingWaiting}</span>}
          {n > 0 && (
            <>
              <ul class="plain items">
                {row.pending.map((item) => (
                  <ItemWords key={item.id} item={item} />
                ))}
              </ul>
              <div class="decide">
                <label class="grow">
                  <span class="sr-only">{t.table.comment(row.name)}</span>
                  <input
                    name="comment"
                    maxLength={1000}
                    placeholder={t.table.commentPlaceholder}
                    value={comment}
                    onInput={(e) => {
                      setComment(e.currentTarget.value);
                      p.comments.set(row.key, e.currentTarget.value);
                    }}
                  />
                </label>
                <button
                  type="button"
                  class="primary"
                  disabled={p.busy || !p.canDecide}
                  aria-label={t.table.approveRow(row.name, n)}
                  aria-describedby={p.needsId}
                  onClick={() => p.onDecide([row], "approve")}
                >
                  {t.table.approve}
                </button>
                <button
                  type="button"
                  disabled={p.busy || !p.canDecide}
                  aria-label={t.table.returnRow(row.name, n)}
                  aria-describedby={p.needsId}
                  onClick={() => p.onDecide([row], "return")}
                >
                  {t.table.return}
                </button>
              </div>
            </>
          )}
          {p.reports.map(({ report, about, item }) => (
            <div key={report.id} class="decided">
              {/* The decided item stays in words where it was, so the row keeps its height. */}
              {!row.pending.some((i) => i.id === item.id) && (
                <ul class="plain items muted">
                  <ItemWords item={item} />
                </ul>
              )}
              <p data-testid="decision-report" class={report.outcome === "stale" ? "error" : "done"}>
                {about}
                {t.approvals.outcome[report.outcome] ?? report.message}
              </p>
            </div>
          ))}
        </td>
      </tr>
      {p.open && row.overview !== null && row.classId !== null && (
        <tr class="detail" id={`${id}-detail`}>
          <td colSpan={COLUMNS}>
            <StudentDetail owner={p.owner} row={row.overview} classId={row.classId} onMarked={p.onMarked} />
          </td>
        </tr>
      )}
    </>
  );
}
