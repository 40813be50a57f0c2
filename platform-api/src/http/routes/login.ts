import type { TenantId } from '@pocdojo/common/contracts/ids';
import { createVerifier, signToken } from '@pocdojo/common/runtime/tokens';
import { z } from 'zod';
import { Tenant } from '../../db/entities/Tenant.ts';
import { User, type UserEntity } from '../../db/entities/User.ts';
import { inSystemScope, inTenant } from '../../db/tenant-scope.ts';
import type { PlatformDeps } from '../../deps.ts';
import { type RequestOrigin, recordAudit, requestOrigin } from '../../domain/audit-log.ts';
import { mailUnlockLink } from '../../domain/login-unlock.ts';
import { dummyHash, verifyPassword } from '../../domain/passwords.ts';
import { problem } from '../../errors.ts';
import { type AnyRoute, defineRoute } from '../api-route.ts';
import { emailSchema, slugSchema, tenantView } from '../schemas.ts';
import { loggedInSession } from './logged-in-session.ts';
import { mfaChallenges, mfaChallengeView } from './mfa-challenge.ts';
import { sessionView } from './session-view.ts';

const passwordField = z.string().min(1).max(1024);

const loginBody = z
  .object({
    email: emailSchema,
    password: passwordField,
    /** The team's slug, for direct links; without it every team of the e-mail is tried. */
    tenant: slugSchema.optional(),
  })
  .strict()
  .meta({ id: 'Login' });
const chooseBody = z.object({ choiceToken: z.string().min(1).max(4096), tenantId: z.uuid() }).strict();

const teamChoiceView = z
  .object({
    choiceToken: z.string(),
    teams: z.array(tenantView),
  })
  .meta({ id: 'TeamChoice' });
const loginAnswer = z.union([sessionView, teamChoiceView, mfaChallengeView]).meta({ id: 'LoginAnswer' });

/** Most teams one e-mail is checked against at login (each costs an argon2 verification). */
const MAX_ACCOUNTS_PER_EMAIL = 10;
const CHOICE_TYPE = 'team-choice+jwt';
const CHOICE_TTL_SECONDS = 300;

/**
 * Login by e-mail and password. The e-mail may belong to several teams (one
 * account row each): every account whose password matches is a candidate.
 * One candidate → a session; several → the list of teams and a short-lived
 * signed choice token, and the client asks `POST /v1/auth/login/team`. An
 * unknown e-mail and a wrong password get the same 401 after the same argon2 work.
 */
