import { aesKeySchema, newAesKey, openBytes, sealBytes } from './aead.ts';

/**
 * Links that carry a secret — invitation, password-reset, e-mail-verification
 * and login-unlock tokens — travel from platform-api to notifier sealed with
 * AES-256-GCM under a key both read from the environment (LINK_SEALING_KEY).
 * Sealed, they sit in platform-api's outbox, SQS and notifier's deliveries;
 * only notifier opens one, in memory, to write the e-mail. So no database row
 * or queued message ever holds a usable link: a leaked dump or a curious
 * operator finds ciphertext, and the token's hash alone in account tables.
 * The tenant is the associated data: a sealed link moved to another tenant's
 * event does not open.
 */
const PREFIX = 'sealed.v1.';

/** LINK_SEALING_KEY: 32 random bytes, base64 or base64url (`openssl rand -base64 32`). */
export const linkSealingKeySchema = aesKeySchema;

/** A new key in the environment's encoding. */
export const newLinkSealingKey = newAesKey;

export const isSealedLink = (value: string | null | undefined): value is string =>
  typeof value === 'string' && value.startsWith(PREFIX);

/** Seals `link` (a path of the web app) for `tenantId`. */
export const sealLink = (key: Buffer, tenantId: string, link: string): string =>
  PREFIX + sealBytes(key, tenantId, link).toString('base64url');

/** Opens a sealed link; throws when the key, the tenant or a byte of it is wrong. */
export function openLink(key: Buffer, tenantId: string, sealed: string): string {
  if (!isSealedLink(sealed)) throw new Error('not a sealed link');
  return openBytes(key, tenantId, Buffer.from(sealed.slice(PREFIX.length), 'base64url'));
}
