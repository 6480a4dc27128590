/** The learner profile: one synced record per student, with a derived id. */
import { uuid5Sync } from "./uuid5";

/** Namespace of `sync.records.profile_id`. */
export const PROFILE_NAMESPACE = "2c8e4a6b-1d3f-4b5a-9e7c-0a1b2c3d4e5f";

export function profileId(studentId: number): string {
  return uuid5Sync(PROFILE_NAMESPACE, `profile:${studentId}`);
}

export const PROFILE_TEXTS = ["strengths", "challenges", "interests", "aims"] as const;

/** Tags typed as a comma-separated line: trimmed, without empties or repeats, at most 20. */
export function tagsOf(line: string): string[] {
  const seen = new Set<string>();
  for (const part of line.split(",")) {
    const tag = part.trim().slice(0, 40);
    if (tag !== "") seen.add(tag);
  }
  return [...seen].slice(0, 20);
}
