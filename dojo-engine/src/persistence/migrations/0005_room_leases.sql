-- Exact ownership of a dojo's live room across engine processes. A process
-- creates a dojo's room only after taking this lease (free, expired, or
-- already its own), which bumps lease_token: the fencing token. The holder
-- renews it while the room lives; writes that could destroy another room's
-- data (compaction, room state) carry the token and are refused once a newer
-- holder took over. Redis (matchmaking listings) may forget rooms; this does not.
alter table dojos add column lease_holder text;
alter table dojos add column lease_token bigint not null default 0;
alter table dojos add column lease_expires_at timestamptz;
create index dojos_lease_holder on dojos (lease_holder) where lease_holder is not null;
