import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
  jwtVerify,
  SignJWT,
} from 'jose';
import { z } from 'zod';
import { type DojoTicketClaims, dojoTicketClaimsSchema } from './contracts/dojo-protocol/ticket.ts';
import { type Role, Roles } from './contracts/vocabularies.ts';
import type { TenantId, UserId } from './ids.ts';

/** The one algorithm we sign with: Ed25519 (asymmetric, small keys, fast verification). */
export const SIGNING_ALG = 'EdDSA';

/** Token kinds, carried in the JOSE `typ` header so that a ticket can never be used as an access token. */
export const TokenType = { access: 'at+jwt', dojoTicket: 'dojo-ticket+jwt' } as const;

/** Audiences: who a token is meant for. */
export const Audience = { api: 'pocdojo-api', dojo: 'pocdojo-dojo' } as const;

export const DEFAULT_ISSUER = 'pocdojo-platform';

/** A ticket's claims are part of the dojo protocol (contracts/dojo-protocol/ticket.ts). */
export type { DojoSettings, DojoTicketClaims } from './contracts/dojo-protocol/ticket.ts';

/** Claims of an access token (architecture §4). */
export interface AccessClaims {
  sub: UserId;
  tid: TenantId;
  roles: Role[];
  /**
   * The member's token version when the token was issued. platform-api refuses
   * the token once the member's row has moved on (role or password changed,
   * signed out everywhere); services that cannot read the row ignore it.
   */
  ver?: number;
  /** The refresh-token family (session) the token was issued in, so that "every other session" can be told apart. */
  fam?: string;
}

const uuid = z.uuid();
const accessSchema = z.object({
  sub: uuid,
  tid: uuid,
  roles: z.array(z.enum(Roles)).min(1),
  ver: z.number().int().nonnegative().optional(),
  fam: uuid.optional(),
});

/** Why a token was refused; `code` is stable and safe to show to clients. */
export class TokenError extends Error {
  readonly code: 'token_expired' | 'token_invalid';
  constructor(code: TokenError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TokenError';
    this.code = code;
  }
}

/** A private signing key with its public half published as a JWK. */
export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/** Generates a new Ed25519 key pair; `privateJwk` is what to store (file or secret). */
export async function generateSigningKey(): Promise<{ key: SigningKey; privateJwk: JWK }> {
  const { privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const privateJwk = await exportJWK(privateKey);
  return { key: await importSigningKey(privateJwk), privateJwk };
}

/** Imports a private Ed25519 JWK (as stored in `.data/keys` or the `JWT_PRIVATE_JWK` secret). */
export async function importSigningKey(privateJwk: JWK): Promise<SigningKey> {
  const privateKey = (await importJWK({ ...privateJwk, alg: SIGNING_ALG }, SIGNING_ALG)) as CryptoKey;
  const { d: _secret, ...publicPart } = privateJwk;
  const kid = await calculateJwkThumbprint(publicPart);
  return { kid, privateKey, publicJwk: { ...publicPart, kid, alg: SIGNING_ALG, use: 'sig' } };
}

/** Signs the claims of `type` for `audience`, valid for `ttlSeconds`. */
export async function signToken(
  key: SigningKey,
  options: { type: string; audience: string; issuer?: string; ttlSeconds: number; now?: number },
  claims: Record<string, unknown>,
): Promise<string> {
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: SIGNING_ALG, kid: key.kid, typ: options.type })
    .setIssuer(options.issuer ?? DEFAULT_ISSUER)
    .setAudience(options.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + options.ttlSeconds)
    .sign(key.privateKey);
}

/** Where verifiers get public keys: the platform's JWKS URL in services, a local set in tests. */
export type KeySource = { jwksUrl: string } | { jwks: JSONWebKeySet };

function keyResolver(source: KeySource): JWTVerifyGetKey {
  return 'jwksUrl' in source
    ? createRemoteJWKSet(new URL(source.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 600_000 })
    : createLocalJWKSet(source.jwks);
}

/** Verifies tokens of one type and audience against a key source. */
export function createVerifier<T>(
  source: KeySource,
  options: { type: string; audience: string; issuer?: string; schema: z.ZodType<T> },
): (token: string) => Promise<T> {
  const getKey = keyResolver(source);
  return async (token) => {
    if (typeof token !== 'string' || token.length === 0 || token.length > 32_768) {
      throw new TokenError('token_invalid', 'missing or oversized token');
    }
    try {
      const { payload } = await jwtVerify(token, getKey, {
        algorithms: [SIGNING_ALG],
        typ: options.type,
        audience: options.audience,
        issuer: options.issuer ?? DEFAULT_ISSUER,
        // A token without an expiry would be valid forever: never accept one.
        requiredClaims: ['exp', 'iat'],
        clockTolerance: 5,
      });
      const claims = options.schema.safeParse(payload);
      if (!claims.success) throw new TokenError('token_invalid', 'token claims are malformed');
      return claims.data;
    } catch (error) {
      if (error instanceof TokenError) throw error;
      if (error instanceof errors.JWTExpired)
        throw new TokenError('token_expired', 'token has expired', { cause: error });
      throw new TokenError('token_invalid', 'token signature or claims are invalid', { cause: error });
    }
  };
}

/** Verifies access tokens (Authorization: Bearer) issued by platform-api. */
export const createAccessVerifier = (source: KeySource, issuer?: string) =>
  createVerifier(source, {
    type: TokenType.access,
    audience: Audience.api,
    issuer,
    schema: accessSchema as unknown as z.ZodType<AccessClaims>,
  });

/** Verifies dojo tickets; dojo-engine trusts nothing else to admit a client. */
export const createTicketVerifier = (source: KeySource, issuer?: string) =>
  createVerifier(source, {
    type: TokenType.dojoTicket,
    audience: Audience.dojo,
    issuer,
    schema: dojoTicketClaimsSchema,
  });

/** Signs a dojo ticket (platform-api): the claims the verifier above accepts, for `ttlSeconds`. */
export const signDojoTicket = (
  key: SigningKey,
  claims: DojoTicketClaims,
  options: { ttlSeconds: number; issuer?: string; now?: number },
): Promise<string> =>
  signToken(key, { ...options, type: TokenType.dojoTicket, audience: Audience.dojo }, { ...claims });
