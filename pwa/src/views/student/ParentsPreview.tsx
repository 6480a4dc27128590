import { useEffect, useState } from "preact/hooks";
import { api } from "../../api/http";
import type { DigestPreview } from "../../api/types";
import { t } from "../../i18n/en";
import { DigestSection } from "../parent/DigestSection";

type Kind = "weekly" | "daily";

/** "What my parents see": the section about me in their next summary, and who receives it. */
export function ParentsPreview() {
  const [kind, setKind] = useState<Kind>("weekly");
  const [preview, setPreview] = useState<DigestPreview | null>(null);
  const [offline, setOffline] = useState(false);

  useEffect(() => {
    let alive = true;
    setOffline(false);
    api<DigestPreview>("GET", `/api/digests/preview?kind=${kind}`)
      .then((p) => alive && setPreview(p))
      .catch(() => alive && setOffline(true));
    return () => {
      alive = false;
    };
  }, [kind]);

  return (
    <section class="card stack" aria-labelledby="parents-title" data-testid="parents-preview">
      <h2 id="parents-title">{t.settings.parentsTitle}</h2>
      <p>{t.settings.parentsBody}</p>
      <p>{t.preview.intro}</p>
      <fieldset>
        <legend>{t.preview.kind}</legend>
        {(["weekly", "daily"] as const).map((k) => (
          <label key={k} class="radio">
            <input type="radio" name="preview-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
            {t.preview[k]}
          </label>
        ))}
      </fieldset>
      {offline && <p role="status">{t.preview.offline}</p>}
      {!offline && preview === null && <p class="muted">{t.preview.loading}</p>}
      {!offline && preview !== null && (
        <>
          <h3>{t.preview.recipients}</h3>
          {preview.recipients.length === 0 ? (
            <p data-testid="recipients">{t.preview.noRecipients}</p>
          ) : (
            <ul class="shares" data-testid="recipients">
              {preview.recipients.map((r) => (
                <li key={r.name}>{t.preview.recipient(r.name, t.preview.frequency[r.frequency] ?? r.frequency)}</li>
              ))}
            </ul>
          )}
          <h3>{t.preview.lockScreen}</h3>
          <div class="lockscreen">
            <strong>{preview.notification_title}</strong>
            <span>{preview.notification_body}</span>
          </div>
          <DigestSection section={preview.section} level={3} />
        </>
      )}
    </section>
  );
}
