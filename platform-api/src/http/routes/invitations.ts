import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Role, Roles } from '@pocdojo/common/contracts/vocabularies';
import type { TenantId } from '@pocdojo/common/ids';
import { Locales } from '@pocdojo/common/notifications';
import { passwordPolicyViolation } from '@pocdojo/common/password-policy';
import { z } from 'zod';
import { Tenant } from '../../db/entities/Tenant.ts';
import { User, type UserEntity } from '../../db/entities/User.ts';
import { inSystemScope, inTenant } from '../../db/tenant-scope.ts';
import type { PlatformDeps } from '../../deps.ts';
import { recordAudit, requestOrigin } from '../../domain/audit-log.ts';
import { lockCaller } from '../../domain/member-access.ts';
import { notify, recipientOf, teamAdmins } from '../../domain/notify.ts';
import { issueOneTimeToken, parseOneTimeToken } from '../../domain/one-time-tokens.ts';
import { hashPassword, verifyPassword } from '../../domain/passwords.ts';
import { assertPasswordPolicy, fieldError, notFound, problem } from '../../errors.ts';
import { type AnyRoute, defineRoute } from '../api-route.ts';
import { asUser, type UserAuth } from '../authentication.ts';
import { cleanText, emailSchema, idParams, tenantView } from '../schemas.ts';
import { openSession, sessionView } from './session-view.ts';

const admins: readonly Role[] = ['owner', 'admin'];
const inviteBody = z
  .object({ email: emailSchema, role: z.enum(Roles).default('member'), locale: z.enum(Locales).optional() })
  .strict()
  .meta({ id: 'InvitationCreate' });
const invitationView = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: z.enum(Roles),
    invitedBy: z.uuid().nullable(),
    expiresAt: z.string(),
    createdAt: z.string(),
    sentCount: z.number().int(),
  })
  .meta({ id: 'Invitation' });
const tokenQuery = z.object({ token: z.string().min(1).max(200) }).strict();
const acceptBody = z
  .object({
    token: z.string().min(1).max(200),
    /** Needed for a new account; ignored when the e-mail already has one in another team. */
    name: cleanText(1, 120).optional(),
    password: z.string().min(1).max(1024),
    locale: z.enum(Locales).optional(),
  })
  .strict()
  .meta({ id: 'InvitationAccept' });

interface InvitationRow {
  id: string;
  email: string;
  role: Role;
  invited_by: string | null;
  expires_at: Date;
  created_at: Date;
  sent_count: number;
  accepted_at: Date | null;
  revoked_at: Date | null;
}

const toView = (row: InvitationRow) => ({
  id: row.id,
  email: row.email,
  role: row.role,
  invitedBy: row.invited_by,
  expiresAt: new Date(row.expires_at).toISOString(),
  createdAt: new Date(row.created_at).toISOString(),
  sentCount: row.sent_count,
});

const linkInvalid = () => problem('link_invalid', 'invitation.invalid');

/** The caller's role now (locked until commit); 403 unless owner or admin; only owners invite owners. */
async function assertMayInvite(em: EntityManager, caller: UserAuth, role: Role): Promise<void> {
  const current = await lockCaller(em, caller);
  if (!admins.includes(current)) throw problem('forbidden', 'auth.roles_needed', { values: { roles: 'owner, admin' } });
  if (role === 'owner' && current !== 'owner') throw problem('forbidden', 'invitation.owner_only');
}

/**
 * Invitations by e-mail link: owners and admins invite an address with a role;
 * the invitee gets a single-use link valid for 7 days (stored hashed), opens it,
 * sets their name and password — or, when the address already has an account
 * in another team, confirms with that account's password, and the team is
 * added to it. Pending invitations are listed, re-sent (a fresh link; the old
 * one stops working) and revoked.
 */
