import { keyId, openBytes, sealBytes } from '@pocdojo/common/runtime/aead';

/**
 * TOTP secrets at rest (issue 12): `users.mfa_secret` and `mfa_pending_secret`
 * hold `mfa.v1.<key id>.<AES-256-GCM sealed secret>`, never the secret itself,
 * so a database dump or a read replica alone cannot mint a member's codes. The
 * key comes from the environment (MFA_SECRET_KEY); earlier keys stay readable
 * through MFA_SECRET_PREVIOUS_KEYS, and the key id in each value says which
 * one sealed it — a rotation needs no downtime, and each secret moves to the
 * current key the next time it is used. The associated data is the tenant and
 * the member: a sealed secret copied onto another account does not open.
 */
const PREFIX = 'mfa.v1.';

/** A sealed secret that cannot be opened: unknown key id, wrong key, or a value moved or tampered with. */
export class MfaSecretUnreadable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MfaSecretUnreadable';
  }
}

export interface MfaSecretBox {
  /** The current key's id (what seal writes). */
  readonly currentKeyId: string;
  seal(tenantId: string, userId: string, secret: string): string;
  /** The secret; throws MfaSecretUnreadable, never answers a guess (fail closed). */
  open(tenantId: string, userId: string, sealed: string): string;
  /** True when `sealed` was sealed under an older key and should be sealed again. */
  isStale(sealed: string): boolean;
}

export const isSealedMfaSecret = (value: string): boolean => value.startsWith(PREFIX);

const associatedData = (tenantId: string, userId: string) => `mfa-secret:${tenantId}:${userId}`;

/** `current` seals; `previous` (older keys, newest first) only open. */
export function mfaSecretBox(current: Buffer, previous: readonly Buffer[] = []): MfaSecretBox {
  const keys = new Map<string, Buffer>();
  for (const key of [current, ...previous]) if (!keys.has(keyId(key))) keys.set(keyId(key), key);
  const currentKeyId = keyId(current);
  const parse = (sealed: string) => {
    if (!isSealedMfaSecret(sealed)) throw new MfaSecretUnreadable('the stored two-factor secret is not sealed');
    const rest = sealed.slice(PREFIX.length);
    const dot = rest.indexOf('.');
    return { id: rest.slice(0, dot), body: rest.slice(dot + 1) };
  };
  return {
    currentKeyId,
    seal: (tenantId, userId, secret) =>
      `${PREFIX}${currentKeyId}.${sealBytes(current, associatedData(tenantId, userId), secret).toString('base64url')}`,
    open(tenantId, userId, sealed) {
      const { id, body } = parse(sealed);
      const key = keys.get(id);
      if (!key) {
        throw new MfaSecretUnreadable(
          `two-factor secret sealed under key ${id}, which is neither MFA_SECRET_KEY (${currentKeyId}) nor in MFA_SECRET_PREVIOUS_KEYS`,
        );
      }
      try {
        return openBytes(key, associatedData(tenantId, userId), Buffer.from(body, 'base64url'));
      } catch (error) {
        throw new MfaSecretUnreadable(`two-factor secret does not open with key ${id} for this member`, {
          cause: error,
        });
      }
    },
    isStale: (sealed) => parse(sealed).id !== currentKeyId,
  };
}
