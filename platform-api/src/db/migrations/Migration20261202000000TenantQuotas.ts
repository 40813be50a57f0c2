import { Migration } from '@mikro-orm/migrations';

/**
 * Fair use between tenants. A tenant has a plan and the overrides an operator
 * granted; media jobs wait for admission (`pending_event` holds the job's event
 * until the tenant has a free slot, `admitted_at` says when it went to SQS);
 * a finished video records its length for usage figures.
 */
export class Migration20261202000000TenantQuotas extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table tenants add column plan text not null default 'team'`);
    this.addSql(`alter table tenants add column quota_overrides jsonb not null default '{}'`);
    this.addSql(`alter table jobs add column pending_event jsonb`);
    this.addSql(`alter table jobs add column admitted_at timestamptz`);
    this.addSql(`alter table jobs add column result_seconds double precision`);
    // Jobs already on SQS before this migration count as admitted.
    this.addSql(`update jobs set admitted_at = created_at`);
    // "How many of this tenant's jobs hold a slot?" and "which one is next?", asked on every request and result.
    this.addSql(
      `create index jobs_in_flight on jobs (tenant_id) where admitted_at is not null and status in ('queued', 'running')`,
    );
    this.addSql(`create index jobs_waiting on jobs (tenant_id, created_at, id) where admitted_at is null`);
    this.addSql(`create index jobs_per_day on jobs (tenant_id, kind, created_at)`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index jobs_per_day`);
    this.addSql(`drop index jobs_waiting`);
    this.addSql(`drop index jobs_in_flight`);
    this.addSql(`alter table jobs drop column result_seconds`);
    this.addSql(`alter table jobs drop column admitted_at`);
    this.addSql(`alter table jobs drop column pending_event`);
    this.addSql(`alter table tenants drop column quota_overrides`);
    this.addSql(`alter table tenants drop column plan`);
  }
}
