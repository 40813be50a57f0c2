import type { EntityManager } from '@mikro-orm/postgresql';
import type { TenantId } from '@pocdojo/common/contracts/ids';
import type { UserEntity } from '../db/entities/User.ts';
import { issueAccountToken } from './account-tokens.ts';
import { notify } from './notify.ts';

/**
 * Sends `email` a single-use link proving the member owns it: a new account's
 * address, or the new address of a profile change (applied only once verified).
 * Earlier unused links of the member stop working.
 */
export async function requestEmailVerification(
  em: EntityManager,
  user: UserEntity,
  email: string,
  sealLink: (tenantId: TenantId, link: string) => string,
): Promise<void> {
  const tenantId = user.tenantId as TenantId;
  const token = await issueAccountToken(em, 'emailVerification', user, email);
  notify(em, tenantId, `user:${user.id}`, {
    kind: 'email.verification_requested',
    // Sent to the address being verified, not the one on file.
    recipients: [{ userId: user.id, email, name: user.name, locale: user.locale }],
    sealedLink: sealLink(tenantId, `/verify-email?token=${token}`),
  });
}
