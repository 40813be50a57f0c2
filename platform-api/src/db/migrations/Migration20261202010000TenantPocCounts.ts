import { Migration } from '@mikro-orm/migrations';

/**
 * Each tenant's POC count, kept by triggers, so the POC quota is one row to read
 * and lock instead of a count over the tenant's POCs on every creation: the
 * creating statement locks its tenant's row (`for update`), which serialises
 * only that tenant's creations, for the length of one statement.
 */
export class Migration20261202010000TenantPocCounts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table tenant_poc_counts (
        tenant_id uuid primary key references tenants(id) on delete cascade,
        pocs integer not null default 0 check (pocs >= 0)
      )`);
    this.addSql(`
      insert into tenant_poc_counts (tenant_id, pocs)
      select t.id, (select count(*) from pocs p where p.tenant_id = t.id) from tenants t`);
    this.addSql(`alter table tenant_poc_counts enable row level security`);
    this.addSql(`alter table tenant_poc_counts force row level security`);
    this.addSql(`
      create policy tenant_isolation on tenant_poc_counts
        using (tenant_id = (select app_tenant()) or (select app_system()))
        with check (tenant_id = (select app_tenant()) or (select app_system()))`);
    this.addSql(`
      create function count_tenant_pocs() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          insert into tenant_poc_counts (tenant_id, pocs) values (new.tenant_id, 1)
            on conflict (tenant_id) do update set pocs = tenant_poc_counts.pocs + 1;
        else
          update tenant_poc_counts set pocs = pocs - 1 where tenant_id = old.tenant_id;
        end if;
        return null;
      end $$`);
    this.addSql(
      `create trigger pocs_counted after insert or delete on pocs for each row execute function count_tenant_pocs()`,
    );
    // Every tenant has its row from the start, so the quota check always has a row to lock.
    this.addSql(`
      create function add_tenant_poc_count() returns trigger language plpgsql as $$
      begin
        insert into tenant_poc_counts (tenant_id) values (new.id) on conflict do nothing;
        return null;
      end $$`);
    this.addSql(
      `create trigger tenants_counted after insert on tenants for each row execute function add_tenant_poc_count()`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger tenants_counted on tenants`);
    this.addSql(`drop function add_tenant_poc_count()`);
    this.addSql(`drop trigger pocs_counted on pocs`);
    this.addSql(`drop function count_tenant_pocs()`);
    this.addSql(`drop table tenant_poc_counts`);
  }
}
