import { Migration } from '@mikro-orm/migrations';

/**
 * Outbox events that fail alone no longer stop the relay. A refused event is
 * retried with growing delays (`next_attempt_at`, `last_error`); only the later
 * events of its own group (the same POC or job) wait behind it. After the last
 * attempt it moves to `outbox_dead_letters`, which is tenant-owned like the
 * outbox (RLS enabled and forced) and listed at /internal/v1/outbox/dead-letters.
 */
export class Migration20261201020000OutboxDeadLetters extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table outbox add column next_attempt_at timestamptz not null default now()`);
    this.addSql(`alter table outbox add column last_error text`);
    // "Is an earlier event of this group still pending?", asked for every candidate row.
    this.addSql(`create index outbox_pending_group on outbox (tenant_id, group_key, seq) where sent_at is null`);
    this.addSql(`
      create table outbox_dead_letters (
        seq bigint primary key,
        id uuid not null unique,
        tenant_id uuid not null references tenants(id) on delete cascade,
        queue text not null,
        type text not null,
        group_key text not null,
        payload jsonb not null,
        created_at timestamptz not null,
        attempts integer not null,
        last_error text not null,
        dead_at timestamptz not null default now()
      )`);
    this.addSql(`alter table outbox_dead_letters enable row level security`);
    this.addSql(`alter table outbox_dead_letters force row level security`);
    this.addSql(`
      create policy tenant_isolation on outbox_dead_letters
        using (tenant_id = (select app_tenant()) or (select app_system()))
        with check (tenant_id = (select app_tenant()) or (select app_system()))`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table outbox_dead_letters`);
    this.addSql(`drop index outbox_pending_group`);
    this.addSql(`alter table outbox drop column last_error`);
    this.addSql(`alter table outbox drop column next_attempt_at`);
  }
}
