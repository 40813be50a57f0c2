import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * AES-256-GCM sealing, the one place PocDojo encrypts: sealed links
 * (`sealed-links.ts`) and secrets at rest (platform-api's TOTP secrets).
 * A sealed value is `iv (12) | tag (16) | ciphertext`; the associated data
 * binds it to where it belongs (a tenant, a member), so a value copied
 * elsewhere does not open.
 */
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** An AES-256 key from the environment: 32 random bytes, base64 or base64url (`openssl rand -base64 32`). */
export const aesKeySchema = z
  .string()
  .transform((value) => Buffer.from(value, value.includes('+') || value.includes('/') ? 'base64' : 'base64url'))
  .refine((key) => key.length === 32, 'must be 32 random bytes, base64-encoded (openssl rand -base64 32)');

/** A new key in the environment's encoding. */
export const newAesKey = (): string => randomBytes(32).toString('base64url');

/**
 * A short, stable, non-secret name of a key (8 hex digits of its SHA-256), written
 * beside what it sealed so that, after a rotation, the right key is picked to open it.
 */
export const keyId = (key: Buffer): string => createHash('sha256').update(key).digest('hex').slice(0, 8);

export function sealBytes(key: Buffer, associatedData: string, plaintext: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(associatedData));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** Opens what sealBytes sealed; throws when the key, the associated data or a byte is wrong. */
export function openBytes(key: Buffer, associatedData: string, sealed: Buffer): string {
  if (sealed.length <= IV_BYTES + TAG_BYTES) throw new Error('sealed value too short');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(associatedData));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}
