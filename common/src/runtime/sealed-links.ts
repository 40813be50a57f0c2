import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';

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
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** LINK_SEALING_KEY: 32 random bytes, base64 or base64url (`openssl rand -base64 32`). */
export const linkSealingKeySchema = z
  .string()
  .transform((value) => Buffer.from(value, value.includes('+') || value.includes('/') ? 'base64' : 'base64url'))
  .refine((key) => key.length === 32, 'must be 32 random bytes, base64-encoded (openssl rand -base64 32)');

/** A new key in the environment's encoding. */
export const newLinkSealingKey = (): string => randomBytes(32).toString('base64url');

export const isSealedLink = (value: string | null | undefined): value is string =>
  typeof value === 'string' && value.startsWith(PREFIX);

/** Seals `link` (a path of the web app) for `tenantId`. */
export function sealLink(key: Buffer, tenantId: string, link: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(tenantId));
  const body = Buffer.concat([cipher.update(link, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** Opens a sealed link; throws when the key, the tenant or a byte of it is wrong. */
export function openLink(key: Buffer, tenantId: string, sealed: string): string {
  if (!isSealedLink(sealed)) throw new Error('not a sealed link');
  const bytes = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
  if (bytes.length <= IV_BYTES + TAG_BYTES) throw new Error('sealed link too short');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(tenantId));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}
