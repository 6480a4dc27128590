import { useEffect, useRef, useState } from "preact/hooks";
import { oneOf, type Mentor, type Milestone } from "../../api/types";
import {
  awaitsApproval,
  countedIn,
  countsObjectives,
  GOAL_UNITS,
  objectivesOfGoal,
  paceOfRecord,
  progressOf,
  teacherComment,
} from "../../domain/goals";
import { masteryBySubject } from "../../domain/mastery";
import { studentWeek } from "../../domain/week";
import { MasteryCard } from "../../components/Mastery";
import { milestonesOf, milestoneWords } from "../../domain/milestones";
import { localDate, type Pace } from "../../domain/pace";
import { t } from "../../i18n/messages";
import { recordsOf, useCopy, useView } from "../../state/hooks";
import type { SyncClient } from "../../sync/client";
import type { StoredRecord } from "../../sync/db";
import { calendarDay, newId, number } from "../../ui/format";
import { classesFromFields, classOf } from "../../sync/policy";
import { GoalDetail } from "./GoalDetail";
import { GoalForm, type ClassChoice, type GoalValues } from "./GoalForm";
import { ProgressChips } from "./TodayGoals";

const EDITABLE = ["title", "target", "unit", "unit_label", "deadline", "description", "milestones", "class_id", "objectives"] as const;

/** Whether a form value differs from the goal's field; lists are compared by content. */
function differs(goal: StoredRecord, key: (typeof EDITABLE)[number], value: unknown): boolean {
  if (key === "milestones") return JSON.stringify(value) !== JSON.stringify(milestonesOf(goal));
  if (key === "objectives") return JSON.stringify(value) !== JSON.stringify(goal.fields["objectives"] ?? []);
  if (key === "class_id") return value !== classOf(goal.fields);
  return value !== goal.fields[key];
}

/** The goal (and suggested deadline) a nudge's "adjust my goal" opened, from the hash. */
function adjustOfHash(hash: string): { goalId: string; deadline: string | null } | null {
  const found = /^#\/goals\/adjust\/([0-9a-f-]+)(?:\/(\d{4}-\d{2}-\d{2}))?$/.exec(hash);
  return found ? { goalId: found[1]!, deadline: found[2] ?? null } : null;
}

