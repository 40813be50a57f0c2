import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { EventTypes, type QueueName } from '@pocdojo/common/contracts/events';
import type { TenantId } from '@pocdojo/common/contracts/ids';
import { type ErasureService, ErasureServices, erasureQueueOf } from '@pocdojo/common/contracts/tenant-erasure';
import type { Logger } from '@pocdojo/common/runtime/logger';
import { eraseTenantRows } from '@pocdojo/common/runtime/tenant-rows';
import type { ObjectStore } from '../adapters/object-store.ts';
import { inSystemScope } from '../db/tenant-scope.ts';
import { problem } from '../errors.ts';
import { recordEvent } from './outbox.ts';

/**
 * Erasing a whole team when its grace period is over (docs/adr/0010-team-erasure.md).
 *
 * Begin (one transaction per team): the deletion moves to `erasing`; the audit
 * log's entries go through `erase_audit_of_erased_team`, the one way out of
 * that append-only table; every other table with a `tenant_id` column — found
 * in the catalogue, so a table added later cannot be forgotten — loses the
 * team's rows; the `tenants` row keeps only its id (name and slug scrubbed),
 * because the `tenant.erased` events written now to every service's queue
 * still belong to it in the outbox. After the commit: the team's objects
 * (`tenants/{id}/`) and the members' login throttling keys go.
 *
 * Finish (when the last service has reported): the `tenants` row goes, and
 * with it, by cascade, the outbox rows; a second catalogue sweep and S3 sweep
 * catch anything a late message wrote meanwhile. What stays is the tombstone:
 * `tenant_deletions`' row, tenant id and dates only.
 */

/** Tables the catalogue sweep leaves alone: the tombstone itself, the audit log (its own path), the team's row. */
const SPARED = new Set(['tenant_deletions', 'audit_events', 'tenants']);

export interface TeamEraserDeps {
  orm: MikroORM;
  objects: ObjectStore;
  logger: Logger;
  /** Forgets the login throttling of these accounts (e-mails) in the shared store. */
  forgetAccounts(emails: string[]): Promise<void>;
  /** Wakes the outbox relay after the erasure events were written. */
  eventsWritten(): void;
}

/** Deletes the team's rows from every tenant table the catalogue lists, but the spared ones. */
const sweepTenantRows = (em: EntityManager, tenantId: string) =>
  eraseTenantRows((sql) => em.execute(sql), tenantId, SPARED);

const prefixOf = (tenantId: string) => `tenants/${tenantId}/`;

/** Begins the erasure of every team whose grace period is over; returns their ids. */
export async function beginDueErasures(deps: TeamEraserDeps, limit = 10): Promise<TenantId[]> {
  const begun: TenantId[] = [];
  for (;;) {
    const next = await inSystemScope(deps.orm, async (em) => {
      const [due] = await em.execute<{ tenant_id: TenantId }[]>(
        `select tenant_id from tenant_deletions where status = 'scheduled' and due_at <= now()
          order by due_at limit 1 for update skip locked`,
      );
      if (!due) return null;
      const tenantId = due.tenant_id;
      const members = await em.execute<{ email: string }[]>('select email from users where tenant_id = ?', [tenantId]);
      await em.execute(
        `update tenant_deletions set status = 'erasing', erasing_since = now(), requested_by = null,
                services_pending = ?::text[] where tenant_id = ?`,
        [`{${ErasureServices.join(',')}}`, tenantId],
      );
      const [audit] = await em.execute<{ erased: string }[]>('select erase_audit_of_erased_team(?) as erased', [
        tenantId,
      ]);
      const rows = await sweepTenantRows(em, tenantId);
      await em.execute(`update tenants set name = '', slug = 'erased-' || id::text where id = ?`, [tenantId]);
      const erasedAt = new Date().toISOString();
      for (const service of ErasureServices) {
        recordEvent(em, {
          queue: erasureQueueOf[service] as QueueName,
          type: EventTypes.tenantErased,
          tenantId,
          groupKey: `tenant-erasure:${service}`,
          data: { erasedAt },
        });
      }
      await em.flush();
      return { tenantId, emails: members.map((m) => m.email), rows, auditEntries: Number(audit?.erased ?? 0) };
    });
    if (!next) break;
    deps.eventsWritten();
    deps.logger.info(
      { tenantId: next.tenantId, rows: next.rows, auditEntries: next.auditEntries },
      'team erasure begun: platform rows erased, services told',
    );
    await afterCommit(deps, next.tenantId, next.emails);
    begun.push(next.tenantId);
    if (begun.length >= limit) break;
  }
  return begun;
}