export function loginRoutes(deps: PlatformDeps): AnyRoute[] {
  const { orm, sessions, rateLimits, signingKey, config } = deps;
  // Built on first use: route factories also run offline (the OpenAPI writer), without a key.
  let verifier: ((token: string) => Promise<{ accounts: { tid: string; sub: string }[] }>) | undefined;
  const verifyChoice = (token: string) => {
    verifier ??= createVerifier(
      { jwks: { keys: [signingKey.publicJwk] } },
      {
        type: CHOICE_TYPE,
        audience: 'pocdojo-login',
        issuer: config.JWT_ISSUER,
        schema: z.object({ accounts: z.array(z.object({ tid: z.uuid(), sub: z.uuid() })).min(2) }),
      },
    );
    return verifier(token);
  };

  const challenges = mfaChallenges(deps);
  /** The password was right: a session, or the second step's challenge when the member has two-factor login. */
  const session = (tenantId: TenantId, user: UserEntity, origin: RequestOrigin) =>
    user.mfaEnabledAt ? challenges.issue(user) : loggedInSession(orm, sessions, tenantId, user, origin);

  /** A wrong password is recorded in each team whose account the e-mail names (an unknown e-mail has no team). */
  const recordFailures = (accounts: UserEntity[], origin: RequestOrigin) =>
    Promise.all(
      accounts.map((user) =>
        inTenant(orm, user.tenantId as TenantId, (em) =>
          recordAudit(em, {
            tenantId: user.tenantId,
            actorId: null,
            action: 'auth.login_failed',
            targetType: 'user',
            targetId: user.id,
            origin,
          }),
        ),
      ),
    );

  const login = defineRoute({
    method: 'post',
    path: '/v1/auth/login',
    summary: 'Log in with e-mail and password (team slug optional); several teams → choose one',
    tag: 'identity',
    access: { kind: 'public' },
    body: loginBody,
    responses: {
      200: {
        description:
          'A session; or, when the e-mail and password open several teams, the teams to choose from; or, when the member has two-factor login, a challenge for `POST /v1/auth/login/mfa`',
        schema: loginAnswer,
      },
    },
    async handler({ body, ctx }) {
      const account = body.email;
      await rateLimits.attempt(`login:${ctx.ip}`);
      await rateLimits.checkLogin(account, ctx.ip);
      const candidates = await inSystemScope(orm, async (em) => {
        const users = await em.find(
          User,
          { email: body.email },
          { orderBy: { createdAt: 'asc' }, limit: MAX_ACCOUNTS_PER_EMAIL },
        );
        const tenants = await em.find(Tenant, { id: { $in: users.map((u) => u.tenantId) } });
        const slugOf = new Map(tenants.map((t) => [t.id, t]));
        return users
          .filter((u) => !body.tenant || slugOf.get(u.tenantId)?.slug === body.tenant)
          .map((user) => ({ user, tenant: slugOf.get(user.tenantId)! }));
      });
      const matches = [];
      if (candidates.length === 0) await verifyPassword(await dummyHash, body.password);
      for (const candidate of candidates) {
        if (await verifyPassword(candidate.user.passwordHash, body.password)) matches.push(candidate);
      }
      if (matches.length === 0) {
        const delayed = await rateLimits.recordFailure(account, ctx.ip);
        await recordFailures(
          candidates.map((c) => c.user),
          requestOrigin(ctx),
        );
        // The same 401 either way: whether a link went out says nothing to the caller.
        if (delayed && candidates[0] && (await rateLimits.claimUnlockMail(account))) {
          await mailUnlockLink(deps, candidates[0].user);
        }
        throw problem('invalid_credentials', 'login.wrong');
      }
      await rateLimits.recordSuccess(account, ctx.ip);
      if (matches.length === 1) {
        ctx.body = await session(matches[0]!.tenant.id as TenantId, matches[0]!.user, requestOrigin(ctx));
        return;
      }
      const choiceToken = await signToken(
        signingKey,
        { type: CHOICE_TYPE, audience: 'pocdojo-login', issuer: config.JWT_ISSUER, ttlSeconds: CHOICE_TTL_SECONDS },
        { accounts: matches.map((m) => ({ tid: m.tenant.id, sub: m.user.id })) },
      );
      ctx.body = {
        choiceToken,
        teams: matches.map((m) => ({ id: m.tenant.id, name: m.tenant.name, slug: m.tenant.slug })),
      };
    },
  });

  const choose = defineRoute({
    method: 'post',
    path: '/v1/auth/login/team',
    summary: 'Finish a login whose e-mail opened several teams: pick one',
    tag: 'identity',
    access: { kind: 'public' },
    body: chooseBody,
    responses: {
      200: {
        description: 'Session tokens, or the two-factor challenge',
        schema: z.union([sessionView, mfaChallengeView]),
      },
    },
    async handler({ body, ctx }) {
      await rateLimits.attempt(`login:${ctx.ip}`);
      const claims = await verifyChoice(body.choiceToken).catch(() => {
        throw problem('unauthenticated', 'login.choice_expired');
      });
      const chosen = claims.accounts.find((a) => a.tid === body.tenantId);
      if (!chosen) throw problem('forbidden', 'login.not_a_choice');
      const user = await inTenant(orm, chosen.tid as TenantId, (em) => em.findOne(User, { id: chosen.sub }));
      if (!user) throw problem('unauthenticated', 'account.gone_relogin');
      ctx.body = await session(chosen.tid as TenantId, user, requestOrigin(ctx));
    },
  });

  return [login, choose];
}