export function Goals({ client, timeZone }: { client: SyncClient; timeZone: string }) {
  const view = useView(client);
  const timeEntries = recordsOf(view, "time_entry");
  const rest = recordsOf(view, "rest");
  const now = Date.now();
  const goals = recordsOf(view, "goal").filter((g) => g.fields["status"] !== "abandoned");
  const progress = recordsOf(view, "progress");
  const mastery = recordsOf(view, "mastery");
  const requests = recordsOf(view, "change_request");
  const today = localDate(new Date(now).toISOString(), timeZone);
  const classes = classChoices(view);
  const paced = goals.map((goal) => ({ goal, pace: paceOfRecord(goal, progress, timeEntries, rest, timeZone, now, mastery) }));
  const week = studentWeek(
    {
      goals,
      progress,
      timeEntries,
      rest,
      mastery,
      preferences: recordsOf(view, "preferences")[0],
      track: recordsOf(view, "track")[0],
      checkIns: recordsOf(view, "check_in"),
    },
    timeZone,
    now,
  );
  const weekPlan = { askedHours: week.required_hours, plannedHours: week.plannedHours };
  // 404 (no mentor) leaves it empty; kept on the device, so it is known offline too.
  const me = client.options.homeSpace;
  const mentor = useCopy<Mentor>(me, `/api/students/${me}/mentor`).value;

  // A nudge's "adjust my goal" lands here as #/goals/adjust/<goal id>[/<suggested deadline>].
  const [adjusting, setAdjusting] = useState(() => adjustOfHash(window.location.hash));

  function doneAdjusting() {
    setAdjusting(null);
    if (window.location.hash.startsWith("#/goals/adjust/")) history.replaceState(null, "", "#/goals");
  }

  // The goal's own page: #/goals/<goal id>.
  const [detail, setDetail] = useState(() => detailOfHash(window.location.hash));
  useEffect(() => {
    const follow = () => {
      setDetail(detailOfHash(window.location.hash));
      setAdjusting(adjustOfHash(window.location.hash));
    };
    window.addEventListener("hashchange", follow);
    return () => window.removeEventListener("hashchange", follow);
  }, []);

  const sheet = useRef<HTMLDialogElement>(null);
  const [added, setAdded] = useState<{ id: string; title: string } | null>(null);

  function create(values: GoalValues) {
    const id = newId();
    void client.mutate("goal.create", { id, ...values });
    sheet.current?.close();
    setAdded({ id, title: values.title });
  }

  // A new goal is brought into view, with a confirmation, wherever it lands in the list.
  useEffect(() => {
    if (added === null) return;
    document.getElementById(`goal-${added.id}`)?.scrollIntoView({ block: "center" });
  }, [added, goals.length]);

  const shown = detail === null ? undefined : paced.find((p) => p.goal.id === detail);
  if (shown !== undefined) {
    return (
      <GoalDetail
        goal={shown.goal}
        pace={shown.pace}
        progress={progress}
        mastery={mastery}
        requests={requests}
        timeZone={timeZone}
        className={classes.find((c) => c.id === classOf(shown.goal.fields))?.name ?? null}
      />
    );
  }

  return (
    <>
      <div class="title-row">
        <h1>{t.goals.title}</h1>
        <button type="button" class="primary" onClick={() => sheet.current?.showModal()}>
          {t.goals.newGoal}
        </button>
      </div>
      {added !== null && (
        <p class="confirm" role="status" data-testid="goal-added">
          {t.goals.added(added.title)}
        </p>
      )}
      {view !== null && goals.length === 0 && <p class="muted">{t.goals.empty}</p>}
      <ul class="goals">
        {paced.map(({ goal: g, pace }) => {
          return (
            <GoalCard
              key={g.id}
              client={client}
              goal={g}
              // The pace's count includes an hours goal's linked study time, as every view does.
              done={pace?.done ?? progressOf(g, progress, mastery)}
              pending={awaitsApproval(g, requests)}
              comment={teacherComment(g, requests)}
              pace={pace}
              today={today}
              adjust={adjusting?.goalId === g.id}
              suggestedDeadline={adjusting?.goalId === g.id ? adjusting.deadline : null}
              onAdjusted={doneAdjusting}
              classes={classes}
              mentorName={mentor?.mentor_name ?? null}
              mentorAsked={asksMentor(g, requests)}
            />
          );
        })}
      </ul>
      <MasteryCard subjects={masteryBySubject(recordsOf(view, "policy")[0], mastery)} />
      <dialog ref={sheet} class="sheet" aria-labelledby="add-goal">
        <div class="sheet-head">
          <h2 id="add-goal">{t.goals.add}</h2>
          <button type="button" onClick={() => sheet.current?.close()}>
            {t.goals.cancel}
          </button>
        </div>
        <GoalForm
          idPrefix="new-goal"
          submitLabel={t.goals.add}
          onSubmit={create}
          classes={classes}
          weekPlan={weekPlan}
          today={today}
        />
      </dialog>
    </>
  );
}

/** The goal whose page the hash opens (#/goals/<goal id>), or null for the list. */
function detailOfHash(hash: string): string | null {
  return /^#\/goals\/([0-9a-f-]{36})$/.exec(hash)?.[1] ?? null;
}

interface CardProps {
  client: SyncClient;
  goal: StoredRecord;
  done: number;
  pending: boolean;
  comment: string | null;
  pace: Pace | null;
  /** The student's local day, for milestone dates. */
  today: string;
  adjust: boolean;
  /** The nudge's suggestion: the day the recent pace finishes. */
  suggestedDeadline: string | null;
  onAdjusted: () => void;
  classes: ClassChoice[];
  mentorName: string | null;
  /** The pending change waits for the mentor, not a teacher. */
  mentorAsked: boolean;
}

/** Whether the goal's pending change is one the student sent their mentor for advice. */
function asksMentor(goal: StoredRecord, requests: StoredRecord[]): boolean {
  return requests.some(
    (r) => r.fields["goal_id"] === goal.id && r.fields["status"] === "pending" && r.fields["reviewer"] === "mentor",
  );
}

/** The student's classes, from the `policy` record the server keeps (so it works offline). */
function classChoices(view: ReturnType<typeof useView>): ClassChoice[] {
  const [record] = recordsOf(view, "policy");
  const listed = [...classesFromFields(record?.fields)].map(([id, terms]) => ({
    id,
    name: terms.name || t.goals.classNamed(id),
    objectives: terms.objectives,
  }));
  return listed.sort((a, b) => a.name.localeCompare(b.name));
}

