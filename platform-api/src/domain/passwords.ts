import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id (the library's default algorithm; its enum is a const enum that type
 * stripping cannot import) with OWASP's minimum (m=19 MiB, t=2, p=1): ≈ 10–20 ms per hash here.
 */
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, options);

export const verifyPassword = (passwordHash: string, password: string) => verify(passwordHash, password, options);

/** A hash of a random password, verified against when the user does not exist so timing reveals nothing. */
export const dummyHash = hash(randomBytes(16).toString('hex'), options);
