import { ForeignKeyConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Role, Roles } from '@pocdojo/common/contracts/vocabularies';
import { Locales } from '@pocdojo/common/notifications';
import { passwordPolicyViolation } from '@pocdojo/common/password-policy';
import { z } from 'zod';
import { Tenant } from '../../db/entities/Tenant.ts';
import { User, type UserEntity } from '../../db/entities/User.ts';
import { inTenant } from '../../db/tenant-scope.ts';
import type { PlatformDeps } from '../../deps.ts';
import { recordAudit, requestOrigin } from '../../domain/audit-log.ts';
import { requestEmailVerification } from '../../domain/email-verification.ts';
import { lockCaller } from '../../domain/member-access.ts';
import { notify, recipientOf, teamAdmins } from '../../domain/notify.ts';
import { hashPassword, verifyPassword } from '../../domain/passwords.ts';
import { endSessions } from '../../domain/session-tokens.ts';
import { assertPasswordPolicy, fieldError, notFound, problem } from '../../errors.ts';
import { type AnyRoute, defineRoute } from '../api-route.ts';
import { asUser, type UserAuth } from '../authentication.ts';
import { cleanText, emailSchema, idParams, memberView } from '../schemas.ts';
import { memberToView } from './member-view.ts';

const admins = ['owner', 'admin'] as const;
const profileBody = z
  .object({ name: cleanText(1, 120).optional(), email: emailSchema.optional(), locale: z.enum(Locales).optional() })
  .strict()
  .meta({ id: 'ProfileUpdate' });
const roleBody = z.object({ role: z.enum(Roles) }).strict();
const passwordBody = z
  .object({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().min(1).max(1024) })
  .strict();

/**
 * The caller's role as it is inside this transaction (locked until commit), so
 * a demotion or removal racing this request cannot be outrun; 403 unless admin.
 */
async function currentAdminRole(em: EntityManager, caller: UserAuth): Promise<Role> {
  const role = await lockCaller(em, caller);
  if (!(admins as readonly Role[]).includes(role))
    throw problem('forbidden', 'auth.roles_needed', { values: { roles: 'owner, admin' } });
  return role;
}

/** Only an owner may create, promote to, demote or remove an owner. */
function assertMayManage(callerRole: Role, role: string): void {
  if (role === 'owner' && callerRole !== 'owner') throw problem('forbidden', 'member.owner_manages_owners');
}

async function assertNotLastOwner(em: EntityManager, user: UserEntity): Promise<void> {
  if (user.role !== 'owner') return;
  const owners = await em.count(User, { role: 'owner' });
  if (owners <= 1) throw problem('last_owner', 'member.last_owner');
}

