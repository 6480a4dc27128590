/** Names for the generated wire types (src/api/schema.d.ts comes from the server's OpenAPI). */
import type { components } from "./schema";

type Schemas = components["schemas"];
export type Me = Schemas["Me"];
export type Role = Schemas["Role"];
export type Change = Schemas["Change"];
export type Mutation = Schemas["Mutation"];
/** The arguments of each mutation, by name: `client.mutate` accepts exactly these. */
export type MutationArgs = Schemas["MutationArgs"];
export type MutationName = keyof MutationArgs;
export type MutationResult = Schemas["MutationResult"];
export type LostValue = Schemas["LostValue"];
export type PushRequest = Schemas["PushRequest"];
export type PushResponse = Schemas["PushResponse"];
export type PullRequest = Schemas["PullRequest"];
export type PullResponse = Schemas["PullResponse"];
export type RosterEntry = Schemas["RosterEntry"];
export type LoginRequest = Schemas["LoginRequest"];
export type RegisterRequest = Schemas["RegisterRequest"];
export type StudentProfile = Schemas["StudentProfile"];
export type ApprovalItem = Schemas["ApprovalItem"];
export type DecisionItem = Schemas["DecisionItem"];
export type DecisionReport = Schemas["DecisionReport"];
export type PushPreferences = Schemas["Preferences"];
export type PushPreferencesUpdate = Schemas["PreferencesUpdate"];
export type SubscriptionCreate = Schemas["SubscriptionCreate"];
export type VapidPublicKey = Schemas["VapidPublicKey"];
export type Digest = Schemas["Digest"];
export type DigestSummary = Schemas["DigestSummary"];
export type DigestPreview = Schemas["DigestPreview"];
export type ChildSection = Schemas["ChildSection"];
export type TimeSummary = Schemas["TimeSummary"];
export type ClassSummary = Schemas["ClassSummary"];
export type ClassPolicy = Schemas["PolicyBody"];
export type StudentOverview = Schemas["StudentOverview"];
export type GoalOverview = Schemas["GoalOverview"];
export type SessionInfo = Schemas["SessionInfo"];
export type Viewer = Schemas["Viewer"];
export type Link = Schemas["Link"];
export type SchoolAccount = Schemas["SchoolAccount"];
export type SchoolClassEntry = Schemas["SchoolClassEntry"];
export type TeacherInvite = Schemas["TeacherInvite"];
export type ResetCode = Schemas["ResetCode"];
export type SchoolTrack = Schemas["SchoolTrack"];
export type TrackLimitsSetting = Schemas["TrackLimitsSetting"];

export type Milestone = Schemas["Milestone"];
export type Attention = Schemas["Attention"];
export type MenteeSummary = Schemas["MenteeSummary"];
export type MenteeView = Schemas["MenteeView"];
export type MentorNote = Schemas["Note"];
export type Mentor = Schemas["Mentor"];
export type AccessEntry = Schemas["AccessEntry"];
export type Observation = Schemas["ObservationState"];
export type GoalUnit = MutationArgs["goal.create"]["unit"];
export type TimeKind = MutationArgs["time.log"]["kind"];
export type FreeCategory = NonNullable<MutationArgs["time.log"]["category"]>;

/**
 * Every member of the string union `T`, in the order a screen lists them. The compiler rejects
 * a list that misses a member or has one the server would refuse, so it follows the server.
 */
export const everyOf =
  <T extends string>() =>
  <const L extends readonly T[]>(list: L & ([T] extends [L[number]] ? unknown : never)): L =>
    list;

/** `value` if it is one of `list`, else null: for values read back from synced records. */
export function oneOf<T extends string>(list: readonly T[], value: unknown): T | null {
  return list.find((item) => item === value) ?? null;
}
export type Objective = Schemas["Objective"];
export type ObjectivesImported = Schemas["ObjectivesImported"];
export type Mastery = Schemas["Mastery"];
