import { z } from 'zod';
import { Roles } from './vocabularies.ts';

/**
 * platform-api's member lookups for other services (Bearer INTERNAL_TOKEN).
 * `GET /internal/v1/members?tenantId=`: a tenant's members, oldest first (reports and videos name them).
 */
export const tenantMembersSchema = z.object({
  items: z.array(z.object({ id: z.uuid(), name: z.string(), email: z.string(), role: z.enum(Roles) })),
});
export type TenantMember = z.infer<typeof tenantMembersSchema>['items'][number];

/**
 * `GET /internal/v1/members/{userId}?tenantId=`: a member's role and token version now, for
 * services that authorise with platform tokens; 404 when they are not (or no longer) in the team.
 */
export const currentMemberSchema = z.object({ role: z.enum(Roles), tokenVersion: z.number().int() });
export type CurrentMemberAnswer = z.infer<typeof currentMemberSchema>;
