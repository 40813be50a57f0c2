import type { EntityManager } from '@mikro-orm/postgresql';
import type { TenantId } from '@pocdojo/common/contracts/ids';
import { z } from 'zod';
import { Tenant } from '../../db/entities/Tenant.ts';
import { User, type UserEntity } from '../../db/entities/User.ts';
import { inTenant } from '../../db/tenant-scope.ts';
import type { PlatformDeps } from '../../deps.ts';
import { type AuditAction, type RequestOrigin, recordAudit, requestOrigin } from '../../domain/audit-log.ts';
import { memberTotp } from '../../domain/member-totp.ts';
import { verifyPassword } from '../../domain/passwords.ts';
import { SecondStepLimits } from '../../domain/second-step-limits.ts';
import {
  acceptedStep,
  enrolmentCode,
  hashRecoveryCode,
  matchRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
} from '../../domain/two-factor.ts';
import { fieldError, problem } from '../../errors.ts';
import { type AnyRoute, defineRoute } from '../api-route.ts';
import { asUser, type UserAuth } from '../authentication.ts';
import { loggedInSession } from './logged-in-session.ts';
import { mfaChallenges } from './mfa-challenge.ts';
import { sessionView } from './session-view.ts';

const codeField = z.string().min(6).max(12);
const recoveryField = z.string().min(10).max(20);

const statusView = z
  .object({
    enabled: z.boolean(),
    enabledAt: z.string().nullable(),
    recoveryCodesLeft: z.number().int(),
    /** The team requires two-factor login (then it cannot be turned off). */
    requiredByTeam: z.boolean(),
  })
  .meta({ id: 'TwoFactorStatus' });
const enrolmentView = z
  .object({
    /** Base32, for typing into an app that cannot scan. */
    secret: z.string(),
    otpauthUri: z.string(),
    /** The otpauth URI as a QR code, an SVG document. */
    qrSvg: z.string(),
  })
  .meta({ id: 'TwoFactorEnrolment' });
const recoveryCodesView = z
  .object({ recoveryCodes: z.array(z.string()).describe('Shown once: each works once, instead of a code') })
  .meta({ id: 'RecoveryCodes' });
const secondStepBody = z
  .object({
    mfaToken: z.string().min(1).max(4096),
    /** The six digits the authenticator app shows now… */
    code: codeField.optional(),
    /** …or one of the recovery codes. */
    recoveryCode: recoveryField.optional(),
  })
  .strict()
  .meta({ id: 'LoginSecondStep' });

/**
 * Two-factor login (TOTP, RFC 6238): a member enrols by scanning a QR code
 * and confirming one code, and gets single-use recovery codes (stored as
 * argon2id hashes); the login's second step takes a code or a recovery code,
 * each good once, with its own rate limit. An owner can require it for the team.
 */