export function memberRoutes(deps: PlatformDeps): AnyRoute[] {
  const { orm } = deps;

  const me = defineRoute({
    method: 'get',
    path: '/v1/me',
    summary: 'The signed-in member and their team',
    tag: 'members',
    access: { kind: 'user', mfaExempt: true },
    responses: { 200: { description: 'The caller', schema: memberView.extend({ tenantId: z.uuid() }) } },
    async handler({ auth, ctx }) {
      const user = asUser(auth);
      const found = await inTenant(orm, user.tenantId, (em) => em.findOne(User, { id: user.userId }));
      if (!found) throw problem('unauthenticated', 'account.gone');
      ctx.body = { ...memberToView(found), tenantId: user.tenantId };
    },
  });

  const changePassword = defineRoute({
    method: 'post',
    path: '/v1/me/password',
    summary: 'Change the password; every other session ends and the owner is told by e-mail',
    tag: 'members',
    access: { kind: 'user' },
    body: passwordBody,
    responses: {
      204: {
        description:
          'Changed. Every other session of the account ends; this one refreshes its access token (the current one is ended too)',
      },
    },
    async handler({ auth, body, ctx }) {
      const user = asUser(auth);
      await inTenant(orm, user.tenantId, async (em) => {
        const found = await em.findOne(User, { id: user.userId });
        if (!found || !(await verifyPassword(found.passwordHash, body.currentPassword))) {
          throw problem('invalid_credentials', 'password.current_wrong');
        }
        assertPasswordPolicy(passwordPolicyViolation(body.newPassword, found.email), 'newPassword');
        found.passwordHash = await hashPassword(body.newPassword);
        // Whoever knew the old password may hold a session: end every one but the caller's.
        await endSessions(em, found, user.familyId);
        await recordAudit(em, {
          tenantId: user.tenantId,
          actorId: user.userId,
          action: 'auth.password_changed',
          targetType: 'user',
          targetId: found.id,
          origin: requestOrigin(ctx),
        });
        const tenant = await em.findOneOrFail(Tenant, { id: user.tenantId });
        notify(em, user.tenantId, `user:${found.id}`, {
          kind: 'password.changed',
          recipients: [recipientOf(found)],
          params: { tenantName: tenant.name },
          link: '/login',
        });
      });
      ctx.status = 204;
    },
  });

  const updateProfile = defineRoute({
    method: 'patch',
    path: '/v1/me',
    summary: 'Edit name and language; a new e-mail takes effect once its verification link is followed',
    tag: 'members',
    access: { kind: 'user', mfaExempt: true },
    body: profileBody,
    responses: { 200: { description: 'The caller', schema: memberView.extend({ tenantId: z.uuid() }) } },
    async handler({ auth, body, ctx }) {
      const user = asUser(auth);
      ctx.body = await inTenant(orm, user.tenantId, async (em) => {
        const found = await em.findOne(User, { id: user.userId });
        if (!found) throw problem('unauthenticated', 'account.gone');
        if (body.name !== undefined) found.name = body.name;
        if (body.locale !== undefined) found.locale = body.locale;
        if (body.email !== undefined && body.email !== found.email) {
          if (await em.count(User, { email: body.email })) {
            throw problem('email_taken', 'member.email_taken', {
              values: { email: body.email },
              errors: [fieldError('email', 'field.already_member', { code: 'email_taken' })],
            });
          }
          found.pendingEmail = body.email;
          await requestEmailVerification(em, found, body.email, deps.sealLink);
        }
        await em.flush();
        return { ...memberToView(found), tenantId: user.tenantId };
      });
      deps.eventsWritten();
    },
  });

  const signOutEverywhere = defineRoute({
    method: 'post',
    path: '/v1/me/sign-out-everywhere',
    summary: 'End every session of the account on every device, this one included',
    tag: 'members',
    access: { kind: 'user', mfaExempt: true },
    responses: { 204: { description: 'Every access and refresh token of the account is revoked' } },
    async handler({ auth, ctx }) {
      const user = asUser(auth);
      await inTenant(orm, user.tenantId, async (em) => {
        const found = await em.findOne(User, { id: user.userId });
        if (found) await endSessions(em, found);
        await recordAudit(em, {
          tenantId: user.tenantId,
          actorId: user.userId,
          action: 'auth.signed_out_everywhere',
          targetType: 'user',
          targetId: user.userId,
          origin: requestOrigin(ctx),
        });
      });
      ctx.status = 204;
    },
  });

  const list = defineRoute({
    method: 'get',
    path: '/v1/members',
    summary: "The team's members",
    tag: 'members',
    access: { kind: 'user' },
    responses: { 200: { description: 'Members', schema: z.object({ items: z.array(memberView) }) } },
    async handler({ auth, ctx }) {
      const user = asUser(auth);
      const users = await inTenant(orm, user.tenantId, (em) => em.find(User, {}, { orderBy: { createdAt: 'asc' } }));
      ctx.body = { items: users.map(memberToView) };
    },
  });

  const changeRole = defineRoute({
    method: 'patch',
    path: '/v1/members/:id',
    summary: "Change a member's role",
    tag: 'members',
    access: { kind: 'user', roles: admins },
    params: idParams,
    body: roleBody,
    responses: { 200: { description: 'Updated member', schema: memberView } },
    async handler({ auth, params, body, ctx }) {
      const caller = asUser(auth);
      ctx.body = await inTenant(orm, caller.tenantId, async (em) => {
        const callerRole = await currentAdminRole(em, caller);
        const member = await em.findOne(User, { id: params.id });
        if (!member) throw notFound('notfound.member');
        assertMayManage(callerRole, member.role);
        assertMayManage(callerRole, body.role);
        if (body.role !== 'owner') await assertNotLastOwner(em, member);
        if (member.role !== body.role) {
          await recordAudit(em, {
            tenantId: caller.tenantId,
            actorId: caller.userId,
            action: 'member.role_changed',
            targetType: 'user',
            targetId: member.id,
            details: { from: member.role, to: body.role },
            origin: requestOrigin(ctx),
          });
          member.role = body.role;
          // Tokens issued under the old role end now; the member logs in again under the new one.
          await endSessions(em, member);
        }
        return memberToView(member);
      });
    },
  });

  const remove = defineRoute({
    method: 'delete',
    path: '/v1/members/:id',
    summary: 'Remove a member (their POCs must be transferred or deleted first)',
    tag: 'members',
    access: { kind: 'user', roles: admins },
    params: idParams,
    responses: { 204: { description: 'Removed' } },
    async handler({ auth, params, ctx }) {
      const caller = asUser(auth);
      try {
        await inTenant(orm, caller.tenantId, async (em) => {
          const callerRole = await currentAdminRole(em, caller);
          const member = await em.findOne(User, { id: params.id });
          if (!member) throw notFound('notfound.member');
          assertMayManage(callerRole, member.role);
          await assertNotLastOwner(em, member);
          // Their refresh tokens go with the row (on delete cascade); their access tokens find no row.
          await em.nativeDelete(User, { id: member.id });
          await recordAudit(em, {
            tenantId: caller.tenantId,
            actorId: caller.userId,
            action: 'member.removed',
            targetType: 'user',
            targetId: member.id,
            details: { name: member.name, role: member.role },
            origin: requestOrigin(ctx),
          });
          const tenant = await em.findOneOrFail(Tenant, { id: caller.tenantId });
          notify(em, caller.tenantId, `user:${member.id}`, {
            kind: 'member.removed',
            recipients: [recipientOf(member), ...(await teamAdmins(em)).map(recipientOf)],
            params: { memberName: member.name, tenantName: tenant.name },
          });
        });
      } catch (error) {
        if (error instanceof ForeignKeyConstraintViolationException) {
          throw problem('member_has_pocs', 'member.has_pocs');
        }
        throw error;
      }
      deps.eventsWritten();
      ctx.status = 204;
    },
  });

  return [me, updateProfile, changePassword, signOutEverywhere, list, changeRole, remove];
}
