import { createHash, randomBytes } from 'node:crypto';
import { isUuid, type TenantId } from '@pocdojo/common/contracts/ids';

/** What a one-time link token is for; the prefix keeps one kind from being used as another. */
export const TokenPurposes = {
  invitation: 'inv',
  passwordReset: 'pwr',
  emailVerification: 'vfy',
  loginUnlock: 'unl',
} as const;
export type TokenPurpose = keyof typeof TokenPurposes;

/** How long each link stays valid, sized against how soon people act on such an e-mail. */
export const TokenLifetimes: Record<TokenPurpose, number> = {
  invitation: 7 * 24 * 3600_000,
  passwordReset: 60 * 60_000,
  emailVerification: 3 * 24 * 3600_000,
  // As long as the longest login delay: after that the throttle has let go by itself.
  loginUnlock: 15 * 60_000,
};

export const hashToken = (secret: string) => createHash('sha256').update(secret).digest('base64url');

/**
 * A one-time link token: `<prefix>_<tenantId>_<secret>`. The tenant part lets the
 * server set the row-level-security scope before looking it up (as refresh
 * tokens do); only the SHA-256 of the secret is stored, so a database leak
 * yields no usable link.
 */
export function issueOneTimeToken(
  purpose: TokenPurpose,
  tenantId: TenantId,
): { token: string; hash: string; expiresAt: Date } {
  const secret = randomBytes(32).toString('base64url');
  return {
    token: `${TokenPurposes[purpose]}_${tenantId}_${secret}`,
    hash: hashToken(secret),
    expiresAt: new Date(Date.now() + TokenLifetimes[purpose]),
  };
}

export function parseOneTimeToken(purpose: TokenPurpose, token: string): { tenantId: TenantId; hash: string } | null {
  const match = /^([a-z]{3})_([0-9a-f-]{36})_([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match || match[1] !== TokenPurposes[purpose] || !isUuid(match[2])) return null;
  return { tenantId: match[2] as TenantId, hash: hashToken(match[3] as string) };
}
