import { useState } from "preact/hooks";
import { CHECK_IN_QUESTIONS, checkInId, isoWeek, type CheckInQuestion } from "../../domain/checkin";
import { localDate } from "../../domain/pace";
import { t } from "../../i18n/messages";
import { recordsOf, useView } from "../../state/hooks";
import type { SyncClient } from "../../sync/client";

type Answers = Partial<Record<CheckInQuestion, number>>;
const LATER = "check-in-later";

/**
 * The weekly check-in on Today: three questions on a five-point scale with words, and a note.
 * Offline like every write. Asked at most once a week and never required: "Not now" hides it
 * until the next week; no streaks, no reminders.
 */
export function CheckIn({ client, timeZone }: { client: SyncClient; timeZone: string }) {
  const view = useView(client);
  const week = isoWeek(localDate(new Date().toISOString(), timeZone));
  const answered = recordsOf(view, "check_in").find((r) => r.fields["week"] === week) ?? null;
  const [editing, setEditing] = useState(false);
  const [later, setLater] = useState(() => localStorage.getItem(LATER) === week);
  const [answers, setAnswers] = useState<Answers>({});
  const [note, setNote] = useState("");
  const [share, setShare] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (view === null || (later && answered === null)) return null;
  if (answered !== null && !editing) {
    return (
      <p class="card row checkin-done" data-testid="check-in-done">
        <span class="grow">{t.checkIn.done}</span>
        <button
          type="button"
          onClick={() => {
            const f = answered.fields;
            setAnswers({ energy: Number(f["energy"]), stress: Number(f["stress"]), sleep: Number(f["sleep"]) });
            setNote(String(f["note"] ?? ""));
            setShare(f["shared_with_parents"] === true);
            setEditing(true);
          }}
        >
          {t.checkIn.change}
        </button>
      </p>
    );
  }

  async function save(event: Event) {
    event.preventDefault();
    const { energy, stress, sleep } = answers;
    if (energy === undefined || stress === undefined || sleep === undefined) {
      setError(t.checkIn.answerAll);
      return;
    }
    setError(null);
    const id = checkInId(client.options.homeSpace, week);
    await client.mutate("checkin.set", { id, week, energy, stress, sleep, note: note.trim(), shared_with_parents: share });
    setEditing(false);
  }

  return (
    <form class="card stack checkin" aria-labelledby="check-in-title" onSubmit={(e) => void save(e)} data-testid="check-in">
      <h2 id="check-in-title">{t.checkIn.title}</h2>
      <p class="muted">{t.checkIn.intro}</p>
      {CHECK_IN_QUESTIONS.map((question) => (
        <fieldset key={question} class="scale">
          <legend>{t.checkIn[question]}</legend>
          <div class="scale-options">
            {(t.checkIn.scale[question] ?? []).map((words, n) => (
              <label key={words} class={answers[question] === n + 1 ? "chosen" : ""}>
                <input
                  type="radio"
                  name={`check-in-${question}`}
                  value={String(n + 1)}
                  checked={answers[question] === n + 1}
                  onChange={() => setAnswers({ ...answers, [question]: n + 1 })}
                />
                {words}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <label>
        {t.checkIn.note}
        <textarea name="check-in-note" maxLength={2000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      <label class="check">
        <input type="checkbox" checked={share} onChange={(e) => setShare(e.currentTarget.checked)} />
        {t.checkIn.share}
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="row">
        <button type="submit" class="primary">
          {t.checkIn.save}
        </button>
        {answered === null && (
          <button
            type="button"
            onClick={() => {
              localStorage.setItem(LATER, week);
              setLater(true);
            }}
          >
            {t.checkIn.later}
          </button>
        )}
      </div>
    </form>
  );
}
