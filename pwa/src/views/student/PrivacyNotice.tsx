import { useState } from "preact/hooks";
import { api } from "../../api/http";
import { t } from "../../i18n/messages";

const READ_HERE = "privacy-notice-read";

/** The first screen's plain words on who sees what of a student's data, until they read it. */
export function PrivacyNotice({ seen }: { seen: boolean }) {
  // Read on this device: not shown again while the server has not heard it yet (offline).
  const [read, setRead] = useState(() => localStorage.getItem(READ_HERE) === "1");
  if (seen || read) return null;

  function understood() {
    setRead(true);
    localStorage.setItem(READ_HERE, "1");
    // Offline, the server hears it at the next sign-in that reaches it; nothing is lost.
    void api("POST", "/api/me/privacy-notice").catch(() => undefined);
  }

  return (
    <section class="card stack" aria-labelledby="privacy-notice-title" data-testid="privacy-notice">
      <h2 id="privacy-notice-title">{t.privacyNotice.title}</h2>
      <ul>
        {t.privacyNotice.points.map((point) => (
          <li key={point}>{point}</li>
        ))}
      </ul>
      <p>{t.privacyNotice.change}</p>
      <button type="button" class="primary" onClick={understood}>
        {t.privacyNotice.understood}
      </button>
    </section>
  );
}
