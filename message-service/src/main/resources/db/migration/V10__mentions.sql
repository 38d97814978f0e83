-- Mentions: the members a message's body names as @username, resolved when it is sent or edited and kept with it
-- (null when it names nobody; no default, so adding the column rewrites nothing).
alter table messages add column mentions uuid[];

-- Usernames, projected from chat.users.v1 (UserRegistered), to resolve @username without a call to auth-service.
-- Stored lower-cased: a mention matches a username whatever its case (not unique: two accounts differing only in
-- case would both be mentioned, never make the projection fail).
create table users (
    user_id  uuid primary key,
    username text not null
);
create index users_username on users (username);
