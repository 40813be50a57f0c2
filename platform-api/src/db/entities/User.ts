import { defineEntity, p } from '@mikro-orm/core';
import type { Role } from '@pocdojo/common/tokens';

/** A member of one tenant, with one tenant role. */
export const User = defineEntity({
  name: 'User',
  tableName: 'users',
  properties: {
    id: p.uuid().primary(),
    tenantId: p.uuid(),
    email: p.text(),
    name: p.text(),
    role: p.text().$type<Role>(),
    passwordHash: p.text().hidden(),
    mustChangePassword: p.boolean().default(false),
    /** Bumped to end every live access token of the member (see the MemberTokenVersion migration). */
    tokenVersion: p.integer().default(0),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type UserEntity = InstanceType<typeof User.class>;
