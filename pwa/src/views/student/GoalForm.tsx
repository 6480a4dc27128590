import { useState } from "preact/hooks";
import { oneOf, type GoalUnit, type Milestone } from "../../api/types";
import { GOAL_UNITS } from "../../domain/goals";
import type { ObjectiveTerms } from "../../sync/policy";
import { endOfMonth, endOfTerm, endOfWeek } from "../../domain/deadlines";
import { calendarDay, hoursText, shortDay } from "../../ui/format";
import { planProblem, problemWords } from "../../domain/milestones";
import { t } from "../../i18n/messages";
import { MilestoneFields, milestonesOfRows, rowsOf, type MilestoneRow } from "./MilestoneFields";

export interface GoalValues {
  title: string;
  target: number;
  unit: GoalUnit;
  /** A custom unit's name ("" otherwise). */
  unit_label: string;
  deadline: string;
  description: string;
  milestones: Milestone[];
  /** The class the goal belongs to; null for a personal goal. */
  class_id: number | null;
  /** The class's learning objectives the goal works towards. */
  objectives: number[];
  /** Why, for a change the teacher must approve; not a field of the goal. */
  change_reason?: string;
  /** Send the change to the mentor for advice first (a personal approved goal). */
  ask_mentor?: boolean;
}

interface Props {
  initial?: GoalValues;
  submitLabel: string;
  idPrefix: string;
  onSubmit: (values: GoalValues) => void;
  onCancel?: () => void;
  /** An approved goal: changes may need the teacher, so ask why. */
  askReason?: boolean;
  /** Adjusting from a nudge: the reason must be given. */
  reasonRequired?: boolean;
  /** A suggested reason the student can edit (from the nudge's suggestion). */
  initialReason?: string;
  /** The goal's own start date, if it has one: milestones may not be due before it. */
  start?: string | null;
  /** The student's classes, to choose the one the goal belongs to. */
  classes: ClassChoice[];
  /** An approved goal stays in its class. */
  classLocked?: boolean;
  /** The mentor's name, for an approved personal goal whose change may go to them first. */
  mentorName?: string | null;
  /** The student's local day, for quick deadlines (offered on a new goal). */
  today?: string;
  /** What the student's active goals already ask of a week, against the hours they planned. */
  weekPlan?: { askedHours: number; plannedHours: number };
}

export interface ClassChoice {
  id: number;
  name: string;
  objectives: ObjectiveTerms[];
}

const PERSONAL = "personal";

