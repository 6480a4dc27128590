import { t } from "../i18n/en";
import { recordsOf } from "../state/hooks";
import type { SyncClient } from "../sync/client";
import type { RecordMap } from "../sync/view";

function shown(value: unknown): string {
  if (value === null || value === undefined) return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Conflict notices from the server, in plain words, each dismissible. */
export function Notices({ client, view }: { client: SyncClient; view: RecordMap | null }) {
  const notices = recordsOf(view, "conflict_notice").filter((n) => n.fields["dismissed"] !== true);
  if (notices.length === 0) return null;
  return (
    <section class="card notices" aria-labelledby="notices-title">
      <h2 id="notices-title">{t.notice.title}</h2>
      <ul>
        {notices.map((n) => {
          const f = n.fields;
          const field = String(f["field"] ?? "");
          const text =
            f["reason"] === "deleted"
              ? t.notice.deleted(field, shown(f["lost_value"]))
              : t.notice.superseded(field, shown(f["lost_value"]), shown(f["winning_value"]));
          return (
            <li key={n.id} data-testid="conflict-notice">
              <p>{text}</p>
              <button type="button" onClick={() => void client.mutate("notice.dismiss", { id: n.id })}>
                {t.notice.dismiss}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
