/** A school's limits for a track: typed in hours on the administrator's screen, sent in minutes
 * within the bounds of `sync.kinds.HeavyStudyMinutes` and `ScarceFreeMinutes`. */
import type { SchoolTrack, TrackLimitsSetting } from "../api/types";

export const STUDY_HOURS = { min: 1, max: 100 } as const;
export const FREE_HOURS = { min: 0, max: 50 } as const;

export interface LimitHours {
  study: string;
  free: string;
}

export type LimitError = "study" | "free";

function hours(minutes: number): string {
  return String(Math.round((minutes / 60) * 100) / 100);
}

/** The track's limits as the form shows them. */
export function hoursOf(track: SchoolTrack): LimitHours {
  return { study: hours(track.heavy_study_minutes), free: hours(track.scarce_free_minutes) };
}

function minutesOf(typed: string, bounds: { min: number; max: number }): number | null {
  const text = typed.trim().replace(",", ".");
  if (text === "") return null;
  const value = Number(text);
  if (!Number.isFinite(value) || value < bounds.min || value > bounds.max) return null;
  return Math.round(value * 60);
}

/** The body of `PUT /api/school/tracks/{track}`, or which field to correct. */
export function limitsFromHours(typed: LimitHours): { limits: TrackLimitsSetting } | { error: LimitError } {
  const study = minutesOf(typed.study, STUDY_HOURS);
  if (study === null) return { error: "study" };
  const free = minutesOf(typed.free, FREE_HOURS);
  if (free === null) return { error: "free" };
  return { limits: { heavy_study_minutes: study, scarce_free_minutes: free } };
}
