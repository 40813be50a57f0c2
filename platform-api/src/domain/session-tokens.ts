import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role } from '@pocdojo/common/contracts/vocabularies';
import { isUuid, type TenantId, type UserId } from '@pocdojo/common/ids';
import { Audience, type SigningKey, signToken, TokenType } from '@pocdojo/common/tokens';
import { RefreshToken } from '../db/entities/RefreshToken.ts';
import type { UserEntity } from '../db/entities/User.ts';

export const ACCESS_TTL_SECONDS = 15 * 60;
export const REFRESH_TTL_SECONDS = 30 * 24 * 3600;

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

/**
 * Refresh tokens are opaque: `rt_<tenantId>_<secret>`. The tenant part lets the
 * server set the row-level-security scope before looking the token up; only a
 * SHA-256 of the secret is stored.
 */
export function parseRefreshToken(token: string): { tenantId: TenantId; hash: string } | null {
  const match = /^rt_([0-9a-f-]{36})_([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match || !isUuid(match[1])) return null;
  return { tenantId: match[1] as TenantId, hash: sha256(match[2] as string) };
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

/** Who a session is for: the member as their row stands when the tokens are issued. */
export interface SessionUser {
  id: UserId;
  tenantId: TenantId;
  role: Role;
  tokenVersion: number;
}

/** Issues access tokens and refresh-token families for one signing key. */
export class SessionTokens {
  readonly #key: SigningKey;
  readonly #issuer: string;
  constructor(key: SigningKey, issuer: string) {
    this.#key = key;
    this.#issuer = issuer;
  }

  accessToken(user: SessionUser, familyId: string): Promise<string> {
    return signToken(
      this.#key,
      { type: TokenType.access, audience: Audience.api, issuer: this.#issuer, ttlSeconds: ACCESS_TTL_SECONDS },
      { sub: user.id, tid: user.tenantId, roles: [user.role], ver: user.tokenVersion, fam: familyId },
    );
  }

  /** Creates a refresh token in `familyId` (a new family at login) inside the caller's tenant transaction. */
  refreshToken(em: EntityManager, user: { id: UserId; tenantId: TenantId }, familyId: string = randomUUID()): string {
    const secret = randomBytes(32).toString('base64url');
    em.create(RefreshToken, {
      id: randomUUID(),
      tenantId: user.tenantId,
      userId: user.id,
      familyId,
      tokenHash: sha256(secret),
      expiresAt: new Date(Date.now() + REFRESH_TTL_SECONDS * 1000),
      rotatedAt: null,
      revokedAt: null,
    });
    return `rt_${user.tenantId}_${secret}`;
  }

  async pair(em: EntityManager, user: SessionUser, familyId: string = randomUUID()) {
    const pair: TokenPair = {
      accessToken: await this.accessToken(user, familyId),
      refreshToken: this.refreshToken(em, user, familyId),
      tokenType: 'Bearer',
      expiresIn: ACCESS_TTL_SECONDS,
    };
    return pair;
  }
}

/** Revokes every live token of a family: logout, or reuse of a rotated token. */
export async function revokeFamily(em: EntityManager, familyId: string): Promise<void> {
  await em.nativeUpdate(RefreshToken, { familyId, revokedAt: null }, { revokedAt: new Date() });
}

/**
 * Ends the sessions of a member: every live access token (the token version
 * moves on, and authentication compares it on every request) and every refresh
 * family but `keepFamily`. Role changes and "sign out everywhere" end them all;
 * a password change keeps the caller's own session, whose client gets a new
 * access token with its next refresh. Runs in the transaction of the change.
 */
export async function endSessions(em: EntityManager, member: UserEntity, keepFamily?: string): Promise<void> {
  member.tokenVersion += 1;
  await em.flush();
  await em.nativeUpdate(
    RefreshToken,
    { userId: member.id, revokedAt: null, ...(keepFamily ? { familyId: { $ne: keepFamily } } : {}) },
    { revokedAt: new Date() },
  );
}
