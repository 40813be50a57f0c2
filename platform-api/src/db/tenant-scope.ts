import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { TenantId } from '@pocdojo/common/contracts/ids';

/**
 * Runs `fn` in a transaction whose `app.tenant_id` is `tenantId`, so row-level
 * security shows and accepts only that tenant's rows, whatever `fn` queries.
 */
export function inTenant<T>(orm: MikroORM, tenantId: TenantId, fn: (em: EntityManager) => Promise<T>): Promise<T> {
  return orm.em.fork().transactional(async (em) => {
    await em.execute(`select set_config('app.tenant_id', ?, true)`, [tenantId]);
    return fn(em);
  });
}

/**
 * Runs `fn` in a transaction that sees every tenant. Only for the few places
 * that must: the outbox relay, the internal routes, and the identity flows that
 * start before a tenant is known (login, signup, invitations, account recovery).
 */
export function inSystemScope<T>(orm: MikroORM, fn: (em: EntityManager) => Promise<T>): Promise<T> {
  return orm.em.fork().transactional(async (em) => {
    await em.execute(`select set_config('app.system', 'on', true)`);
    return fn(em);
  });
}
