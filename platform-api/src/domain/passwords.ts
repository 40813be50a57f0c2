import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id (the library's default algorithm; its enum is a const enum that type
 * stripping cannot import) with OWASP's minimum (m=19 MiB, t=2, p=1): ≈ 10–20 ms per hash here.
 */
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

/** Why a password is refused: a key of the message catalogue (`password.length` names PASSWORD_MIN/MAX). */
export type PasswordViolation = 'password.length' | 'password.classes' | 'password.distinct' | 'password.email_name';

/**
 * The password policy's verdict, or null when acceptable:
 * 10–200 characters, not all one character class, not the email.
 */
export function passwordPolicyViolation(password: string, email?: string): PasswordViolation | null {
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) return 'password.length';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 2) return 'password.classes';
  if (new Set(password).size < 4) return 'password.distinct';
  if (email && password.toLowerCase().includes(email.toLowerCase().split('@')[0] ?? '\u0000')) {
    return 'password.email_name';
  }
  return null;
}

export const hashPassword = (password: string) => hash(password, options);

export const verifyPassword = (passwordHash: string, password: string) => verify(passwordHash, password, options);

/** A hash of a random password, verified against when the user does not exist so timing reveals nothing. */
export const dummyHash = hash(randomBytes(16).toString('hex'), options);
