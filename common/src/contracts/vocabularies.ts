/**
 * The closed vocabularies that cross processes: the values a server stores and
 * sends and a client shows and sends back. Browser-safe (no imports), so the
 * web app and every service spell them from here (architecture §4).
 */

/** A member's role in their team (tenant); carried in access tokens. */
export const Roles = ['owner', 'admin', 'member'] as const;
export type Role = (typeof Roles)[number];

/** A person's role in one dojo; carried in dojo tickets. */
export const DojoRoles = ['facilitator', 'participant'] as const;
export type DojoRole = (typeof DojoRoles)[number];

/** Where a POC stands. */
export const PocStatuses = ['idea', 'active', 'done', 'archived'] as const;
export type PocStatus = (typeof PocStatuses)[number];

/** Who may type in a dojo: only the driver, or everyone in the room. */
export const EditPolicies = ['driver', 'everyone'] as const;
export type EditPolicy = (typeof EditPolicies)[number];

/** A scheduled dojo's life: before its room opens, while it is open, after it ended. */
export const DojoStatuses = ['scheduled', 'live', 'finished'] as const;
export type DojoStatus = (typeof DojoStatuses)[number];

/** What a media job renders. */
export const JobKinds = ['report', 'video', 'personal_data'] as const;
export type JobKind = (typeof JobKinds)[number];

/** A media job's life, as platform-api records it from media-worker's results. */
export const JobStatuses = ['queued', 'running', 'succeeded', 'failed'] as const;
export type JobStatus = (typeof JobStatuses)[number];
