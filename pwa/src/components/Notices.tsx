import { t } from "../i18n/en";
import { recordsOf, useView } from "../state/hooks";
import type { SyncClient } from "../sync/client";

function shown(value: unknown): string {
  if (value === null || value === undefined) return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Conflict notices from the server, in plain words, each dismissible. */
export function Notices({ client }: { client: SyncClient }) {
  const view = useView(client);
  const notices = recordsOf(view, "conflict_notice").filter((n) => n.fields["dismissed"] !== true);
  if (notices.length === 0) return null;
  return (
    <section class="card notices" aria-labelledby="notices-title">
      <h2 id="notices-title">{t.notice.title}</h2>
      <ul>
        {notices.map((n) => {
          const f = n.fields;
          const name = String(f["field"] ?? "");
          const field = t.fields[name] ?? name;
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
