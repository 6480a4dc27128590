/** JSON over fetch with the session cookie, the CSRF header, and problem+json errors. */
import { language } from "../i18n/language";

export interface FieldError {
  field: string;
  message: string;
}

/** An RFC 9457 problem the server answered, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly code: string | null = null,
    readonly errors: FieldError[] = [],
    /** A problem's typed extra: the mutation id a `mutation_gap` wants the outbox resent from. */
    readonly expected: number | null = null,
  ) {
    super(detail);
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }
}

function cookie(name: string): string | null {
  for (const part of document.cookie.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return null;
}

async function csrfToken(): Promise<string> {
  let token = cookie("csrftoken");
  if (token === null) {
    // Any GET makes the server set the cookie.
    await fetch("/api/health", { credentials: "same-origin" });
    token = cookie("csrftoken");
  }
  return token ?? "";
}

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** Call the API. Unsafe methods carry the CSRF header; errors throw ApiError. */
export async function api<T>(
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  body?: unknown,
  doFetch: Fetch = (i, init) => fetch(i, init),
): Promise<T> {
  // The server explains a refusal in the language the reader chose, not the browser's.
  const headers: Record<string, string> = { Accept: "application/json", "Accept-Language": language() };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") headers["X-CSRFToken"] = await csrfToken();
  let response: Response;
  try {
    response = await doFetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "network");
  }
  const text = await response.text();
  const data: unknown = text ? safeJson(text) : null;
  if (!response.ok) {
    const p = (data ?? {}) as { detail?: string; code?: string; errors?: FieldError[]; expected?: unknown };
    const expected = typeof p.expected === "number" && Number.isInteger(p.expected) ? p.expected : null;
    throw new ApiError(response.status, p.detail ?? response.statusText, p.code ?? null, p.errors ?? [], expected);
  }
  return data as T;
}

/** POST `body` and take the answer as a file (a download), or throw ApiError as `api` does. */
export async function download(path: string, body: unknown): Promise<Blob> {
  const headers = {
    Accept: "application/zip, application/json",
    "Accept-Language": language(),
    "Content-Type": "application/json",
    "X-CSRFToken": await csrfToken(),
  };
  let response: Response;
  try {
    response = await fetch(path, { method: "POST", headers, credentials: "same-origin", body: JSON.stringify(body) });
  } catch {
    throw new ApiError(0, "network");
  }
  if (!response.ok) {
    const p = (safeJson(await response.text()) ?? {}) as { detail?: string; code?: string };
    throw new ApiError(response.status, p.detail ?? response.statusText, p.code ?? null);
  }
  return response.blob();
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
