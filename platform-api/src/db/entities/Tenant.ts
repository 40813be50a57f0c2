import { defineEntity, p } from '@mikro-orm/core';
import type { Locale } from '@pocdojo/common/contracts/i18n/locales';

/** A customer company; everything else belongs to exactly one tenant. */
export const Tenant = defineEntity({
  name: 'Tenant',
  tableName: 'tenants',
  properties: {
    id: p.uuid().primary(),
    name: p.text(),
    slug: p.text(),
    /** The team's language: new members start with it (pt-BR for every new team). */
    defaultLocale: p.text().$type<Locale>().default('pt-BR'),
    /** Every member must use two-factor login (set by an owner). */
    requireMfa: p.boolean().default(false),
    /** Days finished reports and videos are kept (files and records); null keeps them. */
    exportRetentionDays: p.integer().nullable(),
    /** A member who deletes their account: their POCs go to the team's first owner, or are deleted. */
    departingMemberPocs: p.text().$type<'transfer' | 'delete'>().default('transfer'),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type TenantEntity = InstanceType<typeof Tenant.class>;
