create table conversations (
    id          uuid        primary key,
    type        text        not null check (type in ('DIRECT', 'GROUP', 'CHANNEL')),
    title       text,
    created_by  uuid        not null,
    created_at  timestamptz not null,
    -- "<smaller uuid>:<larger uuid>" for DIRECT: the unique index makes one DM per pair, even under races.
    direct_key  text        unique,
    constraint conversations_direct_key check ((type = 'DIRECT') = (direct_key is not null))
);

create table members (
    conversation_id uuid        not null references conversations (id) on delete cascade,
    user_id         uuid        not null,
    role            text        not null check (role in ('OWNER', 'ADMIN', 'MEMBER')),
    joined_at       timestamptz not null,
    primary key (conversation_id, user_id)
);
-- "my conversations"
create index members_user_id on members (user_id);

-- Projection of auth-service's users (chat.users.v1), to check that a user exists without a remote call.
create table users (
    user_id      uuid primary key,
    username     text not null,
    display_name text
);
