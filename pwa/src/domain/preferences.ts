/** A student's study preferences: one synced record per student, with a derived id. */

/** Namespace of `sync.records.preferences_id`; every device derives the same record id. */
export const PREFERENCES_NAMESPACE = "0b6f3c1e-5a2d-4e8f-9b7c-3d1e2f4a5b6c";

export const PREFERENCE_FIELDS = [
  "weekly_study_hours",
  "nudge_window_start",
  "nudge_window_end",
  "quiet_start",
  "quiet_end",
] as const;

const LOCAL_TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

function bytesOf(uuid: string): Uint8Array {
  const hex = uuid.replaceAll("-", "");
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** RFC 4122 version 5 UUID (SHA-1 of namespace and name), as Python's `uuid.uuid5`. */
export async function uuid5(namespace: string, name: string): Promise<string> {
  const nameBytes = new TextEncoder().encode(name);
  const input = new Uint8Array(16 + nameBytes.length);
  input.set(bytesOf(namespace));
  input.set(nameBytes, 16);
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-1", input)).slice(0, 16);
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = [...hash].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function preferencesId(studentId: number): Promise<string> {
  return uuid5(PREFERENCES_NAMESPACE, `preferences:${studentId}`);
}

export interface PreferenceValues {
  weekly_study_hours: string;
  nudge_window_start: string;
  nudge_window_end: string;
  quiet_start: string;
  quiet_end: string;
}

export type PreferenceError = "hours" | "time";

/**
 * The fields that differ from `stored`, ready for `preferences.set`, or the first problem.
 * Empty times are left unset; hours must lie within 0..100 as the server requires.
 */
export function preferenceChanges(
  values: PreferenceValues,
  stored: Record<string, unknown>,
): { changes: Record<string, string | number> } | { error: PreferenceError; field: keyof PreferenceValues } {
  const changes: Record<string, string | number> = {};
  for (const field of PREFERENCE_FIELDS) {
    const raw = values[field].trim();
    if (raw === "") continue;
    if (field === "weekly_study_hours") {
      const hours = Number(raw);
      if (!Number.isFinite(hours) || hours < 0 || hours > 100) return { error: "hours", field };
      if (stored[field] !== hours) changes[field] = hours;
    } else {
      if (!LOCAL_TIME.test(raw)) return { error: "time", field };
      if (stored[field] !== raw) changes[field] = raw;
    }
  }
  return { changes };
}
