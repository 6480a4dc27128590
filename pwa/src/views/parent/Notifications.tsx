import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../../api/http";
import type { PushPreferences, PushPreferencesUpdate, SubscriptionCreate, VapidPublicKey } from "../../api/types";
import { t } from "../../i18n/messages";

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
  const raw = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

const supported = (): boolean =>
  typeof window !== "undefined" && "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;

const DEFAULT_QUIET = { start: "21:00", end: "07:00" };

/** Every IANA zone the browser knows, with `current` kept even if it is not among them. */
function zones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return known.includes(current) ? known : [current, ...known];
}

const deviceZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A parent's push summaries: turn them on (from a tap), how often and when, quiet hours and
 * the time zone they are read in. The form is drawn before the settings arrive (disabled), so
 * nothing below it moves when they do. */
export function Notifications() {
  const [prefs, setPrefs] = useState<PushPreferences | null>(null);
  const [quiet, setQuiet] = useState(DEFAULT_QUIET);
  const [message, setMessage] = useState<string | null>(null);
  const [permission, setPermission] = useState(supported() ? Notification.permission : "denied");

  function loaded(saved: PushPreferences) {
    setPrefs(saved);
    if (saved.quiet_hours) setQuiet(saved.quiet_hours);
  }

  useEffect(() => {
    api<PushPreferences>("GET", "/api/push/preferences")
      .then(loaded)
      .catch(() => setMessage(t.notifications.offline));
  }, []);

  async function enable() {
    try {
      const asked = await Notification.requestPermission();
      setPermission(asked);
      if (asked !== "granted") {
        setMessage(t.notifications.blocked);
        return;
      }
      const { public_key } = await api<VapidPublicKey>("GET", "/api/push/vapid-public-key");
      const registration = await navigator.serviceWorker.ready;
      const subscription = await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: keyBytes(public_key),
      });
      await api("POST", "/api/push/subscriptions", subscription.toJSON() as SubscriptionCreate);
      setMessage(t.notifications.enabled);
    } catch (e) {
      setMessage(e instanceof ApiError && !e.isNetwork ? e.detail : t.notifications.failed);
    }
  }

  async function save(event: Event) {
    event.preventDefault();
    if (prefs === null) return;
    if (prefs.quiet_hours !== null && quiet.start === quiet.end) {
      setMessage(t.notifications.quietSame);
      return;
    }
    const body: PushPreferencesUpdate = {
      frequency: prefs.frequency,
      send_time: prefs.send_time,
      weekday: prefs.weekday,
      time_zone: prefs.time_zone,
      quiet_hours: prefs.quiet_hours === null ? null : quiet,
      muted_student_ids: prefs.muted_student_ids,
    };
    try {
      loaded(await api<PushPreferences>("PUT", "/api/push/preferences", body));
      setMessage(t.notifications.saved);
    } catch (e) {
      setMessage(e instanceof ApiError && !e.isNetwork ? e.detail : t.notifications.offline);
    }
  }

  const shown: PushPreferences = prefs ?? {
    frequency: "weekly",
    send_time: "18:00",
    weekday: 7,
    time_zone: deviceZone(),
    quiet_hours: DEFAULT_QUIET,
    muted_student_ids: [],
    saved: false,
  };
  const update = (change: Partial<PushPreferences>) => prefs !== null && setPrefs({ ...prefs, ...change });
  const quietOn = shown.quiet_hours !== null;
  const here = deviceZone();

  return (
    <section class="card stack" aria-labelledby="notifications-title" data-testid="notifications">
      <h2 id="notifications-title">{t.notifications.title}</h2>
      <p>{t.notifications.intro}</p>
      {supported() && permission !== "granted" && (
        <button type="button" class="primary" onClick={() => void enable()}>
          {t.notifications.enable}
        </button>
      )}
      {!supported() && <p class="muted">{t.notifications.unsupported}</p>}
      <form class="stack digest-settings" onSubmit={save} aria-busy={prefs === null}>
        <fieldset class="stack" disabled={prefs === null}>
          <div class="field">
            <label for="digest-frequency">{t.notifications.frequency}</label>
            <select
              id="digest-frequency"
              name="frequency"
              value={shown.frequency}
              onChange={(e) => update({ frequency: e.currentTarget.value as PushPreferences["frequency"] })}
            >
              <option value="daily">{t.notifications.daily}</option>
              <option value="weekly">{t.notifications.weekly}</option>
              <option value="off">{t.notifications.off}</option>
            </select>
          </div>
          {/* Always drawn (only used for weekly summaries), so the form keeps its height. */}
          <div class="field">
            <label for="digest-weekday">{t.notifications.weekday}</label>
            <select
              id="digest-weekday"
              name="weekday"
              value={String(shown.weekday)}
              disabled={shown.frequency !== "weekly"}
              onChange={(e) => update({ weekday: Number(e.currentTarget.value) })}
            >
              {t.notifications.weekdays.map((name, i) => (
                <option key={name} value={String(i + 1)}>
                  {name}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="digest-send-time">{t.notifications.sendTime}</label>
            <input
              id="digest-send-time"
              name="send_time"
              type="time"
              value={shown.send_time}
              onInput={(e) => update({ send_time: e.currentTarget.value })}
            />
          </div>
          <div class="field">
            <label for="digest-time-zone">{t.notifications.timeZone}</label>
            <select
              id="digest-time-zone"
              name="time_zone"
              value={shown.time_zone}
              aria-describedby="digest-time-zone-hint"
              onChange={(e) => update({ time_zone: e.currentTarget.value })}
            >
              {zones(shown.time_zone).map((zone) => (
                <option key={zone} value={zone}>
                  {t.notifications.zoneName(zone)}
                </option>
              ))}
            </select>
            <p class="muted hint" id="digest-time-zone-hint">
              {t.notifications.timeZoneHint(here)}
            </p>
          </div>
          <fieldset class="stack" aria-describedby="digest-quiet-hint">
            <legend>{t.notifications.quiet}</legend>
            <p class="muted hint" id="digest-quiet-hint">
              {t.notifications.quietHint}
            </p>
            <label class="check">
              <input
                type="checkbox"
                name="quiet"
                checked={quietOn}
                onChange={(e) => update({ quiet_hours: e.currentTarget.checked ? quiet : null })}
              />
              {t.notifications.quietOn}
            </label>
            <div class="row">
              <div class="field">
                <label for="digest-quiet-from">{t.notifications.quietFrom}</label>
                <input
                  id="digest-quiet-from"
                  name="quiet_start"
                  type="time"
                  value={quiet.start}
                  disabled={!quietOn}
                  onInput={(e) => setQuiet({ ...quiet, start: e.currentTarget.value })}
                />
              </div>
              <div class="field">
                <label for="digest-quiet-until">{t.notifications.quietUntil}</label>
                <input
                  id="digest-quiet-until"
                  name="quiet_end"
                  type="time"
                  value={quiet.end}
                  disabled={!quietOn}
                  onInput={(e) => setQuiet({ ...quiet, end: e.currentTarget.value })}
                />
              </div>
            </div>
          </fieldset>
          <button type="submit">{t.notifications.save}</button>
        </fieldset>
      </form>
      {message !== null && <p role="status">{message}</p>}
    </section>
  );
}
