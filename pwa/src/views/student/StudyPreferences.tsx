import { useEffect, useState } from "preact/hooks";
import { preferenceChanges, preferencesId, type PreferenceValues } from "../../domain/preferences";
import { t } from "../../i18n/messages";
import { useView } from "../../state/hooks";
import type { SyncClient } from "../../sync/client";
import { keyOf } from "../../sync/view";

const EMPTY: PreferenceValues = {
  weekly_study_hours: "",
  nudge_window_start: "",
  nudge_window_end: "",
  quiet_start: "",
  quiet_end: "",
};

function valuesOf(fields: Record<string, unknown>): PreferenceValues {
  const text = (v: unknown) => (v === undefined || v === null ? "" : String(v));
  return {
    weekly_study_hours: text(fields["weekly_study_hours"]),
    nudge_window_start: text(fields["nudge_window_start"]),
    nudge_window_end: text(fields["nudge_window_end"]),
    quiet_start: text(fields["quiet_start"]),
    quiet_end: text(fields["quiet_end"]),
  };
}

/** Weekly study budget and when nudges may come: one record per student, merged per field. */
export function StudyPreferences({ client, studentId }: { client: SyncClient; studentId: number }) {
  const view = useView(client);
  const [id, setId] = useState<string | null>(null);
  const [values, setValues] = useState<PreferenceValues | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  useEffect(() => {
    void preferencesId(studentId).then(setId);
  }, [studentId]);

  const stored = id !== null ? view?.get(keyOf("preferences", id)) : undefined;
  const shown = values ?? valuesOf(stored?.fields ?? {});

  function edit(field: keyof PreferenceValues, value: string) {
    setMessage(null);
    setValues({ ...(values ?? valuesOf(stored?.fields ?? {}) ?? EMPTY), [field]: value });
  }

  function save(event: Event) {
    event.preventDefault();
    if (id === null) return;
    const result = preferenceChanges(shown, stored?.fields ?? {});
    if ("error" in result) {
      setMessage({ text: t.preferences.errors[result.error]!, error: true });
      return;
    }
    if (Object.keys(result.changes).length > 0) {
      // The clocks of the values this device saw: a knowing change makes no conflict notice.
      const seen = stored?.clocks ?? {};
      const base = Object.fromEntries(Object.keys(result.changes).flatMap((k) => (seen[k] ? [[k, seen[k]]] : [])));
      void client.mutate("preferences.set", { id, base, ...result.changes });
    }
    setValues(null);
    setMessage({ text: t.preferences.saved, error: false });
  }

  const time = (field: keyof PreferenceValues, label: string) => (
    <label>
      {label}
      <input name={field} type="time" value={shown[field]} onInput={(e) => edit(field, e.currentTarget.value)} />
    </label>
  );

  return (
    <section class="card stack" aria-labelledby="prefs-title">
      <h2 id="prefs-title">{t.preferences.title}</h2>
      <p>{t.preferences.intro}</p>
      <form class="stack" onSubmit={save}>
        <label>
          {t.preferences.weeklyHours}
          <input
            name="weekly_study_hours"
            type="number"
            inputMode="decimal"
            min="0"
            max="100"
            step="0.5"
            value={shown.weekly_study_hours}
            onInput={(e) => edit("weekly_study_hours", e.currentTarget.value)}
          />
        </label>
        <fieldset>
          <legend>{t.preferences.nudgeWindow}</legend>
          <div class="row">
            {time("nudge_window_start", t.preferences.start)}
            {time("nudge_window_end", t.preferences.end)}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t.preferences.quiet}</legend>
          <div class="row">
            {time("quiet_start", t.preferences.start)}
            {time("quiet_end", t.preferences.end)}
          </div>
        </fieldset>
        <button type="submit" class="primary">
          {t.preferences.save}
        </button>
        {message !== null && (
          <p role={message.error ? "alert" : "status"} class={message.error ? "error" : "muted"}>
            {message.text}
          </p>
        )}
      </form>
    </section>
  );
}
