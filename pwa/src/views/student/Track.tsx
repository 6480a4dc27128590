import { t } from "../../i18n/messages";
import { recordsOf, useView } from "../../state/hooks";
import type { SyncClient } from "../../sync/client";
import { duration } from "../../ui/format";

/** The student's track in plain words: what the programme means for their time. On Today only
 * for a track other than the standard one; in Settings always. */
export function Track({ client, always = false }: { client: SyncClient; always?: boolean }) {
  const view = useView(client);
  const [record] = recordsOf(view, "track");
  const track = String(record?.fields["track"] ?? "standard");
  if (view === null || (!always && track === "standard")) return null;
  const heavy = duration(Number(record?.fields["heavy_study_minutes"] ?? 480));
  const scarce = duration(Number(record?.fields["scarce_free_minutes"] ?? 60));
  return (
    <section class="card stack" aria-labelledby="track-title" data-testid="track">
      <h2 id="track-title">{t.track.title}</h2>
      <p>{t.track.explain(track, heavy, scarce)}</p>
    </section>
  );
}
