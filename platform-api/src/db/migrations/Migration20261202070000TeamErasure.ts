import { Migration } from '@mikro-orm/migrations';

/**
 * Deleting a whole team (issue 12, docs/adr/0010-team-erasure.md).
 *
 * `tenant_deletions` is first the schedule (an owner asked; erased at
 * `due_at` unless cancelled), then the erasure's progress (`services_pending`
 * still to report), and in the end the team's tombstone: tenant id and dates,
 * nothing about a person. It has no foreign key to `tenants` because it
 * outlives the team.
 *
 * The audit log stays append-only: the trigger now lets a DELETE through only
 * inside `erase_audit_of_erased_team`, for a team whose erasure has begun
 * (status `erasing`, grace period over); every other UPDATE, DELETE or
 * TRUNCATE is refused, the table owner's included. The function replaces
 * `erase_audit_of_deleted_team`, which any role could call for any team
 * without a row in `tenants`.
 */
export class Migration20261202070000TeamErasure extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table tenant_deletions (
        tenant_id uuid primary key,
        requested_by uuid,
        requested_at timestamptz not null default now(),
        due_at timestamptz not null,
        status text not null default 'scheduled' check (status in ('scheduled', 'erasing', 'erased')),
        services_pending text[] not null default '{}',
        audit_entries_erased bigint,
        erasing_since timestamptz,
        erased_at timestamptz,
        check (status <> 'erased' or requested_by is null)
      )`);
    this.addSql(`create index tenant_deletions_due on tenant_deletions (due_at) where status = 'scheduled'`);
    this.addSql(`alter table tenant_deletions enable row level security`);
    this.addSql(`alter table tenant_deletions force row level security`);
    this.addSql(`
      create policy tenant_isolation on tenant_deletions
        using (tenant_id = (select app_tenant()) or (select app_system()))
        with check (tenant_id = (select app_tenant()) or (select app_system()))`);

    this.addSql(`drop function if exists erase_audit_of_deleted_team(uuid)`);
    this.addSql(`
      create or replace function audit_events_append_only() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE'
           and current_setting('app.audit_erasure', true) = old.tenant_id::text
           and exists (select 1 from tenant_deletions d
                        where d.tenant_id = old.tenant_id and d.status = 'erasing') then
          return old;
        end if;
        raise exception 'audit_events is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
      end $$`);
    // Runs as the table owner: the app role, which has no DELETE on audit_events, calls it while erasing a team.
    this.addSql(`
      create function erase_audit_of_erased_team(team uuid) returns bigint
        language plpgsql security definer set search_path = public as $$
      declare erased bigint;
      begin
        if not exists (select 1 from tenant_deletions
                        where tenant_id = team and status = 'erasing' and due_at <= now()) then
          raise exception 'team % is not being erased', team using errcode = 'insufficient_privilege';
        end if;
        perform set_config('app.system', 'on', true);
        perform set_config('app.audit_erasure', team::text, true);
        delete from audit_events where tenant_id = team;
        get diagnostics erased = row_count;
        perform set_config('app.audit_erasure', '', true);
        update tenant_deletions set audit_entries_erased = coalesce(audit_entries_erased, 0) + erased
         where tenant_id = team;
        return erased;
      end $$`);
    // Only the roles that may write the audit log (the app role) may call it; not PUBLIC.
    this.addSql(`
      do $$
      declare grantee_name text;
      begin
        revoke execute on function erase_audit_of_erased_team(uuid) from public;
        for grantee_name in
          select distinct grantee from information_schema.role_table_grants
           where table_name = 'audit_events' and privilege_type = 'INSERT' and grantee <> current_user
        loop
          execute format('grant execute on function erase_audit_of_erased_team(uuid) to %I', grantee_name);
        end loop;
      end $$`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists erase_audit_of_erased_team(uuid)`);
    this.addSql(`drop table if exists tenant_deletions`);
  }
}
