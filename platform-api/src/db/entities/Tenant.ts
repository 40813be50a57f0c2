import { defineEntity, p } from '@mikro-orm/core';

/** A customer company; everything else belongs to exactly one tenant. */
export const Tenant = defineEntity({
  name: 'Tenant',
  tableName: 'tenants',
  properties: {
    id: p.uuid().primary(),
    name: p.text(),
    slug: p.text(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type TenantEntity = InstanceType<typeof Tenant.class>;
