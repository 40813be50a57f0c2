import type { TenantId } from '@pocdojo/common/contracts/ids';
import { passwordPolicyViolation } from '@pocdojo/common/contracts/password-policy';
import { z } from 'zod';
import { Tenant } from '../../db/entities/Tenant.ts';
import { User } from '../../db/entities/User.ts';
import { inSystemScope, inTenant } from '../../db/tenant-scope.ts';
import type { PlatformDeps } from '../../deps.ts';
import { issueAccountToken } from '../../domain/account-tokens.ts';
import { recordAudit, requestOrigin } from '../../domain/audit-log.ts';
import { notify, recipientOf } from '../../domain/notify.ts';
import { parseOneTimeToken, TokenLifetimes } from '../../domain/one-time-tokens.ts';
import { hashPassword } from '../../domain/passwords.ts';
import { endSessions } from '../../domain/session-tokens.ts';
import { assertPasswordPolicy, problem } from '../../errors.ts';
import { type AnyRoute, defineRoute } from '../api-route.ts';
import { emailSchema } from '../schemas.ts';

const resetRequestBody = z.object({ email: emailSchema }).strict().meta({ id: 'PasswordResetRequest' });
const resetBody = z
  .object({ token: z.string().min(1).max(200), newPassword: z.string().min(1).max(1024) })
  .strict()
  .meta({ id: 'PasswordReset' });
const verifyBody = z.object({ token: z.string().min(1).max(200) }).strict();

interface TokenRow {
  id: string;
  user_id: string;
  email: string;
  expires_at: Date;
  used_at: Date | null;
}

const linkInvalid = () => problem('link_invalid', 'link.invalid');

/**
 * Password reset and e-mail verification by single-use, expiring links whose
 * tokens are stored hashed. A reset request answers the same whether or not
 * the e-mail exists (no account discovery); a reset sets the password of every
 * team account of that e-mail (login by e-mail tries them all), ends all their
 * sessions and refresh families, and tells the owner by e-mail afterwards.
 */
