import { Migration } from '@mikro-orm/migrations';

/**
 * Per-team data retention (LGPD, issue 12): how many days finished reports and
 * videos are kept (their job rows and S3 files); null keeps them until deleted.
 */
export class Migration20261202040000Retention extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table tenants add column export_retention_days integer check (export_retention_days between 1 and 3650)`,
    );
    this.addSql(`create index jobs_finished on jobs (updated_at) where status in ('succeeded', 'failed')`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists jobs_finished`);
    this.addSql(`alter table tenants drop column export_retention_days`);
  }
}
