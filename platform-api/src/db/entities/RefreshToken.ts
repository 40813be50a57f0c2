import { defineEntity, p } from '@mikro-orm/core';

/**
 * One refresh token of a rotation family. Only its SHA-256 is stored; presenting
 * a token whose `rotatedAt` is set is reuse, and revokes the whole family.
 */
export const RefreshToken = defineEntity({
  name: 'RefreshToken',
  tableName: 'refresh_tokens',
  properties: {
    id: p.uuid().primary(),
    tenantId: p.uuid(),
    userId: p.uuid(),
    familyId: p.uuid(),
    tokenHash: p.text(),
    expiresAt: p.datetime(),
    rotatedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type RefreshTokenEntity = InstanceType<typeof RefreshToken.class>;
