import type { Logger } from '@pocdojo/common/runtime/logger';
import type { UserEntity } from '../db/entities/User.ts';
import { problem } from '../errors.ts';
import type { MfaSecretBox } from './mfa-secret-box.ts';
import { acceptedStep } from './two-factor.ts';

/**
 * A member's TOTP codes against their sealed secret, for every route that asks
 * for one (the login's second step, turning it off, deleting the team).
 */
export function memberTotp(deps: { mfaSecrets: MfaSecretBox; logger: Logger }) {
  const { mfaSecrets } = deps;

  /**
   * A sealed secret, opened in memory. A secret that does not open (a key
   * missing from MFA_SECRET_KEY / MFA_SECRET_PREVIOUS_KEYS, a tampered row) fails
   * closed: logged for the operators, 503 for the member, nobody let in.
   */
  function openSecret(user: UserEntity, sealed: string): string {
    try {
      return mfaSecrets.open(user.tenantId, user.id, sealed);
    } catch (error) {
      deps.logger.error(
        { err: error, reason: (error as Error).message, userId: user.id, tenantId: user.tenantId },
        'two-factor secret unreadable',
      );
      throw problem('mfa_unavailable', 'mfa.unavailable');
    }
  }

  /** Checks a code of the member's confirmed secret and moves their last step on (flush after); false when wrong or reused. */
  function takeCode(user: UserEntity, code: string): boolean {
    if (!user.mfaSecret) return false;
    const secret = openSecret(user, user.mfaSecret);
    const step = acceptedStep(secret, code, user.mfaLastStep ?? null);
    if (step === null) return false;
    user.mfaLastStep = step;
    // After a key rotation, each secret moves to the current key the next time it is used.
    if (mfaSecrets.isStale(user.mfaSecret)) user.mfaSecret = mfaSecrets.seal(user.tenantId, user.id, secret);
    return true;
  }

  return { openSecret, takeCode };
}
