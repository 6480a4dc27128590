/** Preact hooks that keep a component in step with the sync client. */
import { useEffect, useState } from "preact/hooks";
import type { StoredRecord } from "../sync/db";
import type { SyncClient, SyncStatus } from "../sync/client";
import type { RecordMap } from "../sync/view";

export function useSyncStatus(client: SyncClient): SyncStatus {
  const [status, setStatus] = useState(client.status);
  useEffect(() => client.subscribe(() => setStatus(client.status)), [client]);
  return status;
}

/** The current view; rebuilt after every local change and every pull. */
export function useView(client: SyncClient | null): RecordMap | null {
  const [view, setView] = useState<RecordMap | null>(null);
  useEffect(() => {
    if (client === null) return;
    let alive = true;
    const load = () => void client.view().then((v) => alive && setView(v));
    load();
    const off = client.subscribe(load);
    return () => {
      alive = false;
      off();
    };
  }, [client]);
  return view;
}

export function recordsOf(view: RecordMap | null, kind: string): StoredRecord[] {
  if (view === null) return [];
  return [...view.values()].filter((r) => r.kind === kind);
}

/** A clock that re-renders every `ms` (for running timers and "synced 2 min ago"). */
export function useNow(ms: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}
