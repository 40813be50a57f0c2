-- Row-level security on every dojo table, as in platform-api: rows are visible
-- only when the transaction's `app.tenant_id` matches, or when `app.system` is
-- on — set only by the explicit system scope (the dojo → tenant registry that
-- admission reads before it knows whether a ticket's tenant owns the dojo).
-- The engine connects as a non-superuser role (DATABASE_URL), so FORCE makes
-- the policies hold even for a table owner.

create function app_tenant() returns uuid language sql stable as
  $$ select nullif(current_setting('app.tenant_id', true), '')::uuid $$;
create function app_system() returns boolean language sql stable as
  $$ select coalesce(current_setting('app.system', true), '') = 'on' $$;

-- Snapshots and changes carry their tenant so that the policy is a column check, not a join.
alter table dojo_snapshots add column tenant_id uuid;
update dojo_snapshots s set tenant_id = d.tenant_id from dojos d where d.dojo_id = s.dojo_id;
alter table dojo_snapshots alter column tenant_id set not null;
alter table dojo_changes add column tenant_id uuid;
update dojo_changes c set tenant_id = d.tenant_id from dojos d where d.dojo_id = c.dojo_id;
alter table dojo_changes alter column tenant_id set not null;

-- A row's tenant must be its dojo's tenant: a forged tenant_id cannot attach rows to another tenant's dojo.
alter table dojos add constraint dojos_tenant unique (dojo_id, tenant_id);
alter table dojo_snapshots add constraint dojo_snapshots_dojo_tenant
  foreign key (dojo_id, tenant_id) references dojos (dojo_id, tenant_id) on delete cascade;
alter table dojo_changes add constraint dojo_changes_dojo_tenant
  foreign key (dojo_id, tenant_id) references dojos (dojo_id, tenant_id) on delete cascade;
alter table dojo_history add constraint dojo_history_dojo_tenant
  foreign key (dojo_id, tenant_id) references dojos (dojo_id, tenant_id) on delete cascade;

-- Participants a facilitator removed: refused by the room however often it is re-created.
alter table dojos add column removed_user_ids uuid[] not null default '{}';

alter table dojos enable row level security;
alter table dojos force row level security;
create policy tenant_isolation on dojos
  using (tenant_id = app_tenant() or app_system())
  with check (tenant_id = app_tenant() or app_system());

alter table dojo_snapshots enable row level security;
alter table dojo_snapshots force row level security;
create policy tenant_isolation on dojo_snapshots
  using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());

alter table dojo_changes enable row level security;
alter table dojo_changes force row level security;
create policy tenant_isolation on dojo_changes
  using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());

alter table dojo_history enable row level security;
alter table dojo_history force row level security;
create policy tenant_isolation on dojo_history
  using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
