import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { TenantId } from '@pocdojo/common/contracts/ids';
import type { UserEntity } from '../db/entities/User.ts';
import { issueOneTimeToken } from './one-time-tokens.ts';

/** How each purpose is stored in `account_tokens.purpose`. */
export const AccountTokenPurposes = {
  passwordReset: 'password_reset',
  emailVerification: 'email_verification',
  loginUnlock: 'login_unlock',
} as const;

/**
 * Issues a single-use link token for one member (reset or verification) inside
 * the caller's tenant transaction, retiring the member's earlier live tokens
 * of the same purpose: only the newest e-mail works. Returns the token for the link.
 */
export async function issueAccountToken(
  em: EntityManager,
  purpose: 'passwordReset' | 'emailVerification' | 'loginUnlock',
  user: UserEntity,
  email: string,
): Promise<string> {
  const column = AccountTokenPurposes[purpose];
  const { token, hash, expiresAt } = issueOneTimeToken(purpose, user.tenantId as TenantId);
  await em.execute(`update account_tokens set used_at = now() where user_id = ? and purpose = ? and used_at is null`, [
    user.id,
    column,
  ]);
  await em.execute(
    `insert into account_tokens (id, tenant_id, user_id, purpose, email, token_hash, expires_at) values (?, ?, ?, ?, ?, ?, ?)`,
    [randomUUID(), user.tenantId, user.id, column, email, hash, expiresAt],
  );
  return token;
}
