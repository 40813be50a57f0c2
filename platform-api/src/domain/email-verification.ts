import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { TenantId } from '@pocdojo/common/ids';
import type { UserEntity } from '../db/entities/User.ts';
import { notify } from './notify.ts';
import { issueOneTimeToken } from './one-time-tokens.ts';

/**
 * Sends `email` a single-use link proving the member owns it: a new account's
 * address, or the new address of a profile change (applied only once verified).
 * Earlier unused links of the member stop working.
 */
export async function requestEmailVerification(em: EntityManager, user: UserEntity, email: string): Promise<void> {
  const tenantId = user.tenantId as TenantId;
  const { token, hash, expiresAt } = issueOneTimeToken('emailVerification', tenantId);
  await em.execute(
    `update account_tokens set used_at = now() where user_id = ? and purpose = 'email_verification' and used_at is null`,
    [user.id],
  );
  await em.execute(
    `insert into account_tokens (id, tenant_id, user_id, purpose, email, token_hash, expires_at)
     values (?, ?, ?, 'email_verification', ?, ?, ?)`,
    [randomUUID(), tenantId, user.id, email, hash, expiresAt],
  );
  notify(em, tenantId, `user:${user.id}`, {
    kind: 'email.verification_requested',
    // Sent to the address being verified, not the one on file.
    recipients: [{ userId: user.id, email, name: user.name, locale: user.locale }],
    link: `/verify-email?token=${token}`,
  });
}