function GoalCard(props: CardProps) {
  const { client, goal, done, pending, comment, pace, today, adjust, onAdjusted, classes } = props;
  const [editing, setEditing] = useState(adjust);
  const adjustHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (!adjust) return;
    setEditing(true);
    adjustHeading.current?.scrollIntoView({ block: "start" });
    adjustHeading.current?.focus();
  }, [adjust]);

  function stopEditing() {
    setEditing(false);
    if (adjust) onAdjusted();
  }
  const [cheer, setCheer] = useState<string | null>(null);
  const f = goal.fields;
  const title = String(f["title"] ?? "");
  const target = Number(f["target"] ?? 0);
  const unit = String(f["unit"] ?? "");
  const deadline = String(f["deadline"] ?? "");
  const status = String(f["status"] ?? "proposed");
  const milestones = milestonesOf(goal);
  const startDate = typeof f["start_date"] === "string" ? f["start_date"] : null;
  const remaining = Math.max(0, target - done);
  const dueShare = pace && target > 0 ? Math.min(1, pace.due_today / target) : null;
  const share = target > 0 ? Math.min(1, done / target) : 0;
  const headingId = `goal-${goal.id}`;
  const classId = classOf(f);
  const className = classes.find((c) => c.id === classId)?.name ?? null;
  // A personal goal (or one whose class the student left) needs nobody's approval.
  const personal = className === null;

  function save(values: GoalValues) {
    const changes: Record<string, unknown> = {};
    const base: Record<string, string> = {};
    for (const key of EDITABLE) {
      if (differs(goal, key, values[key])) {
        changes[key] = values[key];
        const clock = goal.clocks[key];
        if (clock !== undefined) base[key] = clock;
      }
    }
    if (Object.keys(changes).length > 0) {
      const reason = values.change_reason ? { change_reason: values.change_reason } : {};
      const ask = values.ask_mentor ? { ask_mentor: true } : {};
      void client.mutate("goal.update", { id: goal.id, base, ...changes, ...reason, ...ask });
    }
    stopEditing();
  }

  function resubmit() {
    const clock = goal.clocks["status"];
    void client.mutate("goal.update", { id: goal.id, base: clock ? { status: clock } : {}, status: "proposed" });
  }

  function complete() {
    const clock = goal.clocks["status"];
    void client.mutate("goal.update", { id: goal.id, base: clock ? { status: clock } : {}, status: "completed" });
  }

  function remove() {
    if (status === "active" && !personal) {
      const reason = window.prompt(t.goals.abandonReason);
      if (reason === null) return;
      const why = reason.trim() === "" ? {} : { change_reason: reason.trim().slice(0, 500) };
      void client.mutate("goal.delete", { id: goal.id, ...why });
    } else if (window.confirm(t.goals.confirmDelete)) void client.mutate("goal.delete", { id: goal.id });
  }

  return (
    <li class="card goal" aria-labelledby={headingId} data-testid="goal">
      <div class="goal-head">
        <h2 id={headingId}>{title}</h2>
        <span class={`badge ${status}`}>
          {personal && status === "active" ? t.goals.ownGoal : (t.goals.status[status] ?? status)}
        </span>
        {pending && (
          <span class="badge pending">{props.mentorAsked ? t.goals.pendingMentor : t.goals.pendingApproval}</span>
        )}
      </div>
      <p class="muted goal-class" data-testid="goal-class">
        {className ?? t.goals.personal}
      </p>
      {comment !== null && <p class="note">{t.goals.teacherSays(comment)}</p>}
      <div
        class="bar"
        role="progressbar"
        aria-label={title}
        aria-valuemin={0}
        aria-valuemax={target}
        aria-valuenow={done}
        aria-valuetext={t.units.of(done, target, countedIn(f))}
      >
        <span style={{ width: `${share * 100}%` }} />
        {dueShare !== null && <i class="pace-line" style={{ left: `${dueShare * 100}%` }} />}
      </div>
      {dueShare !== null && status === "active" && (
        <p class="muted">
          <small>{t.goals.paceTick}</small>
        </p>
      )}
      <p data-testid="goal-progress">{t.units.of(done, target, countedIn(f))}</p>
      {/* Only an active goal has a pace, as in every view: a draft waits for its teacher first. */}
      {pace === null || (status !== "active" && status !== "completed") ? (
        <p data-testid="goal-pace">
          {remaining === 0 ? t.goals.done : t.goals.deadlineOn(calendarDay(deadline))}
        </p>
      ) : (
        <PaceLines pace={pace} deadline={deadline} today={today} />
      )}
      <MilestoneLine milestones={milestones} done={done} unit={unit} today={today} />
      {editing ? (
        <>
          {adjust && (
            <>
              <h3 id={`adjust-${goal.id}`} tabIndex={-1} ref={adjustHeading}>
                {t.adjust.title}
              </h3>
              <p>{t.adjust.intro}</p>
            </>
          )}
          <GoalForm
            idPrefix={`edit-${goal.id}`}
            initial={{
              title,
              target,
              unit: oneOf(GOAL_UNITS, unit) ?? GOAL_UNITS[0],
              unit_label: String(f["unit_label"] ?? ""),
              deadline: (adjust ? props.suggestedDeadline : null) ?? deadline,
              description: String(f["description"] ?? ""),
              milestones,
              class_id: className === null ? null : classId,
              objectives: objectivesOfGoal(goal),
            }}
            classes={classes}
            classLocked={status !== "proposed" && status !== "returned"}
            mentorName={personal && status === "active" ? props.mentorName : null}
            start={startDate}
            submitLabel={t.goals.save}
            initialReason={
              adjust && props.suggestedDeadline !== null
                ? t.adjust.suggestedReason(calendarDay(props.suggestedDeadline), calendarDay(deadline))
                : ""
            }
            askReason={(status === "active" && !personal) || adjust}
            reasonRequired={adjust}
            onSubmit={save}
            onCancel={stopEditing}
          />
        </>
      ) : (
        <>
          {countsObjectives(goal) ? (
            <p class="muted" data-testid="goal-objectives">
              {t.mastery.countedByTeacher}
            </p>
          ) : (
            status !== "completed" && <ProgressChips client={client} goal={goal} done={done} onReached={setCheer} />
          )}
          {cheer !== null && (
            <p class="cheer" role="status" data-testid="cheer">
              {cheer}
            </p>
          )}
          <div class="row card-actions">
            {status === "returned" && (
              <button type="button" class="primary" onClick={resubmit}>
                {t.goals.resubmit}
              </button>
            )}
            {status === "active" && remaining === 0 && (
              <button type="button" class="primary" onClick={complete}>
                {t.goals.complete}
              </button>
            )}
            <a class="button-link" href={`#/goals/${goal.id}`} aria-label={`${t.goals.details}: ${title}`}>
              {t.goals.details}
            </a>
            <details class="menu">
              <summary aria-label={`${t.goals.more}: ${title}`}>{t.goals.more}</summary>
              <div class="menu-items">
                <button type="button" onClick={() => setEditing(true)} aria-label={`${t.goals.edit}: ${title}`}>
                  {t.goals.edit}
                </button>
                <button type="button" class="danger" onClick={remove} aria-label={`${t.goals.delete}: ${title}`}>
                  {t.goals.delete}
                </button>
              </div>
            </details>
          </div>
        </>
      )}
    </li>
  );
}

