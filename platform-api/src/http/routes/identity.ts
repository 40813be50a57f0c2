import { randomUUID } from 'node:crypto';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { TenantId, UserId } from '@pocdojo/common/contracts/ids';
import { Locales } from '@pocdojo/common/contracts/notifications';
import { passwordPolicyViolation } from '@pocdojo/common/contracts/password-policy';
import { responseLocale } from '@pocdojo/common/runtime/problem';
import { z } from 'zod';
import { RefreshToken } from '../../db/entities/RefreshToken.ts';
import { Tenant } from '../../db/entities/Tenant.ts';
import { User } from '../../db/entities/User.ts';
import { inTenant } from '../../db/tenant-scope.ts';
import type { PlatformDeps } from '../../deps.ts';
import { requestEmailVerification } from '../../domain/email-verification.ts';
import { hashPassword } from '../../domain/passwords.ts';
import { parseRefreshToken, revokeFamily } from '../../domain/session-tokens.ts';
import { assertPasswordPolicy, fieldError, problem } from '../../errors.ts';
import { type AnyRoute, defineRoute } from '../api-route.ts';
import { cleanText, emailSchema, memberView, slugSchema, tenantView, tokenPairView } from '../schemas.ts';
import { memberToView } from './member-view.ts';

const passwordField = z.string().min(1).max(1024);

const signupBody = z
  .object({
    tenantName: cleanText(2, 120),
    tenantSlug: slugSchema.optional(),
    name: cleanText(1, 120),
    email: emailSchema,
    password: passwordField,
    /** The founder's language; without it, the closest one the client accepts (else pt-BR). */
    locale: z.enum(Locales).optional(),
  })
  .strict()
  .meta({ id: 'Signup' });

const refreshBody = z.object({ refreshToken: z.string().min(1).max(200) }).strict();

/** Derives a slug from a tenant name: "Acme Labs!" → "acme-labs". */
function slugFrom(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  return slug.length >= 3 ? slug : `team-${randomUUID().slice(0, 8)}`;
}

const sessionView = tokenPairView.extend({ tenant: tenantView, user: memberView }).meta({ id: 'Session' });

export function identityRoutes(deps: PlatformDeps): AnyRoute[] {
  const { orm, sessions, rateLimits } = deps;

  const signup = defineRoute({
    method: 'post',
    path: '/v1/signup',
    summary: 'Create a team (tenant) and its owner; returns a session',
    tag: 'identity',
    access: { kind: 'public' },
    body: signupBody,
    responses: { 201: { description: 'Team and owner created', schema: sessionView } },
    async handler({ body, ctx }) {
      await rateLimits.attempt(`signup:${ctx.ip}`);
      assertPasswordPolicy(passwordPolicyViolation(body.password, body.email), 'password');
      const tenantId = randomUUID() as TenantId;
      const userId = randomUUID() as UserId;
      const slug = body.tenantSlug ?? slugFrom(body.tenantName);
      const passwordHash = await hashPassword(body.password);
      try {
        const result = await inTenant(orm, tenantId, async (em) => {
          const tenant = em.create(Tenant, { id: tenantId, name: body.tenantName, slug });
          await em.flush();
          const user = em.create(User, {
            id: userId,
            tenantId,
            email: body.email,
            name: body.name,
            role: 'owner',
            passwordHash,
            locale: body.locale ?? responseLocale(ctx),
            emailVerifiedAt: null,
          });
          await em.flush();
          await requestEmailVerification(em, user, body.email, deps.sealLink);
          const pair = await sessions.pair(em, {
            id: userId,
            tenantId,
            role: 'owner',
            tokenVersion: user.tokenVersion,
          });
          return { tenant, user, pair };
        });
        ctx.status = 201;
        ctx.body = {
          tenant: { id: result.tenant.id, name: result.tenant.name, slug: result.tenant.slug },
          user: memberToView(result.user),
          ...result.pair,
        };
      } catch (error) {
        if (error instanceof UniqueConstraintViolationException) {
          throw problem('slug_taken', 'team.slug_taken', {
            values: { slug },
            errors: [fieldError('tenantSlug', 'field.already_taken', { code: 'slug_taken' })],
          });
        }
        throw error;
      }
    },
  });

  const refresh = defineRoute({
    method: 'post',
    path: '/v1/auth/refresh',
    summary: 'Rotate a refresh token; reusing a rotated one revokes its whole family',
    tag: 'identity',
    access: { kind: 'public' },
    body: refreshBody,
    responses: { 200: { description: 'New token pair', schema: tokenPairView } },
    async handler({ body, ctx }) {
      await rateLimits.attempt(`refresh:${ctx.ip}`);
      const parsed = parseRefreshToken(body.refreshToken);
      if (!parsed) throw problem('refresh_token_invalid', 'refresh.unknown');
      const outcome = await inTenant(orm, parsed.tenantId, async (em) => {
        const token = await em.findOne(
          RefreshToken,
          { tokenHash: parsed.hash },
          { lockMode: LockMode.PESSIMISTIC_WRITE },
        );
        if (!token || token.revokedAt || token.expiresAt < new Date())
          return { error: 'refresh_token_invalid' } as const;
        if (token.rotatedAt) {
          await revokeFamily(em, token.familyId);
          return { error: 'refresh_token_reused' } as const;
        }
        const user = await em.findOne(User, { id: token.userId });
        if (!user) return { error: 'refresh_token_invalid' } as const;
        token.rotatedAt = new Date();
        const pair = await sessions.pair(
          em,
          { id: user.id as UserId, tenantId: parsed.tenantId, role: user.role, tokenVersion: user.tokenVersion },
          token.familyId,
        );
        return { pair, error: null };
      });
      if (outcome.error) {
        throw problem(outcome.error, outcome.error === 'refresh_token_reused' ? 'refresh.reused' : 'refresh.invalid');
      }
      ctx.body = outcome.pair;
    },
  });

  const logout = defineRoute({
    method: 'post',
    path: '/v1/auth/logout',
    summary: 'Revoke the session (the refresh token family)',
    tag: 'identity',
    access: { kind: 'public' },
    body: refreshBody,
    responses: { 204: { description: 'Revoked (also when the token was unknown)' } },
    async handler({ body, ctx }) {
      const parsed = parseRefreshToken(body.refreshToken);
      if (parsed) {
        await inTenant(orm, parsed.tenantId, async (em) => {
          const token = await em.findOne(RefreshToken, { tokenHash: parsed.hash });
          if (token) {
            await em.nativeUpdate(
              RefreshToken,
              { familyId: token.familyId, revokedAt: null },
              { revokedAt: new Date() },
            );
          }
        });
      }
      ctx.status = 204;
    },
  });

  return [signup, refresh, logout];
}
