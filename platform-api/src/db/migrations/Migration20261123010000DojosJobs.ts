import { Migration } from '@mikro-orm/migrations';

/** A tenant's own katas, scheduled dojos, and media jobs (reports, yearly videos), all under RLS. */
export class Migration20261123010000DojosJobs extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table katas (
        tenant_id uuid not null references tenants(id) on delete cascade,
        id text not null,
        title text not null,
        summary text not null,
        description text not null,
        difficulty text not null check (difficulty in ('easy', 'medium', 'hard')),
        tags text[] not null default '{}',
        starters jsonb not null,
        created_by uuid not null references users(id),
        created_at timestamptz not null default now(),
        primary key (tenant_id, id)
      )`);
    this.addSql(`
      create table dojos (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) on delete cascade,
        facilitator_id uuid not null references users(id),
        title text not null,
        kata_id text,
        language text not null,
        duration_minutes integer not null check (duration_minutes between 5 and 480),
        rotation_minutes integer not null check (rotation_minutes between 1 and 120),
        edit_policy text not null check (edit_policy in ('driver', 'everyone')),
        scheduled_at timestamptz,
        ended_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1
      )`);
    this.addSql(`create index dojos_page on dojos (tenant_id, created_at desc, id desc)`);
    this.addSql(`
      create table jobs (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) on delete cascade,
        requested_by uuid not null references users(id) on delete cascade,
        subject_user_id uuid references users(id) on delete cascade,
        kind text not null check (kind in ('report', 'video')),
        params jsonb not null,
        status text not null check (status in ('queued', 'running', 'succeeded', 'failed')),
        progress integer not null default 0 check (progress between 0 and 100),
        stage text,
        error text,
        result_key text,
        result_bytes bigint,
        result_content_type text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    this.addSql(`create index jobs_requester on jobs (tenant_id, requested_by, created_at desc)`);
    for (const table of ['katas', 'dojos', 'jobs']) {
      this.addSql(`alter table ${table} enable row level security`);
      this.addSql(`alter table ${table} force row level security`);
      this.addSql(`
        create policy tenant_isolation on ${table}
          using (tenant_id = app_tenant() or app_system())
          with check (tenant_id = app_tenant() or app_system())`);
    }
  }

  override async down(): Promise<void> {
    for (const table of ['jobs', 'dojos', 'katas']) this.addSql(`drop table if exists ${table} cascade`);
  }
}
