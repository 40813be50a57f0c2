import { Migration } from '@mikro-orm/migrations';

/**
 * Two-factor login (issue 12): a member's TOTP secret (RFC 6238) once confirmed,
 * the one being enrolled, the last time step used (a code works once), their
 * single-use recovery codes (argon2id hashes only), and the team's requirement.
 */
export class Migration20261202030000TwoFactor extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table users add column mfa_secret text`);
    this.addSql(`alter table users add column mfa_pending_secret text`);
    this.addSql(`alter table users add column mfa_enabled_at timestamptz`);
    this.addSql(`alter table users add column mfa_last_step bigint`);
    this.addSql(`alter table tenants add column require_mfa boolean not null default false`);
    this.addSql(`
      create table mfa_recovery_codes (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        user_id uuid not null references users(id) on delete cascade,
        code_hash text not null,
        used_at timestamptz,
        created_at timestamptz not null default now()
      )`);
    this.addSql(`create index mfa_recovery_codes_user on mfa_recovery_codes (user_id) where used_at is null`);
    this.addSql(`alter table mfa_recovery_codes enable row level security`);
    this.addSql(`alter table mfa_recovery_codes force row level security`);
    this.addSql(`
      create policy tenant_isolation on mfa_recovery_codes
        using (tenant_id = (select app_tenant()) or (select app_system()))
        with check (tenant_id = (select app_tenant()) or (select app_system()))`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists mfa_recovery_codes`);
    this.addSql(`alter table tenants drop column require_mfa`);
    for (const column of ['mfa_last_step', 'mfa_enabled_at', 'mfa_pending_secret', 'mfa_secret']) {
      this.addSql(`alter table users drop column ${column}`);
    }
  }
}
