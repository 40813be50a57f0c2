import type { Role } from '../api/types.ts';

/** Each role's name in the catalogues (the API's value stays the one sent). */
export const roleLabels = {
  owner: 'members.role.owner',
  admin: 'members.role.admin',
  member: 'members.role.member',
} as const satisfies Record<Role, string>;