/** Where the goal stands: its status with the deadline, then the projected finish or a hint. */
function PaceLines({ pace, deadline, today }: { pace: Pace; deadline: string; today: string }) {
  if (pace.status === "completed") {
    return (
      <p data-testid="goal-pace">
        <strong>{t.pace.status["completed"]}</strong>
        {pace.projected_finish !== null && ` · ${t.pace.reachedOn(calendarDay(pace.projected_finish))}`}
      </p>
    );
  }
  // A goal with no progress yet has no pace to judge, so the card asks for some instead. The
  // recent pace counts finished days only, so today's first work projects from tomorrow.
  let finish: string;
  if (pace.status === "not_started") finish = t.pace.notStarted;
  else if (pace.projected_finish !== null) finish = t.pace.projected(calendarDay(pace.projected_finish));
  else if (pace.last_active_on === today) finish = t.pace.fromTomorrow;
  else finish = t.pace.noPace;
  return (
    <>
      <p data-testid="goal-pace">
        <strong>{t.pace.status[pace.status]}</strong>
        {" · "}
        {t.goals.deadlineOn(calendarDay(deadline))}
      </p>
      <p class="muted">{finish}</p>
      {pace.daily_effort !== null && <p>{t.pace.needed(pace.daily_effort.phrase)}</p>}
    </>
  );
}

/** The next milestone still to reach, or that all are reached; nothing for a goal without any. */
function MilestoneLine(props: { milestones: Milestone[]; done: number; unit: string; today: string }) {
  const words = milestoneWords(props.milestones, props.done, props.unit, props.today, calendarDay);
  return words === null ? null : <p data-testid="goal-milestone">{words}</p>;
}