export function invitationRoutes(deps: PlatformDeps): AnyRoute[] {
  const { orm, sessions, rateLimits } = deps;

  /** Issues a fresh link for `row` and asks notifier to e-mail it. */
  async function sendLink(
    em: EntityManager,
    tenantId: TenantId,
    caller: UserEntity,
    row: { id: string; email: string; role: Role },
    locale: string | undefined,
  ) {
    const { token, hash, expiresAt } = issueOneTimeToken('invitation', tenantId);
    await em.execute('update invitations set token_hash = ?, expires_at = ?, updated_at = now() where id = ?', [
      hash,
      expiresAt,
      row.id,
    ]);
    const tenant = await em.findOneOrFail(Tenant, { id: tenantId });
    notify(em, tenantId, `invitation:${row.id}`, {
      kind: 'invitation.created',
      recipients: [
        {
          userId: null,
          email: row.email,
          name: '',
          locale: locale === 'en' || locale === 'pt-BR' ? locale : caller.locale,
        },
      ],
      params: { tenantName: tenant.name, inviterName: caller.name, role: row.role, expiresAt: expiresAt.toISOString() },
      sealedLink: deps.sealLink(tenantId, `/invite?token=${token}`),
    });
    return expiresAt;
  }

  const create = defineRoute({
    method: 'post',
    path: '/v1/invitations',
    summary: 'Invite someone by e-mail with a role; they get a single-use link',
    tag: 'members',
    access: { kind: 'user', roles: admins },
    body: inviteBody,
    responses: { 201: { description: 'Invitation sent', schema: invitationView } },
    async handler({ auth, body, ctx }) {
      const caller = asUser(auth);
      try {
        const row = await inTenant(orm, caller.tenantId, async (em) => {
          await assertMayInvite(em, caller, body.role);
          if (await em.count(User, { email: body.email })) {
            throw problem('email_taken', 'member.email_taken', {
              values: { email: body.email },
              errors: [fieldError('email', 'field.already_member', { code: 'email_taken' })],
            });
          }
          const me = await em.findOneOrFail(User, { id: caller.userId });
          const id = randomUUID();
          // A placeholder hash until sendLink sets the real one in the same transaction.
          await em.execute(
            `insert into invitations (id, tenant_id, email, role, invited_by, token_hash, expires_at) values (?, ?, ?, ?, ?, ?, now())`,
            [id, caller.tenantId, body.email, body.role, caller.userId, `pending:${id}`],
          );
          await sendLink(em, caller.tenantId, me, { id, email: body.email, role: body.role }, body.locale);
          await recordAudit(em, {
            tenantId: caller.tenantId,
            actorId: caller.userId,
            action: 'invitation.created',
            targetType: 'invitation',
            targetId: id,
            details: { email: body.email, role: body.role },
            origin: requestOrigin(ctx),
          });
          return (await em.execute<InvitationRow[]>('select * from invitations where id = ?', [id]))[0]!;
        });
        deps.eventsWritten();
        ctx.status = 201;
        ctx.body = toView(row);
      } catch (error) {
        if (error instanceof UniqueConstraintViolationException) {
          throw problem('email_taken', 'invitation.pending', {
            values: { email: body.email },
            errors: [fieldError('email', 'field.already_invited', { code: 'email_taken' })],
          });
        }
        throw error;
      }
    },
  });

  const list = defineRoute({
    method: 'get',
    path: '/v1/invitations',
    summary: 'Pending invitations of the team',
    tag: 'members',
    access: { kind: 'user', roles: admins },
    responses: { 200: { description: 'Pending invitations', schema: z.object({ items: z.array(invitationView) }) } },
    async handler({ auth, ctx }) {
      const caller = asUser(auth);
      const rows = await inTenant(orm, caller.tenantId, (em) =>
        em.execute<InvitationRow[]>(
          `select * from invitations where accepted_at is null and revoked_at is null order by created_at desc limit 200`,
        ),
      );
      ctx.body = { items: rows.map(toView) };
    },
  });

  const resend = defineRoute({
    method: 'post',
    path: '/v1/invitations/:id/resend',
    summary: 'Send a pending invitation again with a fresh link (the previous link stops working)',
    tag: 'members',
    access: { kind: 'user', roles: admins },
    params: idParams,
    responses: { 200: { description: 'Re-sent', schema: invitationView } },
    async handler({ auth, params, ctx }) {
      const caller = asUser(auth);
      ctx.body = await inTenant(orm, caller.tenantId, async (em) => {
        const rows = await em.execute<InvitationRow[]>(
          'select * from invitations where id = ? and accepted_at is null and revoked_at is null for update',
          [params.id],
        );
        const row = rows[0];
        if (!row) throw notFound('notfound.invitation');
        await assertMayInvite(em, caller, row.role);
        const me = await em.findOneOrFail(User, { id: caller.userId });
        await sendLink(em, caller.tenantId, me, row, undefined);
        await em.execute('update invitations set sent_count = sent_count + 1 where id = ?', [row.id]);
        return toView((await em.execute<InvitationRow[]>('select * from invitations where id = ?', [row.id]))[0]!);
      });
      deps.eventsWritten();
    },
  });

  const revoke = defineRoute({
    method: 'delete',
    path: '/v1/invitations/:id',
    summary: 'Revoke a pending invitation; its link stops working',
    tag: 'members',
    access: { kind: 'user', roles: admins },
    params: idParams,
    responses: { 204: { description: 'Revoked' } },
    async handler({ auth, params, ctx }) {
      const caller = asUser(auth);
      await inTenant(orm, caller.tenantId, async (em) => {
        const rows = await em.execute<InvitationRow[]>(
          'select * from invitations where id = ? and accepted_at is null and revoked_at is null for update',
          [params.id],
        );
        if (!rows[0]) throw notFound('notfound.invitation');
        await assertMayInvite(em, caller, rows[0].role);
        await em.execute('update invitations set revoked_at = now(), updated_at = now() where id = ?', [params.id]);
        await recordAudit(em, {
          tenantId: caller.tenantId,
          actorId: caller.userId,
          action: 'invitation.revoked',
          targetType: 'invitation',
          targetId: params.id,
          details: { email: rows[0].email, role: rows[0].role },
          origin: requestOrigin(ctx),
        });
      });
      ctx.status = 204;
    },
  });

  /** The open invitation of a token, locked, or 410. */
  async function openInvitation(em: EntityManager, hash: string): Promise<InvitationRow> {
    const rows = await em.execute<InvitationRow[]>('select * from invitations where token_hash = ? for update', [hash]);
    const row = rows[0];
    if (!row || row.accepted_at || row.revoked_at || new Date(row.expires_at) < new Date()) throw linkInvalid();
    return row;
  }

  const lookup = defineRoute({
    method: 'get',
    path: '/v1/invitations/lookup',
    summary: 'What an invitation link is for: team, address, role, and whether the address already has an account',
    tag: 'members',
    access: { kind: 'public' },
    query: tokenQuery,
    responses: {
      200: {
        description: 'The invitation',
        schema: z.object({
          tenant: tenantView,
          email: z.string(),
          role: z.enum(Roles),
          hasAccount: z.boolean(),
          expiresAt: z.string(),
        }),
      },
    },
    async handler({ query, ctx }) {
      await rateLimits.attempt(`invite:${ctx.ip}`);
      const parsed = parseOneTimeToken('invitation', query.token);
      if (!parsed) throw linkInvalid();
      const found = await inTenant(orm, parsed.tenantId, async (em) => {
        const row = await openInvitation(em, parsed.hash);
        const tenant = await em.findOneOrFail(Tenant, { id: parsed.tenantId });
        return { row, tenant };
      });
      const existing = await inSystemScope(orm, (em) => em.count(User, { email: found.row.email }));
      ctx.body = {
        tenant: { id: found.tenant.id, name: found.tenant.name, slug: found.tenant.slug },
        email: found.row.email,
        role: found.row.role,
        hasAccount: existing > 0,
        expiresAt: new Date(found.row.expires_at).toISOString(),
      };
    },
  });

  const accept = defineRoute({
    method: 'post',
    path: '/v1/invitations/accept',
    summary: 'Join the team of an invitation link: a new account, or the team added to an existing account',
    tag: 'members',
    access: { kind: 'public' },
    body: acceptBody,
    responses: { 201: { description: 'Joined; a session in the team', schema: sessionView } },
    async handler({ body, ctx }) {
      await rateLimits.attempt(`invite:${ctx.ip}`);
      const parsed = parseOneTimeToken('invitation', body.token);
      if (!parsed) throw linkInvalid();
      const tenantId = parsed.tenantId;
      const email = await inTenant(orm, tenantId, async (em) => (await openInvitation(em, parsed.hash)).email);
      // An address with accounts elsewhere proves itself with their password, which the new membership shares.
      const elsewhere = await inSystemScope(orm, (em) => em.find(User, { email }, { orderBy: { createdAt: 'asc' } }));
      let passwordHash: string;
      let name: string;
      // The team's default language unless the newcomer chose, or already has one elsewhere.
      let locale =
        body.locale ??
        (await inSystemScope(orm, (em) => em.findOne(Tenant, { id: tenantId })))?.defaultLocale ??
        'pt-BR';
      if (elsewhere.length) {
        await rateLimits.checkLogin(email, ctx.ip);
        const match = await firstMatching(elsewhere, body.password);
        if (!match) {
          await rateLimits.recordFailure(email, ctx.ip);
          throw problem('invalid_credentials', 'invitation.account_exists');
        }
        passwordHash = match.passwordHash;
        name = match.name;
        locale = body.locale ?? match.locale;
      } else {
        if (!body.name) {
          throw problem('validation_failed', 'invitation.name_required', {
            errors: [fieldError('name', 'field.name_required')],
          });
        }
        assertPasswordPolicy(passwordPolicyViolation(body.password, email), 'password');
        passwordHash = await hashPassword(body.password);
        name = body.name;
      }
      const result = await inTenant(orm, tenantId, async (em) => {
        const invitation = await openInvitation(em, parsed.hash);
        const user = em.create(User, {
          id: randomUUID(),
          tenantId,
          email,
          name,
          role: invitation.role,
          passwordHash,
          locale,
          // The link reached this address: it is verified.
          emailVerifiedAt: new Date(),
        });
        await em.flush();
        await em.execute('update invitations set accepted_at = now(), updated_at = now() where id = ?', [
          invitation.id,
        ]);
        await recordAudit(em, {
          tenantId,
          actorId: user.id,
          action: 'invitation.accepted',
          targetType: 'invitation',
          targetId: invitation.id,
          details: { role: invitation.role },
          origin: requestOrigin(ctx),
        });
        const tenant = await em.findOneOrFail(Tenant, { id: tenantId });
        const others = (await teamAdmins(em)).filter((admin) => admin.id !== user.id);
        if (others.length) {
          notify(em, tenantId, `user:${user.id}`, {
            kind: 'member.added',
            recipients: others.map(recipientOf),
            params: { memberName: user.name, tenantName: tenant.name },
            link: '/members',
          });
        }
        return openSession(em, sessions, user);
      });
      deps.eventsWritten();
      ctx.status = 201;
      ctx.body = result;
    },
  });

  return [create, list, lookup, accept, resend, revoke];
}

async function firstMatching(accounts: UserEntity[], password: string): Promise<UserEntity | null> {
  for (const account of accounts) if (await verifyPassword(account.passwordHash, password)) return account;
  return null;
}
