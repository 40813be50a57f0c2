import { Locales } from '@pocdojo/common/contracts/i18n/locales';
import { z } from 'zod';
import { Tenant, type TenantEntity } from '../../db/entities/Tenant.ts';
import { inTenant } from '../../db/tenant-scope.ts';
import type { PlatformDeps } from '../../deps.ts';
import { recordAudit, requestOrigin } from '../../domain/audit-log.ts';
import { notFound } from '../../errors.ts';
import { type AnyRoute, defineRoute } from '../api-route.ts';
import { asUser } from '../authentication.ts';

const settingsView = z
  .object({
    /** The team's language: new members start with it; pt-BR for every new team. */
    defaultLocale: z.enum(Locales),
    /** Every member must use two-factor login; until they enrol, only the enrolment endpoints answer them. */
    requireMfa: z.boolean(),
    /** Days finished reports and videos are kept, files and records; null keeps them until deleted. */
    exportRetentionDays: z.number().int().nullable(),
    /** When a member deletes their account, their POCs are transferred to the team's first owner, or deleted. */
    departingMemberPocs: z.enum(['transfer', 'delete']),
  })
  .meta({ id: 'TeamSettings' });
const settingsPatch = z
  .object({
    defaultLocale: z.enum(Locales).optional(),
    requireMfa: z.boolean().optional(),
    exportRetentionDays: z.number().int().min(1).max(3650).nullable().optional(),
    departingMemberPocs: z.enum(['transfer', 'delete']).optional(),
  })
  .strict()
  .meta({ id: 'TeamSettingsPatch' });

/** The team's own settings: every member reads them, owners change them. */
export function teamSettingsRoutes(deps: PlatformDeps): AnyRoute[] {
  const { orm } = deps;
  const view = (tenant: TenantEntity) => ({
    defaultLocale: tenant.defaultLocale,
    requireMfa: tenant.requireMfa,
    exportRetentionDays: tenant.exportRetentionDays ?? null,
    departingMemberPocs: tenant.departingMemberPocs,
  });

  const read = defineRoute({
    method: 'get',
    path: '/v1/team/settings',
    summary: "The team's settings (default language, two-factor requirement)",
    tag: 'members',
    access: { kind: 'user' },
    responses: { 200: { description: 'The settings', schema: settingsView } },
    async handler({ auth, ctx }) {
      const user = asUser(auth);
      ctx.body = await inTenant(orm, user.tenantId, async (em) => {
        const tenant = await em.findOne(Tenant, { id: user.tenantId });
        if (!tenant) throw notFound('notfound.team');
        return view(tenant);
      });
    },
  });

  const change = defineRoute({
    method: 'patch',
    path: '/v1/team/settings',
    summary: "Change the team's settings (owners)",
    tag: 'members',
    access: { kind: 'user', roles: ['owner'] },
    body: settingsPatch,
    responses: { 200: { description: 'The settings as they are now', schema: settingsView } },
    async handler({ auth, body, ctx }) {
      const user = asUser(auth);
      ctx.body = await inTenant(orm, user.tenantId, async (em) => {
        const tenant = await em.findOne(Tenant, { id: user.tenantId });
        if (!tenant) throw notFound('notfound.team');
        // Each setting that changes is applied and audited on its own (absent or equal ones change nothing).
        const changes = {
          ...(body.defaultLocale && body.defaultLocale !== tenant.defaultLocale
            ? { defaultLocale: body.defaultLocale }
            : {}),
          ...(body.requireMfa !== undefined && body.requireMfa !== tenant.requireMfa
            ? { requireMfa: body.requireMfa }
            : {}),
          ...(body.exportRetentionDays !== undefined &&
          body.exportRetentionDays !== (tenant.exportRetentionDays ?? null)
            ? { exportRetentionDays: body.exportRetentionDays }
            : {}),
          ...(body.departingMemberPocs && body.departingMemberPocs !== tenant.departingMemberPocs
            ? { departingMemberPocs: body.departingMemberPocs }
            : {}),
        };
        for (const [setting, value] of Object.entries(changes)) {
          await recordAudit(em, {
            tenantId: user.tenantId,
            actorId: user.userId,
            action: 'team.settings_changed',
            targetType: 'team',
            targetId: user.tenantId,
            details: { [setting]: value },
            origin: requestOrigin(ctx),
          });
        }
        Object.assign(tenant, changes);
        await em.flush();
        return view(tenant);
      });
    },
  });

  return [read, change];
}