export function accountRecoveryRoutes(deps: PlatformDeps): AnyRoute[] {
  const { orm, rateLimits } = deps;

  const requestReset = defineRoute({
    method: 'post',
    path: '/v1/auth/password-reset',
    summary: 'Ask for a password reset link by e-mail (same answer whether or not the e-mail exists)',
    tag: 'identity',
    access: { kind: 'public' },
    body: resetRequestBody,
    responses: { 202: { description: 'If the e-mail has an account, a link is on its way' } },
    async handler({ body, ctx }) {
      await rateLimits.attempt(`reset:${ctx.ip}`);
      await rateLimits.attempt(`reset:${body.email}`);
      const first = await inSystemScope(orm, (em) =>
        em.findOne(User, { email: body.email }, { orderBy: { createdAt: 'asc' } }),
      );
      if (first) {
        const tenantId = first.tenantId as TenantId;
        await inTenant(orm, tenantId, async (em) => {
          const token = await issueAccountToken(em, 'passwordReset', first, first.email);
          notify(em, tenantId, `user:${first.id}`, {
            kind: 'password.reset_requested',
            recipients: [recipientOf(first)],
            params: { expiresInMinutes: String(TokenLifetimes.passwordReset / 60_000) },
            sealedLink: deps.sealLink(tenantId, `/reset-password?token=${token}`),
          });
        });
        deps.eventsWritten();
      }
      ctx.status = 202;
      ctx.body = { status: 'accepted' };
    },
  });

  const reset = defineRoute({
    method: 'post',
    path: '/v1/auth/password-reset/complete',
    summary: 'Set a new password with a reset link; every session of the account ends',
    tag: 'identity',
    access: { kind: 'public' },
    body: resetBody,
    responses: { 204: { description: 'Password changed; log in with it' } },
    async handler({ body, ctx }) {
      await rateLimits.attempt(`reset:${ctx.ip}`);
      const parsed = parseOneTimeToken('passwordReset', body.token);
      if (!parsed) throw linkInvalid();
      const email = await inTenant(orm, parsed.tenantId, async (em) => {
        const rows = await em.execute<TokenRow[]>(
          `select id, user_id, email, expires_at, used_at from account_tokens
            where token_hash = ? and purpose = 'password_reset' for update`,
          [parsed.hash],
        );
        const row = rows[0];
        if (!row || row.used_at || new Date(row.expires_at) < new Date()) throw linkInvalid();
        assertPasswordPolicy(passwordPolicyViolation(body.newPassword, row.email), 'newPassword');
        await em.execute('update account_tokens set used_at = now() where id = ?', [row.id]);
        return row.email;
      });
      const passwordHash = await hashPassword(body.newPassword);
      const accounts = await inSystemScope(orm, (em) => em.find(User, { email }));
      for (const account of accounts) {
        const tenantId = account.tenantId as TenantId;
        await inTenant(orm, tenantId, async (em) => {
          const user = await em.findOneOrFail(User, { id: account.id });
          const tenant = await em.findOneOrFail(Tenant, { id: tenantId });
          user.passwordHash = passwordHash;
          // Following the link proved the address too.
          user.emailVerifiedAt ??= new Date();
          await endSessions(em, user);
          await recordAudit(em, {
            tenantId,
            actorId: user.id,
            action: 'auth.password_reset',
            targetType: 'user',
            targetId: user.id,
            origin: requestOrigin(ctx),
          });
          notify(em, tenantId, `user:${user.id}`, {
            kind: 'password.changed',
            recipients: [recipientOf(user)],
            params: { tenantName: tenant.name },
            link: '/login',
          });
        });
      }
      deps.eventsWritten();
      ctx.status = 204;
    },
  });

  const verifyEmail = defineRoute({
    method: 'post',
    path: '/v1/auth/verify-email',
    summary: 'Confirm an e-mail address with the link sent to it',
    tag: 'identity',
    access: { kind: 'public' },
    body: verifyBody,
    responses: { 200: { description: 'Verified', schema: z.object({ email: z.string() }) } },
    async handler({ body, ctx }) {
      await rateLimits.attempt(`verify:${ctx.ip}`);
      const parsed = parseOneTimeToken('emailVerification', body.token);
      if (!parsed) throw linkInvalid();
      ctx.body = await inTenant(orm, parsed.tenantId, async (em) => {
        const rows = await em.execute<TokenRow[]>(
          `select id, user_id, email, expires_at, used_at from account_tokens
            where token_hash = ? and purpose = 'email_verification' for update`,
          [parsed.hash],
        );
        const row = rows[0];
        if (!row || row.used_at || new Date(row.expires_at) < new Date()) throw linkInvalid();
        const user = await em.findOne(User, { id: row.user_id });
        if (!user) throw linkInvalid();
        await em.execute('update account_tokens set used_at = now() where id = ?', [row.id]);
        if (user.email !== row.email) {
          const taken = await em.count(User, { email: row.email, id: { $ne: user.id } });
          if (taken) throw problem('email_taken', 'member.email_taken', { values: { email: row.email } });
          user.email = row.email;
          user.pendingEmail = null;
        }
        user.emailVerifiedAt = new Date();
        return { email: user.email };
      });
    },
  });

  const unlockLogin = defineRoute({
    method: 'post',
    path: '/v1/auth/login-unlock',
    summary: 'Follow the e-mailed unlock link: every login delay of the account ends',
    tag: 'identity',
    access: { kind: 'public' },
    body: verifyBody,
    responses: { 204: { description: 'Logins of the account are no longer delayed' } },
    async handler({ body, ctx }) {
      await rateLimits.attempt(`unlock:${ctx.ip}`);
      const parsed = parseOneTimeToken('loginUnlock', body.token);
      if (!parsed) throw linkInvalid();
      const email = await inTenant(orm, parsed.tenantId, async (em) => {
        const rows = await em.execute<TokenRow[]>(
          `select id, user_id, email, expires_at, used_at from account_tokens
            where token_hash = ? and purpose = 'login_unlock' for update`,
          [parsed.hash],
        );
        const row = rows[0];
        if (!row || row.used_at || new Date(row.expires_at) < new Date()) throw linkInvalid();
        await em.execute('update account_tokens set used_at = now() where id = ?', [row.id]);
        return row.email;
      });
      // Logins are throttled by the e-mail as typed, lower-cased (emailSchema).
      await rateLimits.unlock(email.toLowerCase());
      ctx.status = 204;
    },
  });

  return [requestReset, reset, verifyEmail, unlockLogin];
}
