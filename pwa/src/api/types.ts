/** Names for the generated wire types (src/api/schema.d.ts comes from the server's OpenAPI). */
import type { components } from "./schema";

type Schemas = components["schemas"];
export type Me = Schemas["Me"];
export type Role = Schemas["Role"];
export type Change = Schemas["Change"];
export type Mutation = Schemas["Mutation"];
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
