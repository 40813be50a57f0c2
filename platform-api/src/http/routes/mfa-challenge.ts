import { createVerifier, signToken } from '@pocdojo/common/runtime/tokens';
import { z } from 'zod';
import type { UserEntity } from '../../db/entities/User.ts';
import type { PlatformDeps } from '../../deps.ts';

const CHALLENGE_TYPE = 'mfa-challenge+jwt';
const AUDIENCE = 'pocdojo-login-mfa';
/** How long the second step may wait after the password was right. */
export const CHALLENGE_TTL_SECONDS = 300;

/** A login that needs its second step: the client sends `mfaToken` with a code to `POST /v1/auth/login/mfa`. */
export const mfaChallengeView = z
  .object({
    mfaRequired: z.literal(true),
    /** Signed, short-lived: proves the password step for this account only. */
    mfaToken: z.string(),
    expiresIn: z.number().int(),
  })
  .meta({ id: 'MfaChallenge' });

const claimsSchema = z.object({ tid: z.uuid(), sub: z.uuid(), ver: z.number().int() });

/**
 * The signed token between the password step and the code step. It names the
 * account and its token version, so a password change or a sign-out-everywhere
 * in between voids it.
 */
export function mfaChallenges(deps: Pick<PlatformDeps, 'signingKey' | 'config'>) {
  let verifier: ((token: string) => Promise<z.infer<typeof claimsSchema>>) | undefined;
  return {
    async issue(user: UserEntity): Promise<z.infer<typeof mfaChallengeView>> {
      const mfaToken = await signToken(
        deps.signingKey,
        { type: CHALLENGE_TYPE, audience: AUDIENCE, issuer: deps.config.JWT_ISSUER, ttlSeconds: CHALLENGE_TTL_SECONDS },
        { tid: user.tenantId, sub: user.id, ver: user.tokenVersion },
      );
      return { mfaRequired: true, mfaToken, expiresIn: CHALLENGE_TTL_SECONDS };
    },
    verify(token: string) {
      // Built on first use: route factories also run offline (the OpenAPI writer), without a key.
      verifier ??= createVerifier(
        { jwks: { keys: [deps.signingKey.publicJwk] } },
        { type: CHALLENGE_TYPE, audience: AUDIENCE, issuer: deps.config.JWT_ISSUER, schema: claimsSchema },
      );
      return verifier(token);
    },
  };
}
