import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../../api/http";
import type { SchoolTrack } from "../../api/types";
import { hoursOf, limitsFromHours, type LimitHours } from "../../domain/trackLimits";
import { t } from "../../i18n/messages";

/** The school's limits per track, in hours: when a week of its students counts as overloaded. */
export function TrackLimits() {
  const [tracks, setTracks] = useState<SchoolTrack[] | null>(null);
  const [typed, setTyped] = useState<Record<string, LimitHours>>({});
  const [message, setMessage] = useState<string | null>(null);

  async function load() {
    const found = await api<SchoolTrack[]>("GET", "/api/school/tracks");
    setTracks(found);
    setTyped(Object.fromEntries(found.map((track) => [track.track, hoursOf(track)])));
  }

  async function save(track: SchoolTrack) {
    const label = t.school.tracks[track.track] ?? track.track;
    const checked = limitsFromHours(typed[track.track] ?? hoursOf(track));
    if ("error" in checked) {
      setMessage(t.school.limitErrors[checked.error] ?? null);
      return;
    }
    try {
      await api("PUT", `/api/school/tracks/${track.track}`, checked.limits);
      setMessage(t.school.limitsSaved(label));
      await load();
    } catch (e) {
      setMessage(e instanceof ApiError && !e.isNetwork ? e.detail : t.account.needsConnection);
    }
  }

  useEffect(() => {
    load().catch(() => setMessage(t.account.needsConnection));
  }, []);

  const edit = (track: string, part: keyof LimitHours, value: string) =>
    setTyped((all) => ({ ...all, [track]: { ...(all[track] ?? { study: "", free: "" }), [part]: value } }));

  return (
    <section class="card stack" aria-labelledby="track-limits-title" data-testid="track-limits">
      <h3 id="track-limits-title">{t.school.trackLimits}</h3>
      <p class="muted">{t.school.trackLimitsIntro}</p>
      {message !== null && <p role="status">{message}</p>}
      {tracks?.map((track) => {
        const label = t.school.tracks[track.track] ?? track.track;
        const values = typed[track.track] ?? hoursOf(track);
        return (
          <form
            key={track.track}
            class="stack"
            onSubmit={(e) => {
              e.preventDefault();
              void save(track);
            }}
          >
            <h4>
              {label} <span class="muted">({track.adjusted ? t.school.adjusted : t.school.defaults})</span>
            </h4>
            <label>
              {t.school.studyHours}
              <input
                inputMode="decimal"
                value={values.study}
                onInput={(e) => edit(track.track, "study", e.currentTarget.value)}
              />
            </label>
            <label>
              {t.school.freeHours}
              <input
                inputMode="decimal"
                value={values.free}
                onInput={(e) => edit(track.track, "free", e.currentTarget.value)}
              />
            </label>
            <button type="submit">{t.school.saveLimits(label)}</button>
          </form>
        );
      })}
    </section>
  );
}
