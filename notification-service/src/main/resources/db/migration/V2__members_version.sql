-- Every pod caches member lists; a per-conversation version, bumped in the transaction of each
-- membership change, lets each pod check its cache against the database with one small query per
-- fan-out batch (the projection's consumer group applies each event on one pod only).
alter table conversation add column members_version bigint not null default 0;

-- The conversation index (rt:user:{id}:convs) is rebuilt from here in chunks of users.
create index conversation_member_by_user on conversation_member (user_id, conversation_id);
