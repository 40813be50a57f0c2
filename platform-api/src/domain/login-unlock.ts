import type { TenantId } from '@pocdojo/common/contracts/ids';
import type { UserEntity } from '../db/entities/User.ts';
import { inTenant } from '../db/tenant-scope.ts';
import type { PlatformDeps } from '../deps.ts';
import { issueAccountToken } from './account-tokens.ts';
import { notify, recipientOf } from './notify.ts';
import { TokenLifetimes } from './one-time-tokens.ts';

/**
 * Mails the owner of a throttled login a single-use, expiring link that clears
 * the throttle (`POST /v1/auth/login-unlock`): the way back in without a
 * captcha and without an account-wide lock an attacker could trigger. The
 * caller limits it to one per throttle window (AuthRateLimits.claimUnlockMail).
 */
export async function mailUnlockLink(deps: PlatformDeps, user: UserEntity): Promise<void> {
  const tenantId = user.tenantId as TenantId;
  await inTenant(deps.orm, tenantId, async (em) => {
    const token = await issueAccountToken(em, 'loginUnlock', user, user.email);
    notify(em, tenantId, `user:${user.id}`, {
      kind: 'login.unlock_requested',
      recipients: [recipientOf(user)],
      params: { expiresInMinutes: String(TokenLifetimes.loginUnlock / 60_000) },
      sealedLink: deps.sealLink(tenantId, `/unlock-login?token=${token}`),
    });
  });
  deps.eventsWritten();
}
