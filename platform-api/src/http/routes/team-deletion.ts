import type { EntityManager } from '@mikro-orm/postgresql';
import type { TenantId } from '@pocdojo/common/contracts/ids';
import { z } from 'zod';
import { Tenant } from '../../db/entities/Tenant.ts';
import { User, type UserEntity } from '../../db/entities/User.ts';
import { inTenant } from '../../db/tenant-scope.ts';
import type { PlatformDeps } from '../../deps.ts';
import { recordAudit, requestOrigin } from '../../domain/audit-log.ts';
import { memberTotp } from '../../domain/member-totp.ts';
import { notify, recipientOf } from '../../domain/notify.ts';
import { verifyPassword } from '../../domain/passwords.ts';
import { SecondStepLimits } from '../../domain/second-step-limits.ts';
import { fieldError, problem } from '../../errors.ts';
import { type AnyRoute, defineRoute } from '../api-route.ts';
import { asUser } from '../authentication.ts';

const deletionView = z
  .object({
    /** An owner asked to delete the team; it is erased at `dueAt` unless an owner cancels. */
    scheduled: z.boolean(),
    requestedAt: z.string().nullable(),
    dueAt: z.string().nullable(),
    /** How long a deletion waits before the erasure, in seconds (TEAM_DELETION_GRACE_SECONDS). */
    gracePeriodSeconds: z.number().int(),
  })
  .meta({ id: 'TeamDeletion' });
const deletionRequest = z
  .object({
    password: z.string().min(1).max(1024),
    /** A code from the authenticator app, when the owner has two-factor login. */
    code: z.string().min(6).max(12).optional(),
  })
  .strict()
  .meta({ id: 'TeamDeletionRequest' });

/**
 * An owner deletes the whole team (LGPD Art. 18, VI). The request, with the
 * owner's password (and a code when they use two-factor login), schedules the
 * erasure after a grace period; every member is told by e-mail; the team works
 * normally meanwhile and any owner can cancel. At the end, domain/team-erasure.ts
 * erases every trace in every service. Both the request and the cancel are audited.
 */
