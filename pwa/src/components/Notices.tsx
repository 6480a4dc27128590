import { t } from "../i18n/messages";
import { recordsOf, useView } from "../state/hooks";
import type { SyncClient } from "../sync/client";
import { keyOf } from "../sync/view";
import { noticeText } from "../ui/notices";

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
          const record = view?.get(keyOf(String(n.fields["record_kind"]), String(n.fields["record_id"])));
          return (
            <li key={n.id} data-testid="conflict-notice">
              <p>{noticeText(n, record)}</p>
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