export function GoalForm(props: Props) {
  const { initial, submitLabel, idPrefix, onSubmit, onCancel, askReason, reasonRequired, start, classes } = props;
  const [reason, setReason] = useState(props.initialReason ?? "");
  const [askMentor, setAskMentor] = useState(false);
  const mentorName = props.mentorName ?? null;
  const showReason = askReason === true || (mentorName !== null && askMentor);
  // Untouched, a new goal goes to the first class: the classes may arrive after the form shows.
  const [chosenClass, setClassChoice] = useState<string | null>(() => {
    if (initial) return initial.class_id === null ? PERSONAL : String(initial.class_id);
    return null;
  });
  const classChoice = chosenClass ?? (classes[0] ? String(classes[0].id) : PERSONAL);
  const [title, setTitle] = useState(initial?.title ?? "");
  const [target, setTarget] = useState(initial ? String(initial.target) : "");
  const [unit, setUnit] = useState<GoalUnit>(initial?.unit ?? GOAL_UNITS[0]);
  const [deadline, setDeadline] = useState(initial?.deadline ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [milestoneRows, setMilestoneRows] = useState<MilestoneRow[]>(() => rowsOf(initial?.milestones));
  const [objectives, setObjectives] = useState<number[]>(initial?.objectives ?? []);
  const [unitLabel, setUnitLabel] = useState(initial?.unit_label ?? "");
  const classObjectives = classes.find((c) => String(c.id) === classChoice)?.objectives ?? [];
  // Objectives are offered only where the class lists some (or the goal already counts them).
  const units = GOAL_UNITS.filter((u) => u !== "objectives" || classObjectives.length > 0 || unit === "objectives");
  const picking = unit === "objectives";

  function toggleObjective(id: number, on: boolean) {
    const next = on ? [...objectives.filter((o) => o !== id), id] : objectives.filter((o) => o !== id);
    // The target follows the choice until the student types one of their own.
    if (target === "" || Number(target) === objectives.length) setTarget(next.length > 0 ? String(next.length) : "");
    setObjectives(next);
  }
  const [error, setError] = useState<string | null>(null);

  function submit(event: Event) {
    event.preventDefault();
    const value = Number(target);
    if (!(value > 0)) {
      setError(t.errors.positive);
      return;
    }
    const milestones = milestonesOfRows(milestoneRows);
    const plan = { target: value, deadline, start: start ?? null, milestones };
    const problem = planProblem(plan);
    if (problem !== null) {
      setError(problemWords(problem, plan));
      return;
    }
    if (unit === "custom" && unitLabel.trim() === "") {
      setError(t.goals.unitLabelRequired);
      return;
    }
    if (reasonRequired && reason.trim() === "") {
      setError(t.adjust.reasonRequired);
      return;
    }
    setError(null);
    onSubmit({
      title: title.trim(),
      target: value,
      unit,
      unit_label: unit === "custom" ? unitLabel.trim() : "",
      deadline,
      description,
      milestones,
      class_id: classChoice === PERSONAL ? null : Number(classChoice),
      objectives: picking ? classObjectives.filter((o) => objectives.includes(o.id)).map((o) => o.id) : [],
      ...(showReason && reason.trim() !== "" ? { change_reason: reason.trim() } : {}),
      ...(mentorName !== null && askMentor ? { ask_mentor: true } : {}),
    });
    if (!initial) {
      setTitle("");
      setTarget("");
      setUnit(GOAL_UNITS[0]);
      setDeadline("");
      setDescription("");
      setMilestoneRows([]);
      setClassChoice(null);
      setObjectives([]);
      setUnitLabel("");
    }
  }

  return (
    <form class="stack" onSubmit={submit} aria-label={submitLabel}>
      <label>
        {t.goals.name}
        <input name="title" required maxLength={200} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
      </label>
      <div class="row">
        <label>
          {t.goals.target}
          <input
            name="target"
            type="number"
            inputMode="decimal"
            min="0"
            step="any"
            required
            value={target}
            aria-describedby={error ? `${idPrefix}-error` : undefined}
            onInput={(e) => setTarget(e.currentTarget.value)}
          />
        </label>
        <div class="field">
          <label for={`${idPrefix}-unit`}>{t.goals.unit}</label>
          <select
            id={`${idPrefix}-unit`}
            name="unit"
            required
            value={unit}
            onChange={(e) => setUnit(oneOf(GOAL_UNITS, e.currentTarget.value) ?? GOAL_UNITS[0])}
          >
            {units.map((u) => (
              <option key={u} value={u}>
                {t.goals.units[u]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div class="field">
        <label for={`${idPrefix}-class`}>{t.goals.classLabel}</label>
        <select
          id={`${idPrefix}-class`}
          name="class_id"
          value={classChoice}
          disabled={props.classLocked}
          aria-describedby={`${idPrefix}-class-hint`}
          onChange={(e) => setClassChoice(e.currentTarget.value)}
        >
          {classes.map((c) => (
            <option key={c.id} value={String(c.id)}>
              {c.name}
            </option>
          ))}
          <option value={PERSONAL}>{t.goals.personal}</option>
        </select>
        <small id={`${idPrefix}-class-hint`} class="muted">
          {props.classLocked ? t.goals.classLocked : t.goals.classHint}
        </small>
      </div>
      {unit === "custom" && (
        <label>
          {t.goals.unitLabel}
          <input
            name="unit_label"
            required
            maxLength={30}
            value={unitLabel}
            aria-describedby={`${idPrefix}-unit-label-hint`}
            onInput={(e) => setUnitLabel(e.currentTarget.value)}
          />
          <small id={`${idPrefix}-unit-label-hint`} class="muted">
            {t.goals.unitLabelHint}
          </small>
        </label>
      )}
      {picking && (
        <fieldset class="stack" data-testid="goal-objectives-picker">
          <legend>{t.mastery.pick}</legend>
          {classObjectives.length === 0 ? (
            <p class="muted">{t.mastery.noneInClass}</p>
          ) : (
            classObjectives.map((o) => (
              <label key={o.id} class="check">
                <input
                  type="checkbox"
                  name="objectives"
                  value={String(o.id)}
                  checked={objectives.includes(o.id)}
                  onChange={(e) => toggleObjective(o.id, e.currentTarget.checked)}
                />
                {o.code !== "" ? `${o.code} ${o.title}` : o.title}
              </label>
            ))
          )}
          <small class="muted">{t.mastery.pickHint}</small>
        </fieldset>
      )}
      {props.weekPlan !== undefined && !initial && (
        <p class="muted" data-testid="week-plan">
          {t.load.asks(hoursText(props.weekPlan.askedHours), hoursText(props.weekPlan.plannedHours))}
          {props.weekPlan.askedHours > props.weekPlan.plannedHours + 1e-9 && <> {t.load.overPlan}</>}
        </p>
      )}
      <label>
        {t.goals.deadline}
        <input name="deadline" type="date" required value={deadline} onInput={(e) => setDeadline(e.currentTarget.value)} />
      </label>
      {props.today !== undefined && !initial && (
        <div class="quick" role="group" aria-label={t.goals.quickDeadline}>
          {(
            [
              [t.goals.endOfWeek, endOfWeek(props.today)],
              [t.goals.endOfMonth, endOfMonth(props.today)],
              [t.goals.endOfTerm, endOfTerm(props.today)],
            ] as const
          ).map(([label, day]) => (
            <button
              key={label}
              type="button"
              class="chip"
              aria-pressed={deadline === day}
              onClick={() => setDeadline(day)}
              title={calendarDay(day)}
            >
              {label} · {shortDay(day)}
            </button>
          ))}
        </div>
      )}
      <label>
        {t.goals.description}
        <textarea name="description" maxLength={2000} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
      </label>
      <MilestoneFields idPrefix={idPrefix} rows={milestoneRows} onChange={setMilestoneRows} />
      {mentorName !== null && (
        <label class="check">
          <input type="checkbox" name="ask_mentor" checked={askMentor} onChange={(e) => setAskMentor(e.currentTarget.checked)} />
          {t.goals.askMentor(mentorName)}
        </label>
      )}
      {showReason && (
        <label>
          {askMentor && !askReason ? t.goals.mentorReason : t.goals.reason}
          <textarea
            name="change_reason"
            maxLength={500}
            required={reasonRequired}
            value={reason}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
        </label>
      )}
      {error && (
        <p class="error" id={`${idPrefix}-error`} role="alert">
          {error}
        </p>
      )}
      <div class="row">
        <button type="submit" class="primary">
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t.goals.cancel}
          </button>
        )}
      </div>
    </form>
  );
}
