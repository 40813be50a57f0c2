import { Migration } from '@mikro-orm/migrations';

const TABLES = ['invitations', 'account_tokens'];

/**
 * People flows by e-mail: invitations with single-use, expiring,
 * hashed links; one-time account tokens (password reset, e-mail
 * verification); each member's language and verified e-mail. The temporary
 * password flow is gone, and with it `must_change_password`.
 */
export class Migration20261201100000PeopleFlows extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table users drop column must_change_password`);
    this.addSql(`alter table users add column locale text not null default 'pt-BR' check (locale in ('pt-BR', 'en'))`);
    this.addSql(`alter table users add column email_verified_at timestamptz`);
    // Accounts that existed before verification: their address was typed by an admin who knew them.
    this.addSql(`update users set email_verified_at = created_at`);
    this.addSql(`alter table users add column pending_email citext`);
    this.addSql(`create index users_email on users (email)`);
    this.addSql(`
      create table invitations (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) on delete cascade,
        email citext not null,
        role text not null check (role in ('owner', 'admin', 'member')),
        invited_by uuid references users(id) on delete set null,
        token_hash text not null unique,
        expires_at timestamptz not null,
        sent_count integer not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        accepted_at timestamptz,
        revoked_at timestamptz
      )`);
    // One open invitation per address and team; re-send renews it.
    this.addSql(
      `create unique index invitations_open on invitations (tenant_id, email) where accepted_at is null and revoked_at is null`,
    );
    this.addSql(`
      create table account_tokens (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) on delete cascade,
        user_id uuid not null references users(id) on delete cascade,
        purpose text not null check (purpose in ('password_reset', 'email_verification')),
        email citext not null,
        token_hash text not null unique,
        expires_at timestamptz not null,
        used_at timestamptz,
        created_at timestamptz not null default now()
      )`);
    this.addSql(`create index account_tokens_user on account_tokens (user_id, purpose)`);
    for (const table of TABLES) {
      this.addSql(`alter table ${table} enable row level security`);
      this.addSql(`alter table ${table} force row level security`);
      this.addSql(`
        create policy tenant_isolation on ${table}
          using (tenant_id = (select app_tenant()) or (select app_system()))
          with check (tenant_id = (select app_tenant()) or (select app_system()))`);
    }
  }

  override async down(): Promise<void> {
    for (const table of TABLES) this.addSql(`drop table if exists ${table} cascade`);
    this.addSql(`drop index if exists users_email`);
    this.addSql(`alter table users drop column pending_email`);
    this.addSql(`alter table users drop column email_verified_at`);
    this.addSql(`alter table users drop column locale`);
    this.addSql(`alter table users add column must_change_password boolean not null default false`);
  }
}
