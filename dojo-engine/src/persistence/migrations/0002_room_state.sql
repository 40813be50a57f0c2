-- The facilitation state of a dojo's room (timer, driver, rotation order), so that a room
-- re-created after disposal or a process failure resumes the kata where it was.
alter table dojos add column room_state jsonb;
