import { Migration } from '@mikro-orm/migrations';

/** Each team's default language (issue 12): what new members and readers we do not know yet get. */
export class Migration20261202010000TeamLanguage extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table tenants add column default_locale text not null default 'pt-BR' check (default_locale in ('pt-BR', 'en'))`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table tenants drop column default_locale`);
  }
}
