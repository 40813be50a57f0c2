-- Replay (issue 10): who each Automerge actor is, and when the room accepted each change.
-- dojo_changes rows are deleted by compaction; the timeline rows stay for the life of the dojo.

-- Which user an Automerge actor belongs to: bound when the room first accepts a change of that
-- actor from a participant's session, and never rebound (the first binding wins).
create table dojo_actors (
  dojo_id uuid not null,
  tenant_id uuid not null,
  actor text not null,
  user_id uuid not null,
  name text not null,
  bound_at timestamptz not null default now(),
  primary key (dojo_id, actor),
  foreign key (dojo_id, tenant_id) references dojos (dojo_id, tenant_id) on delete cascade
);

-- Every change the room accepted, in acceptance order (which is causal order), with the time it did.
create table dojo_timeline (
  id bigint generated always as identity primary key,
  dojo_id uuid not null,
  tenant_id uuid not null,
  hash text not null,
  actor text not null,
  -- The change's dependencies: with them a client finds the heads after any change without decoding the document's history.
  deps text[] not null,
  at timestamptz not null,
  foreign key (dojo_id, tenant_id) references dojos (dojo_id, tenant_id) on delete cascade
);
create index dojo_timeline_dojo on dojo_timeline (dojo_id, at, id);
-- The timeline merges the test runs of the session history in time order.
create index dojo_history_runs on dojo_history (dojo_id, at, id) where kind = 'test_run';

alter table dojo_actors enable row level security;
alter table dojo_actors force row level security;
create policy tenant_isolation on dojo_actors
  using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());

alter table dojo_timeline enable row level security;
alter table dojo_timeline force row level security;
create policy tenant_isolation on dojo_timeline
  using (tenant_id = app_tenant()) with check (tenant_id = app_tenant());