/** What leaves with the commit but lives outside Postgres: objects and throttling keys. A failure is retried at finish. */
async function afterCommit(deps: TeamEraserDeps, tenantId: TenantId, emails: string[]): Promise<void> {
  await deps.objects
    .deletePrefix(prefixOf(tenantId))
    .catch((error) => deps.logger.warn({ err: error, tenantId }, 'erasure: object cleanup failed; retried at finish'));
  await deps
    .forgetAccounts(emails)
    .catch((error) => deps.logger.warn({ err: error, tenantId }, 'erasure: forgetting login throttling failed'));
}

export type ReportOutcome = 'recorded' | 'finished' | 'ignored';

/**
 * `service` erased the team's data. The last report finishes the erasure. A
 * report for a team not being erased (a duplicate, a late one after the
 * finish) changes nothing: the tombstone is why it can be recognised.
 */
export async function recordErasureReport(
  deps: Pick<TeamEraserDeps, 'orm' | 'objects' | 'logger'>,
  tenantId: TenantId,
  service: ErasureService,
): Promise<ReportOutcome> {
  const outcome = await inSystemScope(deps.orm, async (em) => {
    const [row] = await em.execute<{ services_pending: string[] }[]>(
      `update tenant_deletions set services_pending = array_remove(services_pending, ?)
        where tenant_id = ? and status = 'erasing' returning services_pending`,
      [service, tenantId],
    );
    if (!row) return 'ignored' as const;
    if (row.services_pending.length) return 'recorded' as const;
    await em.execute('delete from tenants where id = ?', [tenantId]);
    await sweepTenantRows(em, tenantId);
    await em.execute(`update tenant_deletions set status = 'erased', erased_at = now() where tenant_id = ?`, [
      tenantId,
    ]);
    return 'finished' as const;
  });
  if (outcome === 'finished') {
    await deps.objects.deletePrefix(prefixOf(tenantId));
    deps.logger.info({ tenantId }, 'team erasure finished: every service reported; the tombstone stays');
  } else {
    deps.logger.info({ tenantId, service, outcome }, 'team erasure report');
  }
  return outcome;
}

/** Whether the team is erased or being erased: late events and internal reads about it are dropped. */
export async function isErasedTenant(orm: MikroORM, tenantId: string): Promise<boolean> {
  const rows = await inSystemScope(orm, (em) =>
    em.execute(`select 1 from tenant_deletions where tenant_id = ? and status in ('erasing', 'erased')`, [tenantId]),
  );
  return rows.length > 0;
}

/**
 * 410 `tenant_erased` for a team being erased or erased: what the internal reads
 * answer, so that a media job queued before the erasure renders and keeps nothing.
 */
export async function refuseErasedTenant(orm: MikroORM, tenantId: string): Promise<void> {
  if (await isErasedTenant(orm, tenantId)) throw problem('tenant_erased', 'team.erased');
}

/** Runs beginDueErasures now and every `intervalMs` until stopped; a failed pass is logged and tried again. */
export function startTeamEraser(deps: TeamEraserDeps, intervalMs: number) {
  let current: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const pass = () => {
    current = beginDueErasures(deps).catch((error) => deps.logger.warn({ err: error }, 'team erasure pass failed'));
    return current;
  };
  void pass();
  const timer = setInterval(() => {
    if (!stopped) void pass();
  }, intervalMs);
  timer.unref();
  return {
    /** Runs a pass now (after the current one), e.g. for tests with a short grace period. */
    async runNow(): Promise<void> {
      await current;
      await pass();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}
