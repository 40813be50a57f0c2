import { Migration } from '@mikro-orm/migrations';

/**
 * The platform schema. Every tenant-owned table carries `tenant_id` and has
 * row-level security ENABLED and FORCED: rows are visible only when the
 * transaction's `app.tenant_id` matches, or when `app.system` is on — set only
 * by the explicit system scope (outbox relay, internal export, login lookup).
 */
export class Migration20261123000000Init extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists citext`);
    this.addSql(`
      create function app_tenant() returns uuid language sql stable as
        $$ select nullif(current_setting('app.tenant_id', true), '')::uuid $$`);
    this.addSql(`
      create function app_system() returns boolean language sql stable as
        $$ select coalesce(current_setting('app.system', true), '') = 'on' $$`);

    this.addSql(`
      create table tenants (
        id uuid primary key,
        name text not null,
        slug citext not null unique,
        created_at timestamptz not null default now()
      )`);
    this.addSql(`
      create table users (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) on delete cascade,
        email citext not null,
        name text not null,
        role text not null check (role in ('owner', 'admin', 'member')),
        password_hash text not null,
        must_change_password boolean not null default false,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (tenant_id, email)
      )`);
    this.addSql(`
      create table refresh_tokens (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) on delete cascade,
        user_id uuid not null references users(id) on delete cascade,
        family_id uuid not null,
        token_hash text not null unique,
        expires_at timestamptz not null,
        rotated_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz not null default now()
      )`);
    this.addSql(`create index refresh_tokens_family on refresh_tokens (tenant_id, family_id)`);
    this.addSql(`
      create table pocs (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) on delete cascade,
        owner_id uuid not null,
        name text not null,
        description text not null default '',
        languages text[] not null default '{}',
        tags text[] not null default '{}',
        repo_url text,
        status text not null check (status in ('idea', 'active', 'done', 'archived')),
        started_at date,
        finished_at date,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        foreign key (owner_id) references users(id)
      )`);
    this.addSql(`create index pocs_page on pocs (tenant_id, created_at desc, id desc)`);
    this.addSql(`create index pocs_languages on pocs using gin (languages)`);
    this.addSql(`create index pocs_tags on pocs using gin (tags)`);
    this.addSql(`create index pocs_owner on pocs (tenant_id, owner_id)`);
    this.addSql(`
      create table attachments (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) on delete cascade,
        poc_id uuid not null references pocs(id) on delete cascade,
        file_name text not null,
        content_type text not null,
        bytes integer not null,
        key text not null unique,
        created_by uuid not null,
        created_at timestamptz not null default now()
      )`);
    this.addSql(`create index attachments_poc on attachments (tenant_id, poc_id)`);
    this.addSql(`
      create table outbox (
        seq bigserial primary key,
        id uuid not null unique,
        tenant_id uuid not null references tenants(id) on delete cascade,
        queue text not null,
        type text not null,
        group_key text not null,
        payload jsonb not null,
        created_at timestamptz not null default now(),
        sent_at timestamptz,
        attempts integer not null default 0
      )`);
    this.addSql(`create index outbox_pending on outbox (seq) where sent_at is null`);

    for (const table of ['tenants', 'users', 'refresh_tokens', 'pocs', 'attachments', 'outbox']) {
      const column = table === 'tenants' ? 'id' : 'tenant_id';
      this.addSql(`alter table ${table} enable row level security`);
      this.addSql(`alter table ${table} force row level security`);
      this.addSql(`
        create policy tenant_isolation on ${table}
          using (${column} = app_tenant() or app_system())
          with check (${column} = app_tenant() or app_system())`);
    }
  }

  override async down(): Promise<void> {
    for (const table of ['outbox', 'attachments', 'pocs', 'refresh_tokens', 'users', 'tenants']) {
      this.addSql(`drop table if exists ${table} cascade`);
    }
    this.addSql(`drop function if exists app_system()`);
    this.addSql(`drop function if exists app_tenant()`);
  }
}
