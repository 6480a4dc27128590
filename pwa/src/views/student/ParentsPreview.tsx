import { useState } from "preact/hooks";
import type { DigestPreview } from "../../api/types";
import { SavedCopy } from "../../components/SavedCopy";
import { t } from "../../i18n/messages";
import { useCopy } from "../../state/hooks";
import { DigestSection } from "../parent/DigestSection";

type Kind = "weekly" | "daily";

/** "What my parents see": the section about me in their next summary, and who receives it. */
export function ParentsPreview({ owner }: { owner: number }) {
  const [kind, setKind] = useState<Kind>("weekly");
  const copy = useCopy<DigestPreview>(owner, `/api/digests/preview?kind=${kind}`);
  const preview = copy.value;

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
      <SavedCopy copy={copy} />
      {preview === null && copy.phase === "failed" && <p role="status">{t.preview.offline}</p>}
      {preview === null && copy.phase === "loading" && <p class="muted">{t.preview.loading}</p>}
      {preview !== null && (
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
          <DigestSection section={preview.section} level={3} detailsOpen />
        </>
      )}
    </section>
  );
}
