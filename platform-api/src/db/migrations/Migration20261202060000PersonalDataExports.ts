import { Migration } from '@mikro-orm/migrations';

/** A member's export of all their personal data (LGPD Art. 18, II and V) is a media job of its own kind. */
export class Migration20261202060000PersonalDataExports extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table jobs drop constraint jobs_kind_check`);
    this.addSql(`alter table jobs add constraint jobs_kind_check check (kind in ('report', 'video', 'personal_data'))`);
    // The rate limits count a member's exports: one running at a time, a few a day.
    this.addSql(
      `create index jobs_personal_data on jobs (tenant_id, requested_by, created_at desc) where kind = 'personal_data'`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`delete from jobs where kind = 'personal_data'`);
    this.addSql(`drop index jobs_personal_data`);
    this.addSql(`alter table jobs drop constraint jobs_kind_check`);
    this.addSql(`alter table jobs add constraint jobs_kind_check check (kind in ('report', 'video'))`);
  }
}
