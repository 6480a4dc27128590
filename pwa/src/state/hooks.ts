/** Preact hooks that keep a component in step with the sync client and the server. */
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { ApiError } from "../api/http";
import { fetchAndKeep, keep, kept } from "./copies";
import { database, startSync } from "./session";
import type { Me } from "../api/types";
import type { StoredRecord } from "../sync/db";
import type { SyncClient, SyncStatus } from "../sync/client";
import type { RecordMap } from "../sync/view";

export function useSyncStatus(client: SyncClient): SyncStatus {
  const [status, setStatus] = useState(client.status);
  useEffect(() => client.subscribe(() => setStatus(client.status)), [client]);
  return status;
}

/**
 * The sync client of the signed-in person, started once per person and closed when they leave
 * or the screen goes (also when it goes before the client has started).
 */
export function useSyncClient(me: Me): SyncClient | null {
  const [client, setClient] = useState<SyncClient | null>(null);
  useEffect(() => {
    let alive = true;
    let made: SyncClient | null = null;
    void startSync(me).then((c) => {
      if (!alive) return c.close();
      made = c;
      setClient(c);
    });
    return () => {
      alive = false;
      made?.close();
      setClient(null);
    };
    // Keyed by the person, not by the copy of their account: confirming the remembered account
    // with the server hands over a new copy of the same person.
  }, [me.id]);
  return client;
}

/** The current view; rebuilt after every local change and every pull. */
/** The latest view each client gave: a card mounted later draws at once from it, instead of
 * drawing empty and then jumping (it still reloads, and follows every change). */
const lastViews = new WeakMap<SyncClient, RecordMap>();

export function useView(client: SyncClient | null): RecordMap | null {
  const [view, setView] = useState<RecordMap | null>(() => (client === null ? null : (lastViews.get(client) ?? null)));
  useEffect(() => {
    if (client === null) return;
    let alive = true;
    const load = () =>
      void client.view().then((v) => {
        lastViews.set(client, v);
        if (alive) setView(v);
      });
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

/** Whether the browser believes it has a network; the answer may be optimistic, never pessimistic. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener("online", on);
    window.addEventListener("offline", off);
    return () => {
      window.removeEventListener("online", on);
      window.removeEventListener("offline", off);
    };
  }, []);
  return online;
}

export interface CopyView<T> {
  /** The server's answer, or the copy kept on this device, or null when there is neither yet. */
  value: T | null;
  fetchedAt: number | null;
  /** loading: asking the server; fresh: `value` is its answer; failed: it could not answer. */
  phase: "loading" | "fresh" | "failed";
  error: ApiError | null;
  online: boolean;
  /** Ask the server again; what is shown stays meanwhile. */
  reload: () => void;
  /** Show and keep the server's answer to a write, which is newer than the last GET. */
  replace: (value: T) => void;
}

type Shown<T> = Pick<CopyView<T>, "value" | "fetchedAt" | "phase" | "error"> & { path: string };
const nothingYet = <T>(path: string): Shown<T> => ({ path, value: null, fetchedAt: null, phase: "loading", error: null });

/**
 * GET `path` for the signed-in `owner`, showing the copy kept on this device until the server
 * answers, or instead of the answer when it cannot. Asks again when the browser comes online.
 */
export function useCopy<T>(owner: number, path: string): CopyView<T> {
  const [shown, setShown] = useState<Shown<T>>(() => nothingYet(path));
  const [round, setRound] = useState(0);
  const online = useOnline();

  useEffect(() => {
    const again = () => setRound((r) => r + 1);
    window.addEventListener("online", again);
    return () => window.removeEventListener("online", again);
  }, []);

  // Each request and each write takes a number; only the latest may change what is shown, so an
  // answer to an older GET never replaces a newer write.
  const latest = useRef(0);

  useEffect(() => {
    const mine = ++latest.current;
    const current = () => latest.current === mine;
    setShown((s) => (s.path !== path ? nothingYet(path) : s.phase === "fresh" ? s : { ...s, phase: "loading" }));
    void database().then(async (db) => {
      const saved = await kept<T>(db, owner, path);
      if (current() && saved !== null) {
        setShown((s) => (s.path === path && s.value === null ? { ...s, value: saved.value, fetchedAt: saved.fetchedAt } : s));
      }
      const got = await fetchAndKeep<T>(db, owner, path, undefined, current);
      if (got === null || !current()) return;
      if (got.fresh) setShown({ path, value: got.copy.value, fetchedAt: got.copy.fetchedAt, phase: "fresh", error: null });
      else setShown({ path, value: got.copy?.value ?? null, fetchedAt: got.copy?.fetchedAt ?? null, phase: "failed", error: got.error });
    });
    return () => {
      latest.current++;
    };
  }, [owner, path, round]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  const replace = useCallback(
    (value: T) => {
      const fetchedAt = Date.now();
      latest.current++;
      setShown({ path, value, fetchedAt, phase: "fresh", error: null });
      void database().then((db) => keep(db, owner, path, value, fetchedAt));
    },
    [owner, path],
  );
  const same = shown.path === path ? shown : nothingYet<T>(path);
  return { ...same, online, reload, replace };
}