export function twoFactorRoutes(deps: PlatformDeps): AnyRoute[] {
  const { orm, sessions, rateLimits, mfaSecrets } = deps;
  const limits = new SecondStepLimits();
  const challenges = mfaChallenges(deps);
  const { openSecret, takeCode } = memberTotp(deps);

  const lockMember = async (em: EntityManager, userId: string) => {
    const [row] = await em.execute<{ id: string }[]>('select id from users where id = ? for update', [userId]);
    const user = row ? await em.findOne(User, { id: row.id }, { refresh: true }) : null;
    if (!user) throw problem('unauthenticated', 'account.gone');
    return user;
  };
  const audit = (em: EntityManager, user: UserEntity, action: AuditAction, origin: RequestOrigin) =>
    recordAudit(em, {
      tenantId: user.tenantId,
      actorId: user.id,
      action,
      targetType: 'user',
      targetId: user.id,
      origin,
    });

  /** Replaces the member's recovery codes with fresh ones and returns them (shown once). */
  async function issueRecoveryCodes(em: EntityManager, user: UserEntity): Promise<string[]> {
    const codes = newRecoveryCodes();
    const hashes = await Promise.all(codes.map(hashRecoveryCode));
    await em.execute('delete from mfa_recovery_codes where user_id = ?', [user.id]);
    for (const codeHash of hashes) {
      await em.execute('insert into mfa_recovery_codes (tenant_id, user_id, code_hash) values (?, ?, ?)', [
        user.tenantId,
        user.id,
        codeHash,
      ]);
    }
    return codes;
  }

  async function takeRecoveryCode(em: EntityManager, user: UserEntity, code: string): Promise<boolean> {
    const stored = await em.execute<{ id: string; codeHash: string }[]>(
      'select id, code_hash as "codeHash" from mfa_recovery_codes where user_id = ? and used_at is null for update',
      [user.id],
    );
    const id = await matchRecoveryCode(stored, code);
    if (!id) return false;
    await em.execute('update mfa_recovery_codes set used_at = now() where id = ?', [id]);
    return true;
  }

  const inMember = <T>(auth: UserAuth, fn: (em: EntityManager, user: UserEntity) => Promise<T>) =>
    inTenant(orm, auth.tenantId, async (em) => fn(em, await lockMember(em, auth.userId)));

  const status = defineRoute({
    method: 'get',
    path: '/v1/me/mfa',
    summary: 'Whether two-factor login is on, recovery codes left, and whether the team requires it',
    tag: 'two-factor',
    access: { kind: 'user', mfaExempt: true },
    responses: { 200: { description: 'The status', schema: statusView } },
    async handler({ auth, ctx }) {
      const user = asUser(auth);
      ctx.body = await inTenant(orm, user.tenantId, async (em) => {
        const found = await em.findOneOrFail(User, { id: user.userId });
        const tenant = await em.findOneOrFail(Tenant, { id: user.tenantId });
        const [left] = await em.execute<{ count: number }[]>(
          'select count(*)::int as count from mfa_recovery_codes where user_id = ? and used_at is null',
          [user.userId],
        );
        return {
          enabled: found.mfaEnabledAt !== null && found.mfaEnabledAt !== undefined,
          enabledAt: found.mfaEnabledAt?.toISOString() ?? null,
          recoveryCodesLeft: left?.count ?? 0,
          requiredByTeam: tenant.requireMfa,
        };
      });
    },
  });

  const startEnrolment = defineRoute({
    method: 'post',
    path: '/v1/me/mfa/enrolment',
    summary: 'Start turning on two-factor login: a new secret, as a QR code to scan and as text',
    tag: 'two-factor',
    access: { kind: 'user', mfaExempt: true },
    responses: { 200: { description: 'The secret to scan; confirm it with a code', schema: enrolmentView } },
    async handler({ auth, ctx }) {
      ctx.body = await inMember(asUser(auth), async (em, user) => {
        if (user.mfaEnabledAt) throw problem('mfa_already_enabled', 'mfa.already_enabled');
        const secret = newTotpSecret();
        user.mfaPendingSecret = mfaSecrets.seal(user.tenantId, user.id, secret);
        await em.flush();
        return { secret, ...(await enrolmentCode(secret, user.email)) };
      });
    },
  });

  const confirmEnrolment = defineRoute({
    method: 'post',
    path: '/v1/me/mfa/enrolment/confirm',
    summary: 'Finish turning on two-factor login with a code from the app; answers the recovery codes, once',
    tag: 'two-factor',
    access: { kind: 'user', mfaExempt: true },
    body: z.object({ code: codeField }).strict(),
    responses: { 200: { description: 'Two-factor login is on', schema: recoveryCodesView } },
    async handler({ auth, body, ctx }) {
      const caller = asUser(auth);
      await limits.check(caller.userId);
      ctx.body = await inMember(caller, async (em, user) => {
        if (user.mfaEnabledAt) throw problem('mfa_already_enabled', 'mfa.already_enabled');
        if (!user.mfaPendingSecret) throw problem('validation_failed', 'mfa.no_enrolment');
        const pending = openSecret(user, user.mfaPendingSecret);
        const step = acceptedStep(pending, body.code, null);
        if (step === null) {
          await limits.recordFailure(caller.userId);
          throw problem('validation_failed', 'mfa.code_invalid', {
            errors: [fieldError('code', 'field.code_invalid')],
          });
        }
        user.mfaSecret = mfaSecrets.seal(user.tenantId, user.id, pending);
        user.mfaPendingSecret = null;
        user.mfaEnabledAt = new Date();
        user.mfaLastStep = step;
        await em.flush();
        await audit(em, user, 'auth.mfa_enabled', requestOrigin(ctx));
        return { recoveryCodes: await issueRecoveryCodes(em, user) };
      });
    },
  });

  const disable = defineRoute({
    method: 'post',
    path: '/v1/me/mfa/disable',
    summary: 'Turn off two-factor login (password and a current code); refused when the team requires it',
    tag: 'two-factor',
    access: { kind: 'user' },
    body: z.object({ password: z.string().min(1).max(1024), code: codeField }).strict(),
    responses: { 204: { description: 'Two-factor login is off; the recovery codes are gone' } },
    async handler({ auth, body, ctx }) {
      const caller = asUser(auth);
      await limits.check(caller.userId);
      await inMember(caller, async (em, user) => {
        if (!user.mfaEnabledAt) throw problem('mfa_not_enabled', 'mfa.not_enabled');
        const tenant = await em.findOneOrFail(Tenant, { id: caller.tenantId });
        if (tenant.requireMfa) throw problem('mfa_required_by_team', 'mfa.required_by_team');
        if (!(await verifyPassword(user.passwordHash, body.password))) {
          throw problem('invalid_credentials', 'password.current_wrong');
        }
        if (!takeCode(user, body.code)) {
          await limits.recordFailure(caller.userId);
          throw problem('validation_failed', 'mfa.code_invalid', {
            errors: [fieldError('code', 'field.code_invalid')],
          });
        }
        user.mfaSecret = null;
        user.mfaPendingSecret = null;
        user.mfaEnabledAt = null;
        await em.flush();
        await em.execute('delete from mfa_recovery_codes where user_id = ?', [user.id]);
        await audit(em, user, 'auth.mfa_disabled', requestOrigin(ctx));
      });
      ctx.status = 204;
    },
  });

  const regenerate = defineRoute({
    method: 'post',
    path: '/v1/me/mfa/recovery-codes',
    summary: 'New recovery codes (a current code needed); the old ones stop working',
    tag: 'two-factor',
    access: { kind: 'user' },
    body: z.object({ code: codeField }).strict(),
    responses: { 200: { description: 'The new codes, shown once', schema: recoveryCodesView } },
    async handler({ auth, body, ctx }) {
      const caller = asUser(auth);
      await limits.check(caller.userId);
      ctx.body = await inMember(caller, async (em, user) => {
        if (!user.mfaEnabledAt) throw problem('mfa_not_enabled', 'mfa.not_enabled');
        if (!takeCode(user, body.code)) {
          await limits.recordFailure(caller.userId);
          throw problem('validation_failed', 'mfa.code_invalid', {
            errors: [fieldError('code', 'field.code_invalid')],
          });
        }
        await em.flush();
        return { recoveryCodes: await issueRecoveryCodes(em, user) };
      });
    },
  });

  const secondStep = defineRoute({
    method: 'post',
    path: '/v1/auth/login/mfa',
    summary: "A login's second step: the challenge token with a code from the app, or with a recovery code",
    tag: 'identity',
    access: { kind: 'public' },
    body: secondStepBody,
    responses: { 200: { description: 'Session tokens', schema: sessionView } },
    async handler({ body, ctx }) {
      await rateLimits.attempt(`login:${ctx.ip}`);
      if ((body.code === undefined) === (body.recoveryCode === undefined)) {
        throw problem('validation_failed', 'mfa.one_of');
      }
      const claims = await challenges.verify(body.mfaToken).catch(() => {
        throw problem('unauthenticated', 'mfa.challenge_expired');
      });
      await limits.check(claims.sub);
      const origin = requestOrigin(ctx);
      const outcome = await inTenant(orm, claims.tid as TenantId, async (em) => {
        const user = await lockMember(em, claims.sub);
        if (user.tokenVersion !== claims.ver || !user.mfaEnabledAt) {
          throw problem('unauthenticated', 'mfa.challenge_expired');
        }
        const ok = body.code
          ? takeCode(user, body.code)
          : await takeRecoveryCode(em, user, body.recoveryCode as string);
        if (!ok) {
          await audit(em, user, 'auth.mfa_failed', origin);
          return { user, ok };
        }
        await em.flush();
        if (body.recoveryCode) await audit(em, user, 'auth.mfa_recovery_code_used', origin);
        return { user, ok };
      });
      if (!outcome.ok) {
        await limits.recordFailure(claims.sub);
        throw problem('mfa_code_invalid', body.code ? 'mfa.code_invalid' : 'mfa.recovery_code_invalid');
      }
      await limits.recordSuccess(claims.sub);
      ctx.body = await loggedInSession(orm, sessions, claims.tid as TenantId, outcome.user, origin, {
        secondStep: body.code ? 'totp' : 'recovery_code',
      });
    },
  });

  return [status, startEnrolment, confirmEnrolment, disable, regenerate, secondStep];
}
