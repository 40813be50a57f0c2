import { Migration } from '@mikro-orm/migrations';

/**
 * The audit log (issue 12): security-relevant actions, append-only. Row-level
 * security like every tenant table; the app role may only insert and read
 * (its UPDATE, DELETE and TRUNCATE, granted by default privileges, are taken
 * back), and triggers refuse every UPDATE and TRUNCATE, and every DELETE while
 * the entry's team still exists, whoever asks — the table owner included. The
 * one way out is `erase_audit_of_deleted_team`, for a team already erased (LGPD).
 */
export class Migration20261202020000AuditLog extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table audit_events (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null,
        actor_id uuid,
        action text not null,
        target_type text,
        target_id text,
        details jsonb not null default '{}'::jsonb,
        ip text,
        user_agent text,
        created_at timestamptz not null default clock_timestamp()
      )`);
    this.addSql(`create index audit_events_page on audit_events (tenant_id, created_at desc, id desc)`);
    this.addSql(`create index audit_events_actor on audit_events (tenant_id, actor_id, created_at desc)`);
    this.addSql(`create index audit_events_target on audit_events (tenant_id, target_id)`);
    this.addSql(`alter table audit_events enable row level security`);
    this.addSql(`alter table audit_events force row level security`);
    this.addSql(`
      create policy tenant_isolation on audit_events
        using (tenant_id = (select app_tenant()) or (select app_system()))
        with check (tenant_id = (select app_tenant()) or (select app_system()))`);
    this.addSql(`
      do $$
      declare grantee_name text;
      begin
        for grantee_name in
          select distinct grantee from information_schema.role_table_grants
           where table_name = 'audit_events' and grantee <> current_user
        loop
          execute format('revoke update, delete, truncate on audit_events from %I', grantee_name);
        end loop;
        revoke update, delete, truncate on audit_events from public;
      end $$`);
    this.addSql(`
      create function audit_events_append_only() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' and not exists (select 1 from tenants where id = old.tenant_id) then
          return old;
        end if;
        raise exception 'audit_events is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
      end $$`);
    this.addSql(`
      create trigger audit_events_append_only before update or delete on audit_events
        for each row execute function audit_events_append_only()`);
    this.addSql(`
      create trigger audit_events_no_truncate before truncate on audit_events
        for each statement execute function audit_events_append_only()`);
    // Runs as the table owner: the app role, which cannot delete, calls it after erasing a team.
    this.addSql(`
      create function erase_audit_of_deleted_team(team uuid) returns bigint
        language plpgsql security definer set search_path = public as $$
      declare erased bigint;
      begin
        if exists (select 1 from tenants where id = team) then
          raise exception 'team % still exists', team using errcode = 'insufficient_privilege';
        end if;
        perform set_config('app.system', 'on', true);
        delete from audit_events where tenant_id = team;
        get diagnostics erased = row_count;
        return erased;
      end $$`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists erase_audit_of_deleted_team(uuid)`);
    this.addSql(`drop table if exists audit_events cascade`);
    this.addSql(`drop function if exists audit_events_append_only()`);
  }
}
