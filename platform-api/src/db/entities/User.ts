import { defineEntity, p } from '@mikro-orm/core';
import type { Role } from '@pocdojo/common/contracts/vocabularies';
import type { Locale } from '@pocdojo/common/notifications';

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
    /** The member's language for e-mails and the app (pt-BR first). */
    locale: p.text().$type<Locale>().default('pt-BR'),
    emailVerifiedAt: p.datetime().nullable(),
    /** A new address waiting for its verification link. */
    pendingEmail: p.text().nullable(),
    /** Bumped to end every live access token of the member (see the MemberTokenVersion migration). */
    tokenVersion: p.integer().default(0),
    /** The confirmed TOTP secret (base32); null without two-factor login. */
    mfaSecret: p.text().nullable().hidden(),
    /** A secret shown for enrolment, kept until a code from it confirms it. */
    mfaPendingSecret: p.text().nullable().hidden(),
    mfaEnabledAt: p.datetime().nullable(),
    /** The last TOTP time step accepted: a code is good once. */
    mfaLastStep: p.bigint('number').nullable().hidden(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type UserEntity = InstanceType<typeof User.class>;
