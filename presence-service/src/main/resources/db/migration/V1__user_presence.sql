-- The last presence transition per user: the source of lastSeenAt (live status comes from Redis).
create table user_presence (
    user_id       uuid        primary key,
    status        text        not null check (status in ('ONLINE', 'OFFLINE')),
    last_seen_at  timestamptz not null,
    changed_at    timestamptz not null
);
