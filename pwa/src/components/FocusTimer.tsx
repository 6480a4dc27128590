/**
 * The focus timer on Today: a plan (25/5, 50/10 or custom), pause, a break, and only the focus
 * that actually ran logged as study (domain/focus.ts). The state lives in IndexedDB and each run
 * is a synced running entry, so the timer outlives reloads, closed tabs and a sleeping phone.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import {
  begin,
  focusRanMs,
  leftMs,
  pause,
  PRESETS,
  resume,
  settle,
  stop,
  validPlan,
  type ClosedRun,
  type FocusPlan,
  type FocusState,
} from "../domain/focus";
import { t } from "../i18n/messages";
import { useNow } from "../state/hooks";
import { closeRun, loadFocus, saveFocus, startRun } from "../state/focus";
import type { SyncClient } from "../sync/client";
import type { StoredRecord } from "../sync/db";
import { clockTime, duration, elapsed, newId } from "../ui/format";
import { Chips } from "./Chips";

const CUSTOM = "custom";

interface Props {
  client: SyncClient;
  /** Goals a run may count toward. */
  goals: StoredRecord[];
  /** The student's time entries, from the synced view. */
  entries: StoredRecord[];
}

export function FocusTimer({ client, goals, entries }: Props) {
  const now = useNow(1000);
  // undefined until the stored state is read, so nothing flashes an idle timer first.
  const [state, setState] = useState<FocusState | null | undefined>(undefined);
  const [choice, setChoice] = useState("0");
  const [customFocus, setCustomFocus] = useState("40");
  const [customRest, setCustomRest] = useState("5");
  const [goalId, setGoalId] = useState("");
  const [note, setNote] = useState("");
  // Entries this device closed: their stop may not have reached the view yet.
  const closing = useRef(new Set<string>());

  // Read again when the tab comes back: another tab may have moved the timer on meanwhile.
  useEffect(() => {
    const load = () => void loadFocus().then(setState);
    const shown = () => document.visibilityState === "visible" && load();
    load();
    document.addEventListener("visibilitychange", shown);
    return () => document.removeEventListener("visibilitychange", shown);
  }, []);

  function commit(next: FocusState | null, closed: ClosedRun | null) {
    setState(next);
    void saveFocus(next);
    if (closed !== null) {
      closing.current.add(closed.entryId);
      const minutes = closeRun(client, entries.find((e) => e.id === closed.entryId), closed);
      setNote(minutes === null ? t.focus.tooShort : t.focus.logged(duration(minutes)));
    }
  }

  // A phase that came due (while this screen was open, or while the phone slept) ends now.
  useEffect(() => {
    if (!state) return;
    const step = settle(state, Date.now());
    if (step.state === state) return;
    commit(step.state, step.closed);
    // The break says what was logged; after it, what comes next.
    if (step.state?.phase === "break") setNote("");
    if (state.phase === "break") setNote(t.focus.breakOver);
  }, [state, now]);

  const ownRun = state?.phase === "focus" ? state.run : null;
  const own = ownRun === null ? undefined : entries.find((e) => e.id === ownRun.entryId);
  // The run stopped without this tab: another tab paused or stopped it (and stored what it did),
  // or another device stopped it and the timer here has nothing left to run.
  useEffect(() => {
    if (own === undefined || own.fields["running"] === true) return;
    void loadFocus().then((stored) => {
      if (stored?.phase === "focus" && stored.run?.entryId === own.id) commit(null, null);
      else setState(stored);
    });
  }, [own?.fields["running"]]);
  const other = entries.find((e) => e.fields["running"] === true && e.id !== ownRun?.entryId && !closing.current.has(e.id));

  const plan: FocusPlan | null =
    choice === CUSTOM ? validPlan(Number(customFocus), Number(customRest)) : (PRESETS[Number(choice)] ?? null);
  const goal = goalId === "" ? null : goalId;

  function start() {
    if (plan === null) return;
    const id = newId();
    const at = Date.now();
    startRun(client, id, goal, at);
    setNote("");
    commit(begin(plan, goal, id, at), null);
  }

  function resumeRun(current: FocusState) {
    const id = newId();
    const at = Date.now();
    startRun(client, id, current.goalId, at);
    commit(resume(current, id, at), null);
  }

  function stopOther(entry: StoredRecord) {
    const since = Date.parse(String(entry.fields["started_at"]));
    closing.current.add(entry.id);
    const minutes = closeRun(client, entry, { entryId: entry.id, since, until: Date.now() });
    setNote(minutes === null ? t.focus.tooShort : t.focus.logged(duration(minutes)));
  }

  let body;
  if (state === undefined) {
    body = null;
  } else if (state !== null && state.phase === "focus") {
    const left = leftMs(state, now);
    const share = 1 - left / (state.plan.focus * 60_000);
    body = (
      <>
        <p class="muted">
          {state.run === null ? t.focus.paused : t.focus.focusing(t.focus.preset(state.plan.focus, state.plan.rest))}
        </p>
        <p class="big clock">
          <span data-testid="timer">{elapsed(left)}</span> <small class="muted">{t.focus.left}</small>
        </p>
        <div class="bar" aria-hidden="true">
          <span style={{ width: `${Math.round(share * 100)}%` }} />
        </div>
        <p class="muted">{t.focus.ran(elapsed(focusRanMs(state, now)), t.time.chip(state.plan.focus))}</p>
        <div class="row">
          {state.run === null ? (
            <button type="button" class="primary" onClick={() => resumeRun(state)}>
              {t.focus.resume}
            </button>
          ) : (
            <button type="button" class="primary" onClick={() => commit(...unpack(pause(state, Date.now())))}>
              {t.focus.pause}
            </button>
          )}
          <button type="button" onClick={() => commit(...unpack(stop(state, Date.now())))}>
            {t.today.stop}
          </button>
        </div>
      </>
    );
  } else if (state !== null) {
    body = (
      <>
        <p class="muted">{t.focus.onBreak}</p>
        <p class="big clock">
          <span data-testid="break-timer">{elapsed(leftMs(state, now))}</span> <small class="muted">{t.focus.left}</small>
        </p>
        <p>{t.focus.breakNote(duration(state.ranMs / 60_000))}</p>
        <div class="row">
          <button type="button" onClick={() => commit(null, null)}>
            {t.focus.skipBreak}
          </button>
        </div>
      </>
    );
  } else if (other !== undefined) {
    const since = Date.parse(String(other.fields["started_at"]));
    body = (
      <>
        <p class="big">
          <span data-testid="timer">{elapsed(now - since)}</span>
        </p>
        <p class="muted">{t.focus.elsewhere(clockTime(since))}</p>
        <button type="button" class="primary" onClick={() => stopOther(other)}>
          {t.today.stop}
        </button>
      </>
    );
  } else {
    body = (
      <>
        <label>
          {t.today.timerFor}
          <select value={goalId} onChange={(e) => setGoalId(e.currentTarget.value)}>
            <option value="">{t.today.noGoal}</option>
            {goals.map((g) => (
              <option key={g.id} value={g.id}>
                {String(g.fields["title"])}
              </option>
            ))}
          </select>
        </label>
        <Chips
          legend={t.focus.plan}
          name="focus-plan"
          value={choice}
          onChange={setChoice}
          options={[
            ...PRESETS.map((p, i) => ({ value: String(i), label: t.focus.preset(p.focus, p.rest) })),
            { value: CUSTOM, label: t.focus.custom },
          ]}
        />
        {choice === CUSTOM && (
          <div class="row">
            <label>
              {t.focus.focusMinutes}
              <input
                type="number"
                inputMode="numeric"
                min="1"
                max="180"
                value={customFocus}
                onInput={(e) => setCustomFocus(e.currentTarget.value)}
              />
            </label>
            <label>
              {t.focus.breakMinutes}
              <input
                type="number"
                inputMode="numeric"
                min="0"
                max="60"
                value={customRest}
                onInput={(e) => setCustomRest(e.currentTarget.value)}
              />
            </label>
          </div>
        )}
        {plan === null && <p class="error">{t.focus.invalidPlan}</p>}
        <button type="button" class="primary" onClick={start} disabled={plan === null}>
          {t.today.start}
        </button>
      </>
    );
  }

  return (
    <section class="card" aria-labelledby="timer-title">
      <h2 id="timer-title">{t.today.timer}</h2>
      <div class="stack focus-body">{body}</div>
      <p role="status" class="muted focus-note" data-testid="focus-note">
        {note}
      </p>
    </section>
  );
}

function unpack(step: { state: FocusState | null; closed: ClosedRun | null }): [FocusState | null, ClosedRun | null] {
  return [step.state, step.closed];
}
