import { Migration } from '@mikro-orm/migrations';

/**
 * Captcha-free unlock of throttled logins: a single-use, expiring link e-mailed
 * to the account (stored hashed in `account_tokens`, like reset links).
 */
export class Migration20261202020000LoginUnlock extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table account_tokens drop constraint account_tokens_purpose_check`);
    this.addSql(
      `alter table account_tokens add constraint account_tokens_purpose_check
         check (purpose in ('password_reset', 'email_verification', 'login_unlock'))`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`delete from account_tokens where purpose = 'login_unlock'`);
    this.addSql(`alter table account_tokens drop constraint account_tokens_purpose_check`);
    this.addSql(
      `alter table account_tokens add constraint account_tokens_purpose_check
         check (purpose in ('password_reset', 'email_verification'))`,
    );
  }
}
