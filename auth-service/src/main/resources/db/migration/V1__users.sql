-- Accounts. username is stored in its canonical lower-case form, so uniqueness is case-insensitive.
create table users (
    id            uuid        primary key,
    username      text        not null,
    display_name  text        not null,
    password_hash text        not null,
    created_at    timestamptz not null default now(),
    constraint users_username_unique unique (username)
);
-- Prefix search (GET /api/users?q=): text_pattern_ops lets "like 'abc%'" use the index.
create index users_username_prefix on users (username text_pattern_ops);
create index users_display_name_prefix on users (lower(display_name) text_pattern_ops);
