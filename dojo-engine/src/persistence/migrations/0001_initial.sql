-- dojo-engine's own database "dojo" (architecture §3): documents, their changes, and session history.

-- Which tenant a dojo belongs to, learnt from the first verified ticket; later
-- tickets of another tenant are refused at matchmaking.
create table dojos (
  dojo_id uuid primary key,
  tenant_id uuid not null,
  created_at timestamptz not null default now()
);

-- The last compacted Automerge save() of a dojo's document.
create table dojo_snapshots (
  dojo_id uuid primary key references dojos (dojo_id) on delete cascade,
  bytes bytea not null,
  saved_at timestamptz not null default now()
);

-- Changes accepted since the snapshot, appended in batches; compaction deletes them.
create table dojo_changes (
  id bigint generated always as identity primary key,
  dojo_id uuid not null references dojos (dojo_id) on delete cascade,
  bytes bytea not null,
  created_at timestamptz not null default now()
);
create index dojo_changes_dojo on dojo_changes (dojo_id, id);

-- Session history: joins, leaves, rotations, timer events, chat.
create table dojo_history (
  id bigint generated always as identity primary key,
  dojo_id uuid not null references dojos (dojo_id) on delete cascade,
  tenant_id uuid not null,
  kind text not null,
  user_id uuid,
  name text,
  data jsonb not null default '{}',
  at timestamptz not null
);
create index dojo_history_dojo on dojo_history (dojo_id, id);
create index dojo_history_chat on dojo_history (dojo_id, id) where kind = 'chat';
