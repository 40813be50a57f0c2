import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

/**
 * TOTP as every authenticator app reads it (RFC 6238 defaults): HMAC-SHA1,
 * six digits, 30-second steps. One step either side is accepted for clock drift.
 */
const TOTP_SETTINGS = { issuer: 'PocDojo', algorithm: 'SHA1', digits: 6, period: 30 } as const;
const DRIFT_STEPS = 1;
/** How many recovery codes a member gets; each works once. */
export const RECOVERY_CODE_COUNT = 10;
/** argon2id like passwords: recovery codes are credentials. */
const hashOptions = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** A new random secret (160 bits, base32), for enrolment. */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

const totp = (secret: string, account = '') =>
  new TOTP({ ...TOTP_SETTINGS, label: account, secret: Secret.fromBase32(secret) });

/** What an authenticator app scans: the otpauth:// URI and the same as a QR code (SVG). */
export async function enrolmentCode(secret: string, account: string): Promise<{ otpauthUri: string; qrSvg: string }> {
  const otpauthUri = totp(secret, account).toString();
  const qrSvg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { otpauthUri, qrSvg };
}

/**
 * The time step `code` belongs to when it is right for `secret` now (within the
 * drift) and newer than `lastStep`, the step last accepted — so a code seen
 * over a shoulder or replayed from a log cannot be used again; else null.
 */
export function acceptedStep(secret: string, code: string, lastStep: number | null, now = Date.now()): number | null {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const generator = totp(secret);
  const delta = generator.validate({ token, timestamp: now, window: DRIFT_STEPS });
  if (delta === null) return null;
  const step = generator.counter({ timestamp: now }) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

/** The code an authenticator shows for `secret` at `timestamp` (tests, and nothing else). */
export const currentCode = (secret: string, timestamp = Date.now()): string => totp(secret).generate({ timestamp });

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Fresh recovery codes, `xxxxx-xxxxx` (about 49 bits each), shown to the member once. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = [...randomBytes(10)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Case, spaces and dashes do not matter when a code is typed back. */
const normalize = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');

export const hashRecoveryCode = (code: string) => hash(normalize(code), hashOptions);

/** The id of the unused code `code` matches among `stored`, or null. */
export async function matchRecoveryCode(
  stored: ReadonlyArray<{ id: string; codeHash: string }>,
  code: string,
): Promise<string | null> {
  const typed = normalize(code);
  if (typed.length !== 10) return null;
  for (const candidate of stored) {
    if (await verify(candidate.codeHash, typed, hashOptions)) return candidate.id;
  }
  return null;
}
