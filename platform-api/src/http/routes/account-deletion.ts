import { EventTypes, Queues } from '@pocdojo/common/contracts/events';
import type { TenantId } from '@pocdojo/common/contracts/ids';
import { z } from 'zod';
import { Poc } from '../../db/entities/Poc.ts';
import { Tenant } from '../../db/entities/Tenant.ts';
import { User } from '../../db/entities/User.ts';
import { inTenant } from '../../db/tenant-scope.ts';
import type { PlatformDeps } from '../../deps.ts';
import { recordAudit, requestOrigin } from '../../domain/audit-log.ts';
import { recordEvent } from '../../domain/outbox.ts';
import { verifyPassword } from '../../domain/passwords.ts';
import { entityToView, toSearchable } from '../../domain/poc-view.ts';
import { problem } from '../../errors.ts';
import { type AnyRoute, defineRoute } from '../api-route.ts';
import { asUser } from '../authentication.ts';

/**
 * A member deletes their own account (LGPD Art. 18, VI). In one transaction:
 * their POCs go to the team's first owner or are deleted (the owners' choice,
 * `departingMemberPocs`), the dojos they facilitate and katas they wrote go to
 * that owner, their reports and videos and sessions go with the account, and
 * the engine is told (`member.erased`) to take their name off their chat.
 * The audit log keeps the entry of the deletion itself. Files are removed from
 * S3 after the commit.
 */
export function accountDeletionRoutes(deps: PlatformDeps): AnyRoute[] {
  const { orm, rateLimits } = deps;

  const remove = defineRoute({
    // POST, not DELETE: it carries the password, and DELETE bodies are not read.
    method: 'post',
    path: '/v1/me/deletion',
    summary:
      "Delete your account (password needed); your POCs are transferred to the team or deleted, as the team's owners chose",
    tag: 'members',
    access: { kind: 'user', mfaExempt: true },
    body: z.object({ password: z.string().min(1).max(1024) }).strict(),
    responses: { 204: { description: 'The account and everything only it owned are gone' } },
    async handler({ auth, body, ctx }) {
      const caller = asUser(auth);
      await rateLimits.attempt(`delete-account:${ctx.ip}`);
      const keys = await inTenant(orm, caller.tenantId, async (em) => {
        await em.execute('select id from users where id = ? for update', [caller.userId]);
        const user = await em.findOne(User, { id: caller.userId });
        if (!user) throw problem('unauthenticated', 'account.gone');
        if (!(await verifyPassword(user.passwordHash, body.password))) {
          throw problem('invalid_credentials', 'password.current_wrong');
        }
        const tenant = await em.findOneOrFail(Tenant, { id: caller.tenantId });
        const successor = await em.findOne(
          User,
          { role: 'owner', id: { $ne: user.id } },
          { orderBy: { createdAt: 'asc' } },
        );
        if (!successor) throw problem('last_owner', 'account.delete_last_owner');

        const pocs = await em.find(Poc, { ownerId: user.id });
        const files = await em.execute<{ key: string }[]>(
          'select a.key from attachments a join pocs p on p.id = a.poc_id where p.owner_id = ?',
          [user.id],
        );
        const outputs = await em.execute<{ result_key: string }[]>(
          'select result_key from jobs where (requested_by = ? or subject_user_id = ?) and result_key is not null',
          [user.id, user.id],
        );
        for (const poc of pocs) {
          if (tenant.departingMemberPocs === 'transfer') {
            poc.ownerId = successor.id;
            // The entity's version moves on at flush (optimistic locking), so the event carries the new one.
            await em.flush();
            recordEvent(em, {
              queue: Queues.pocEvents,
              type: EventTypes.pocUpserted,
              tenantId: caller.tenantId,
              groupKey: poc.id,
              data: toSearchable(caller.tenantId, entityToView(poc)),
            });
          } else {
            await em.nativeDelete(Poc, { id: poc.id });
            recordEvent(em, {
              queue: Queues.pocEvents,
              type: EventTypes.pocDeleted,
              tenantId: caller.tenantId,
              groupKey: poc.id,
              data: { id: poc.id, version: poc.version + 1 },
            });
          }
        }
        await em.execute('update dojos set facilitator_id = ? where facilitator_id = ?', [successor.id, user.id]);
        await em.execute('update katas set created_by = ? where created_by = ?', [successor.id, user.id]);
        await recordAudit(em, {
          tenantId: caller.tenantId,
          actorId: user.id,
          action: 'account.deleted',
          targetType: 'user',
          targetId: user.id,
          details: { pocs: tenant.departingMemberPocs, count: pocs.length, successorId: successor.id },
          origin: requestOrigin(ctx),
        });
        recordEvent(em, {
          queue: Queues.dojoEvents,
          type: EventTypes.memberErased,
          tenantId: caller.tenantId as TenantId,
          groupKey: `user:${user.id}`,
          data: { userId: user.id },
        });
        await em.nativeDelete(User, { id: user.id });
        return [
          ...(tenant.departingMemberPocs === 'delete' ? files.map((f) => f.key) : []),
          ...outputs.map((o) => o.result_key),
        ];
      });
      deps.eventsWritten();
      await deps.objects.deleteMany(keys).catch((error) => deps.logger.warn({ err: error }, 'file cleanup failed'));
      ctx.status = 204;
    },
  });

  return [remove];
}
