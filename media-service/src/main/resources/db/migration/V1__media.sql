-- One row per upload. PENDING until the client has PUT the bytes and called complete; the object then
-- lives at object_key, where nobody but this service can write (the presigned PUT targets a staging key).
create table media (
    id           uuid        primary key,
    owner_id     uuid        not null,
    status       text        not null check (status in ('PENDING', 'READY')),
    content_type text        not null,
    size_bytes   bigint      not null check (size_bytes > 0),
    object_key   text        not null unique,
    filename     text        not null,
    created_at   timestamptz not null default now()
);
create index media_owner_created on media (owner_id, created_at desc);