export function teamDeletionRoutes(deps: PlatformDeps): AnyRoute[] {
  const { orm, rateLimits } = deps;
  // Read when a request comes: the OpenAPI document is built from routes without a config.
  const grace = () => deps.config.TEAM_DELETION_GRACE_SECONDS;
  const limits = new SecondStepLimits();
  const { takeCode } = memberTotp(deps);

  const current = async (em: EntityManager) => {
    const [row] = await em.execute<{ requested_at: Date; due_at: Date }[]>(
      `select requested_at, due_at from tenant_deletions where status = 'scheduled'`,
    );
    return {
      scheduled: Boolean(row),
      requestedAt: row ? new Date(row.requested_at).toISOString() : null,
      dueAt: row ? new Date(row.due_at).toISOString() : null,
      gracePeriodSeconds: grace(),
    };
  };

  /** Tells every member, in their language, through notifier. */
  const tellMembers = async (
    em: EntityManager,
    tenantId: TenantId,
    owner: UserEntity,
    kind: 'team.deletion_scheduled' | 'team.deletion_cancelled',
    dueAt: string,
  ) => {
    const tenant = await em.findOneOrFail(Tenant, { id: tenantId });
    const members = await em.find(User, {}, { orderBy: { createdAt: 'asc' } });
    for (let i = 0; i < members.length; i += 1000) {
      notify(em, tenantId, `team-deletion:${tenantId}`, {
        kind,
        recipients: members.slice(i, i + 1000).map(recipientOf),
        params: { tenantName: tenant.name, ownerName: owner.name, erasesAt: dueAt },
        link: '/privacy',
      });
    }
  };

  const read = defineRoute({
    method: 'get',
    path: '/v1/team/deletion',
    summary: "Whether the team's deletion is scheduled, when it will be erased, and the grace period",
    tag: 'members',
    access: { kind: 'user' },
    responses: { 200: { description: 'The deletion, if any', schema: deletionView } },
    async handler({ auth, ctx }) {
      ctx.body = await inTenant(orm, asUser(auth).tenantId, current);
    },
  });

  const request = defineRoute({
    // POST: it carries the password.
    method: 'post',
    path: '/v1/team/deletion',
    summary:
      'Delete the whole team (owners; password, and a code with two-factor login): every trace is erased after the grace period unless an owner cancels',
    tag: 'members',
    access: { kind: 'user', roles: ['owner'] },
    body: deletionRequest,
    responses: { 202: { description: 'Scheduled; every member is told by e-mail', schema: deletionView } },
    async handler({ auth, body, ctx }) {
      const caller = asUser(auth);
      await rateLimits.attempt(`delete-team:${ctx.ip}`);
      await limits.check(caller.userId);
      const origin = requestOrigin(ctx);
      ctx.body = await inTenant(orm, caller.tenantId, async (em) => {
        await em.execute('select id from users where id = ? for update', [caller.userId]);
        const owner = await em.findOne(User, { id: caller.userId }, { refresh: true });
        if (!owner) throw problem('unauthenticated', 'account.gone');
        if (!(await verifyPassword(owner.passwordHash, body.password))) {
          throw problem('invalid_credentials', 'password.current_wrong');
        }
        if (owner.mfaEnabledAt) {
          if (!body.code) {
            throw problem('validation_failed', 'mfa.code_needed', {
              errors: [fieldError('code', 'field.code_needed')],
            });
          }
          if (!takeCode(owner, body.code)) {
            await limits.recordFailure(caller.userId);
            throw problem('mfa_code_invalid', 'mfa.code_invalid');
          }
          await em.flush();
        }
        const [existing] = await em.execute(`select status from tenant_deletions for update`);
        if (existing) throw problem('team_deletion_scheduled', 'team.deletion_already_scheduled');
        const [row] = await em.execute<{ due_at: Date }[]>(
          `insert into tenant_deletions (tenant_id, requested_by, due_at)
           values (?, ?, now() + make_interval(secs => ?)) returning due_at`,
          [caller.tenantId, owner.id, grace()],
        );
        const dueAt = new Date(row!.due_at).toISOString();
        await recordAudit(em, {
          tenantId: caller.tenantId,
          actorId: owner.id,
          action: 'team.deletion_scheduled',
          targetType: 'team',
          targetId: caller.tenantId,
          details: { dueAt },
          origin,
        });
        await tellMembers(em, caller.tenantId, owner, 'team.deletion_scheduled', dueAt);
        return current(em);
      });
      deps.eventsWritten();
      ctx.status = 202;
    },
  });

  const cancel = defineRoute({
    method: 'delete',
    path: '/v1/team/deletion',
    summary: "Cancel the team's scheduled deletion (owners), before its grace period ends",
    tag: 'members',
    access: { kind: 'user', roles: ['owner'] },
    responses: { 204: { description: 'Cancelled; nothing is erased and every member is told' } },
    async handler({ auth, ctx }) {
      const caller = asUser(auth);
      await inTenant(orm, caller.tenantId, async (em) => {
        const owner = await em.findOneOrFail(User, { id: caller.userId });
        const [row] = await em.execute<{ due_at: Date }[]>(
          `delete from tenant_deletions where status = 'scheduled' returning due_at`,
        );
        if (!row) throw problem('not_found', 'team.deletion_not_scheduled');
        await recordAudit(em, {
          tenantId: caller.tenantId,
          actorId: owner.id,
          action: 'team.deletion_cancelled',
          targetType: 'team',
          targetId: caller.tenantId,
          origin: requestOrigin(ctx),
        });
        await tellMembers(em, caller.tenantId, owner, 'team.deletion_cancelled', new Date(row.due_at).toISOString());
      });
      deps.eventsWritten();
      ctx.status = 204;
    },
  });

  return [read, request, cancel];
}
