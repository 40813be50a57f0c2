import type { TenantId } from '@pocdojo/common/contracts/ids';
import { z } from 'zod';
import { inTenant } from '../../db/tenant-scope.ts';
import type { PlatformDeps } from '../../deps.ts';
import { type AuditRow, personalAuditEntry } from '../../domain/personal-audit-entry.ts';
import { POC_COLUMNS, type PocRow, rowToView } from '../../domain/poc-view.ts';
import { refuseErasedTenant } from '../../domain/team-erasure.ts';
import { notFound } from '../../errors.ts';
import { type AnyRoute, defineRoute } from '../api-route.ts';

interface ProfileRow {
  id: string;
  name: string;
  email: string;
  role: string;
  locale: string;
  email_verified_at: Date | null;
  pending_email: string | null;
  mfa_enabled_at: Date | null;
  created_at: Date;
  team_id: string;
  team_name: string;
}

interface AttachmentRow {
  id: string;
  poc_id: string;
  file_name: string;
  content_type: string;
  bytes: number;
  key: string;
  created_at: Date;
}

/** A timestamp as ISO 8601 UTC (raw queries answer Date objects or strings, depending on the driver's parsing). */
const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/**
 * `GET /internal/v1/personal-data` (Bearer INTERNAL_TOKEN): what platform-api
 * holds about one member, for the media worker's personal data export. Read
 * in the member's tenant (row-level security), so a tenant/user pair that does
 * not match reads as 404. Never a password hash, MFA secret or token: the
 * profile is chosen column by column. Attachments come as their storage keys,
 * which the worker streams from S3 itself.
 */
export function internalPersonalDataRoutes(deps: PlatformDeps): AnyRoute[] {
  const { orm } = deps;

  const personalData = defineRoute({
    method: 'get',
    path: '/internal/v1/personal-data',
    summary:
      "One member's profile, the POCs they own with their attachments' keys, the audit entries by or about them, and the team's dojo titles",
    tag: 'internal',
    access: { kind: 'internal' },
    query: z.object({ tenantId: z.uuid(), userId: z.uuid() }).strict(),
    responses: {
      200: { description: "The member's data" },
      404: { description: 'No such member in that tenant' },
    },
    async handler({ query, ctx }) {
      const { userId } = query;
      // A team being erased: 410, so a queued export of it is dropped rather than dead-lettered.
      await refuseErasedTenant(orm, query.tenantId);
      ctx.body = await inTenant(orm, query.tenantId as TenantId, async (em) => {
        const [profile] = await em.execute<ProfileRow[]>(
          `select u.id, u.name, u.email, u.role, u.locale, u.email_verified_at, u.pending_email, u.mfa_enabled_at,
                  u.created_at, t.id as team_id, t.name as team_name
             from users u join tenants t on t.id = u.tenant_id where u.id = ?`,
          [userId],
        );
        if (!profile) throw notFound('notfound.member');
        const pocs = await em.execute<PocRow[]>(
          `select ${POC_COLUMNS} from pocs where owner_id = ? order by created_at, id`,
          [userId],
        );
        const attachments = await em.execute<AttachmentRow[]>(
          `select a.id, a.poc_id, a.file_name, a.content_type, a.bytes, a.key, a.created_at
             from attachments a join pocs p on p.id = a.poc_id where p.owner_id = ? order by a.created_at, a.id`,
          [userId],
        );
        const audit = await em.execute<AuditRow[]>(
          `select id, actor_id, action, target_type, target_id, details, ip, user_agent, created_at
             from audit_events where actor_id = ? or (target_type = 'user' and target_id = ?)
            order by created_at, id`,
          [userId, userId],
        );
        const others = await em.execute<{ id: string }[]>('select id from users where id <> ?', [userId]);
        const dojos = await em.execute<{ id: string; title: string }[]>(
          'select id, title from dojos order by created_at, id',
        );
        const otherMembers = new Set(others.map((row) => row.id));
        return {
          profile: {
            id: profile.id,
            name: profile.name,
            email: profile.email,
            role: profile.role,
            locale: profile.locale,
            emailVerifiedAt: iso(profile.email_verified_at),
            pendingEmail: profile.pending_email,
            twoFactorEnabledAt: iso(profile.mfa_enabled_at),
            createdAt: iso(profile.created_at),
          },
          team: { id: profile.team_id, name: profile.team_name },
          pocs: pocs.map((row) => ({
            ...rowToView(row),
            attachments: attachments
              .filter((file) => file.poc_id === row.id)
              .map((file) => ({
                id: file.id,
                fileName: file.file_name,
                contentType: file.content_type,
                bytes: Number(file.bytes),
                key: file.key,
                createdAt: iso(file.created_at),
              })),
          })),
          audit: audit.map((row) => personalAuditEntry(row, userId, otherMembers)),
          dojos,
        };
      });
    },
  });

  return [personalData];
}
