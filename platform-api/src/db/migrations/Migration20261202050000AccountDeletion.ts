import { Migration } from '@mikro-orm/migrations';

/** What happens to the POCs of a member who deletes their account (LGPD): the owners choose. */
export class Migration20261202050000AccountDeletion extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table tenants add column departing_member_pocs text not null default 'transfer' check (departing_member_pocs in ('transfer', 'delete'))`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table tenants drop column departing_member_pocs`);
  }
}
