import { Migration } from '@mikro-orm/migrations';

/**
 * `token_version` grows whenever a member's privileges or sessions change (role
 * change, password change, "sign out everywhere"). Access tokens carry the
 * version they were issued under and every request compares it with the row,
 * so such a change ends the member's live access tokens at once, not 15 minutes later.
 */
export class Migration20261201010000MemberTokenVersion extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table users add column token_version integer not null default 0`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table users drop column token_version`);
  }
}
