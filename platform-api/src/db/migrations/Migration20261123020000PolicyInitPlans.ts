import { Migration } from '@mikro-orm/migrations';

const TABLES = ['tenants', 'users', 'refresh_tokens', 'pocs', 'attachments', 'outbox', 'katas', 'dojos', 'jobs'];

/**
 * Row-level security policies whose tenant and system checks are scalar
 * subqueries: Postgres evaluates them once per query (an InitPlan) instead of
 * calling current_setting() for every row it filters — 10,000 rows cost ~12 ms
 * the old way. Same rule, same FORCE.
 */
export class Migration20261123020000PolicyInitPlans extends Migration {
  override async up(): Promise<void> {
    for (const table of TABLES) {
      const column = table === 'tenants' ? 'id' : 'tenant_id';
      this.addSql(`drop policy tenant_isolation on ${table}`);
      this.addSql(`
        create policy tenant_isolation on ${table}
          using (${column} = (select app_tenant()) or (select app_system()))
          with check (${column} = (select app_tenant()) or (select app_system()))`);
    }
  }

  override async down(): Promise<void> {
    for (const table of TABLES) {
      const column = table === 'tenants' ? 'id' : 'tenant_id';
      this.addSql(`drop policy tenant_isolation on ${table}`);
      this.addSql(`
        create policy tenant_isolation on ${table}
          using (${column} = app_tenant() or app_system())
          with check (${column} = app_tenant() or app_system())`);
    }
  }
}
