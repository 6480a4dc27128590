import type { SyncClient } from "../../sync/client";
import type { StoredRecord } from "../../sync/db";
import { approvalFor, classesFromFields } from "../../sync/policy";
import { t } from "../../i18n/messages";
import { calendarDay } from "../../ui/format";

interface NudgeAction {
  kind: string;
  label: string;
  goal_id?: string | null;
  deadline?: string | null;
}

/** Where each nudge action takes the student. */
const ACTION_SCREEN: Record<string, string> = {
  adjust_goal: "#/goals",
  stretch_goal: "#/goals",
  log_progress: "#/",
  plan_rest: "#/settings",
};

const PRIORITY = ["deadline_at_risk", "behind_pace", "overload", "inactivity", "ahead"];

/** Nudges still open (not dismissed, not acted on), the one that matters most first. */
export function openNudges(nudges: StoredRecord[]): StoredRecord[] {
  const rank = (n: StoredRecord) => {
    const i = PRIORITY.indexOf(String(n.fields["kind"]));
    return i === -1 ? PRIORITY.length : i;
  };
  return nudges
    .filter((n) => n.fields["dismissed"] !== true && !n.fields["acted"])
    .sort((a, b) => rank(a) - rank(b) || String(b.fields["fired_at"]).localeCompare(String(a.fields["fired_at"])));
}

function actionsOf(nudge: StoredRecord): NudgeAction[] {
  const listed = nudge.fields["actions"];
  return Array.isArray(listed) ? (listed as NudgeAction[]) : [];
}

/** The hash that opens "adjust my goal", with the nudge's suggested deadline when it has one. */
export function adjustHash(goalId: string, deadline: string | null | undefined): string {
  return deadline ? `#/goals/adjust/${goalId}/${deadline}` : `#/goals/adjust/${goalId}`;
}

/**
 * A nudge with its actions. An "adjust my goal" that carries a suggested deadline reads as that
 * suggestion ("Move to 18 December: ask your teacher" when the class's policy needs the teacher),
 * and opens the change already filled in.
 */
export function NudgeCard(props: {
  client: SyncClient;
  nudge: StoredRecord;
  goals: StoredRecord[];
  policy: StoredRecord | undefined;
  featured?: boolean;
}) {
  const { client, nudge } = props;
  const f = nudge.fields;
  const headingId = `nudge-${nudge.id}`;
  const goalOf = (id: string | null) => props.goals.find((g) => g.id === id);

  function label(action: NudgeAction): string {
    const goalId = action.goal_id ?? (typeof f["goal_id"] === "string" ? f["goal_id"] : null);
    const goal = goalOf(goalId);
    if (action.kind !== "adjust_goal" || !action.deadline || goal === undefined) return action.label;
    const waits = approvalFor(classesFromFields(props.policy?.fields), goal.fields, { deadline: action.deadline });
    const day = calendarDay(action.deadline);
    return waits.size > 0 ? t.nudgeSuggestion.askTeacher(day) : t.nudgeSuggestion.move(day);
  }

  function act(action: NudgeAction) {
    void client.mutate("nudge.act", { id: nudge.id, action: action.kind });
    const goalId = action.goal_id ?? (typeof f["goal_id"] === "string" ? f["goal_id"] : null);
    // "Adjust my goal" opens that goal's change, filled with the suggestion, asking why.
    if (action.kind === "adjust_goal" && goalId !== null) window.location.hash = adjustHash(goalId, action.deadline);
    else window.location.hash = ACTION_SCREEN[action.kind] ?? "#/goals";
  }

  return (
    <li class={props.featured ? "nudge featured" : "nudge"} aria-labelledby={headingId} data-testid="nudge">
      <h3 id={headingId}>{String(f["title"] ?? "")}</h3>
      {typeof f["body"] === "string" && <p>{f["body"]}</p>}
      {typeof f["plan_prompt"] === "string" && f["plan_prompt"] !== "" && <p class="muted">{f["plan_prompt"]}</p>}
      <div class="row">
        {actionsOf(nudge).map((a) => (
          <button type="button" class="primary" key={a.kind} onClick={() => act(a)}>
            {label(a)}
          </button>
        ))}
        <button type="button" onClick={() => void client.mutate("nudge.dismiss", { id: nudge.id })}>
          {t.today.dismissNudge}
        </button>
      </div>
    </li>
  );
}
