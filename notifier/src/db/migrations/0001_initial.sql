-- notifier's own database "notifier" (architecture §3): notifications, preferences,
-- device tokens and delivery records. Every tenant-owned table has row-level
-- security ENABLED and FORCED (same rule as platform-api): a row is visible when
-- the transaction's app.tenant_id matches, or when app.system is on — set only
-- by the dispatcher, the scheduler and the intake of events from SQS.

create function app_tenant() returns uuid language sql stable as
  $$ select nullif(current_setting('app.tenant_id', true), '')::uuid $$;
create function app_system() returns boolean language sql stable as
  $$ select coalesce(current_setting('app.system', true), '') = 'on' $$;

-- What a user wants per kind and channel; a missing row means every channel on.
create table notification_preferences (
  tenant_id uuid not null,
  user_id uuid not null,
  kind text not null,
  email boolean not null,
  push boolean not null,
  in_app boolean not null,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, user_id, kind)
);

-- Mobile devices registered for push; endpoint_arn is SNS's endpoint for the token.
create table devices (
  id uuid primary key,
  tenant_id uuid not null,
  user_id uuid not null,
  platform text not null check (platform in ('ios', 'android')),
  token text not null,
  endpoint_arn text,
  created_at timestamptz not null default now(),
  unique (tenant_id, platform, token)
);
create index devices_user on devices (tenant_id, user_id);

-- In-app notifications (the bell). One per event and user: the idempotency key
-- of the in-app channel.
create table notifications (
  id uuid primary key,
  tenant_id uuid not null,
  user_id uuid not null,
  event_id uuid not null,
  kind text not null,
  title text not null,
  body text not null,
  link text,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  unique (event_id, user_id)
);
create index notifications_user on notifications (tenant_id, user_id, created_at desc, id desc);
create index notifications_unread on notifications (tenant_id, user_id) where read_at is null;

-- E-mail and push deliveries: one per (event, recipient, channel), the
-- idempotency key, claimed by dispatchers with FOR UPDATE SKIP LOCKED.
-- status: pending → sending → sent | failed (attempts exhausted) | suppressed.
create table deliveries (
  id uuid primary key,
  tenant_id uuid not null,
  event_id uuid not null,
  kind text not null,
  channel text not null check (channel in ('email', 'push')),
  recipient_key text not null,
  user_id uuid,
  email text not null,
  recipient_name text not null,
  locale text not null,
  params jsonb not null,
  link text,
  status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed', 'suppressed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  sent_at timestamptz,
  unique (event_id, recipient_key, channel)
);
create index deliveries_due on deliveries (next_attempt_at) where status in ('pending', 'sending');
create index deliveries_tenant on deliveries (tenant_id, created_at desc, id desc);

-- Notifications to deliver later (a dojo starting in 10 minutes). A newer event
-- with the same key replaces the row; fired_at makes it fire once, whichever
-- replica claims it (FOR UPDATE SKIP LOCKED), across restarts.
create table scheduled_notifications (
  id uuid primary key,
  tenant_id uuid not null,
  schedule_key text not null,
  fire_at timestamptz not null,
  event_id uuid not null,
  occurred_at timestamptz not null,
  request jsonb not null,
  fired_at timestamptz,
  unique (tenant_id, schedule_key)
);
create index scheduled_due on scheduled_notifications (fire_at) where fired_at is null;

do $$
declare t text;
begin
  foreach t in array array['notification_preferences', 'devices', 'notifications', 'deliveries', 'scheduled_notifications'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format(
      'create policy tenant_isolation on %I using (tenant_id = (select app_tenant()) or (select app_system()))
         with check (tenant_id = (select app_tenant()) or (select app_system()))', t);
  end loop;
end $$;

-- Addresses SES reported as hard-bouncing or complaining: never mailed again.
-- Not tenant-owned: an address that bounces does so for every team.
create table suppressed_addresses (
  email text primary key,
  reason text not null check (reason in ('bounce', 'complaint')),
  detail text,
  created_at timestamptz not null default now()
);
