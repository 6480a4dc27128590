import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../../api/http";
import type { PushPreferences, PushPreferencesUpdate, SubscriptionCreate, VapidPublicKey } from "../../api/types";
import { t } from "../../i18n/en";

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
  const raw = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

const supported = (): boolean =>
  typeof window !== "undefined" && "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;

/** A parent's push summaries: turn them on (from a tap) and choose how often. */
export function Notifications() {
  const [prefs, setPrefs] = useState<PushPreferences | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [permission, setPermission] = useState(supported() ? Notification.permission : "denied");

  useEffect(() => {
    api<PushPreferences>("GET", "/api/push/preferences")
      .then(setPrefs)
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
    const body: PushPreferencesUpdate = {
      frequency: prefs.frequency,
      send_time: prefs.send_time,
      weekday: prefs.weekday,
      quiet_hours: prefs.quiet_hours,
      muted_student_ids: prefs.muted_student_ids,
    };
    try {
      setPrefs(await api<PushPreferences>("PUT", "/api/push/preferences", body));
      setMessage(t.notifications.saved);
    } catch (e) {
      setMessage(e instanceof ApiError && !e.isNetwork ? e.detail : t.notifications.offline);
    }
  }

  return (
    <section class="card stack" aria-labelledby="notifications-title">
      <h2 id="notifications-title">{t.notifications.title}</h2>
      <p>{t.notifications.intro}</p>
      {supported() && permission !== "granted" && (
        <button type="button" class="primary" onClick={() => void enable()}>
          {t.notifications.enable}
        </button>
      )}
      {!supported() && <p class="muted">{t.notifications.unsupported}</p>}
      {prefs !== null && (
        <form class="stack" onSubmit={save}>
          <div class="field">
            <label for="digest-frequency">{t.notifications.frequency}</label>
            <select
              id="digest-frequency"
              name="frequency"
              value={prefs.frequency}
              onChange={(e) => setPrefs({ ...prefs, frequency: e.currentTarget.value as PushPreferences["frequency"] })}
            >
              <option value="daily">{t.notifications.daily}</option>
              <option value="weekly">{t.notifications.weekly}</option>
              <option value="off">{t.notifications.off}</option>
            </select>
          </div>
          {prefs.frequency === "weekly" && (
            <div class="field">
              <label for="digest-weekday">{t.notifications.weekday}</label>
              <select
                id="digest-weekday"
                name="weekday"
                value={String(prefs.weekday)}
                onChange={(e) => setPrefs({ ...prefs, weekday: Number(e.currentTarget.value) })}
              >
                {t.notifications.weekdays.map((name, i) => (
                  <option key={name} value={String(i + 1)}>
                    {name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <label>
            {t.notifications.sendTime}
            <input
              name="send_time"
              type="time"
              value={prefs.send_time}
              onInput={(e) => setPrefs({ ...prefs, send_time: e.currentTarget.value })}
            />
          </label>
          <button type="submit">{t.notifications.save}</button>
        </form>
      )}
      {message !== null && <p role="status">{message}</p>}
    </section>
  );
}
