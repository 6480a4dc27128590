import { t } from "../i18n/messages";
import type { SyncClient } from "../sync/client";
import { useNow, useSyncStatus } from "../state/hooks";
import { ago } from "../ui/format";

/** The sync state in plain words: offline, changes waiting, last synced, and what went wrong. */
export function SyncBar({ client }: { client: SyncClient }) {
  const status = useSyncStatus(client);
  const now = useNow(30_000);
  const online = typeof navigator === "undefined" || navigator.onLine;
  const parts: string[] = [];
  let tone = "ok";
  const offline = !online || status.problem === "offline";
  if (offline) {
    parts.push(t.sync.offline);
    tone = "offline";
  } else if (status.problem === "server") {
    parts.push(t.sync.server);
    tone = "warn";
  } else if (status.problem === "update_required") {
    parts.push(t.sync.updateRequired);
    tone = "warn";
  } else if (status.problem === "signed_out") {
    parts.push(t.sync.signedOut);
    tone = "warn";
  }
  if (status.pending > 0) parts.push(t.sync.waiting(status.pending));
  // Offline, the last sync is history, not news: "last synced 2 min ago", never "Synced just now".
  if (status.syncing && !offline) parts.push(t.sync.syncing);
  else if (status.lastSyncedAt === null) parts.push(t.sync.never);
  else parts.push(offline ? t.sync.lastSynced(ago(status.lastSyncedAt, now)) : t.sync.synced(ago(status.lastSyncedAt, now)));

  return (
    <section class={`syncbar ${tone}`} aria-label={t.sync.label}>
      <p role="status" aria-live="polite" data-testid="sync-status">
        {parts.join(" · ")}
      </p>
      {status.problem !== null && status.problem !== "update_required" && !offline && (
        <button type="button" class="link" onClick={() => client.requestSync()}>
          {t.sync.retryNow}
        </button>
      )}
      {status.notes.map((note) => {
        const what = t.sync.things[note.name.split(".")[0] ?? ""] ?? note.name;
        return (
          <p class="note" key={note.mutation_id}>
            {note.outcome === "rejected"
              ? t.sync.rejected(what, note.reason ?? "")
              : t.sync.requested(what)}{" "}
            <button type="button" class="link" onClick={() => void client.dismissNote(note.mutation_id)}>
              {t.sync.dismiss}
            </button>
          </p>
        );
      })}
    </section>
  );
}
