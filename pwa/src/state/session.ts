/**
 * Who is signed in on this device, and the sync client that serves them.
 *
 * The signed-in person is remembered in IndexedDB so the app opens offline; the server's
 * answer to /api/me confirms it when a connection is there.
 */
import { api, ApiError } from "../api/http";
import type { Me, PullRequest, PullResponse, PushRequest, PushResponse, RegisterRequest } from "../api/types";
import { SyncClient, type Transport } from "../sync/client";
import { openDatabase, readMeta, wipe, writeMeta, type Database } from "../sync/db";

const httpTransport: Transport = {
  push: (request: PushRequest) => api<PushResponse>("POST", "/api/sync/push", request),
  pull: (request: PullRequest) => api<PullResponse>("POST", "/api/sync/pull", request),
};

const FALLBACK_PULL_MS = 5 * 60_000;

let dbPromise: Promise<Database> | null = null;
export const database = (): Promise<Database> => (dbPromise ??= openDatabase());

/** The person remembered on this device, if any. */
export async function rememberedUser(): Promise<Me | null> {
  return (await readMeta(await database())).user;
}

/** Confirm the session with the server: the user, null when signed out, or undefined offline. */
export async function confirmUser(): Promise<Me | null | undefined> {
  try {
    return await api<Me>("GET", "/api/me");
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    return undefined;
  }
}

/** Sign in; a different person than the one remembered starts from an empty device store. */
export async function signIn(login: string, password: string): Promise<Me> {
  return remember(await api<Me>("POST", "/api/auth/login", { login, password }));
}

/** Create an account (and be signed in to it). */
export async function register(body: RegisterRequest): Promise<Me> {
  return remember(await api<Me>("POST", "/api/auth/register", body));
}

/** Set a new password with an administrator's reset code (and be signed in). */
export async function redeemReset(login: string, code: string, newPassword: string): Promise<Me> {
  return remember(
    await api<Me>("POST", "/api/auth/password-reset", { login, code, new_password: newPassword }),
  );
}

async function remember(me: Me): Promise<Me> {
  const db = await database();
  const previous = (await readMeta(db)).user;
  if (previous !== null && previous.id !== me.id) await wipe(db);
  await readMeta(db);
  await writeMeta(db, { user: me });
  return me;
}

/**
 * Make `next` the account's language (its notifications and summaries follow it), and remember
 * the account so with it on this device: the next start speaks it before the server answers.
 * Fails offline, when the account keeps its own.
 */
export async function saveLanguage(next: string): Promise<Me> {
  return remember(await api<Me>("PATCH", "/api/me", { locale: next }));
}

export async function signOut(): Promise<void> {
  try {
    await api("POST", "/api/auth/logout");
  } catch {
    // Signing out must work offline too: the device forgets everything either way.
  }
  await wipe(await database());
  // The device forgets the person, not the language it is read in.
  const language = localStorage.getItem("language");
  localStorage.clear();
  if (language !== null) localStorage.setItem("language", language);
}

/**
 * Start syncing for `me`: on open, on `online`, on visibility, and on server pokes. Closing the
 * client stops all of it, so a sign-out or a new session leaves no second client behind.
 */
export async function startSync(me: Me): Promise<SyncClient> {
  const db = await database();
  await readMeta(db);
  const client = new SyncClient(db, httpTransport, {
    homeSpace: me.id,
    locks: typeof navigator !== "undefined" && "locks" in navigator ? navigator.locks : null,
    channel: typeof BroadcastChannel !== "undefined" ? new BroadcastChannel("waypoint-sync") : null,
  });
  await client.refresh();
  client.requestSync();
  const online = () => client.requestSync();
  const visible = () => {
    if (document.visibilityState === "visible") client.requestSync();
  };
  window.addEventListener("online", online);
  document.addEventListener("visibilitychange", visible);
  // A safety net for pokes lost with a dropped connection: pull now and then while in view.
  const fallback = setInterval(visible, FALLBACK_PULL_MS);
  const pokes = listenForPokes(client);
  client.onClose(() => {
    window.removeEventListener("online", online);
    document.removeEventListener("visibilitychange", visible);
    clearInterval(fallback);
    pokes?.close();
  });
  return client;
}

const pokeListeners = new Set<() => void>();

/**
 * Hear the server's pokes (a record or a request of this person changed) on the one event
 * stream the sync client keeps open; a second stream per screen would use up the browser's
 * few connections to the server.
 */
export function onPoke(listener: () => void): () => void {
  pokeListeners.add(listener);
  return () => pokeListeners.delete(listener);
}

function listenForPokes(client: SyncClient): EventSource | null {
  if (typeof EventSource === "undefined") return null;
  const source = new EventSource("/api/sync/events", { withCredentials: true });
  source.addEventListener("poke", () => {
    client.requestSync();
    for (const listener of pokeListeners) listener();
  });
  source.addEventListener("ready", () => client.requestSync());
  // EventSource reconnects by itself; the server says "ready" on each connection, since
  // pokes sent while the stream was down were missed.
  return source;
}
