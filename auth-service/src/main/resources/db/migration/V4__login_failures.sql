-- Login throttling: one row per failed (or in-flight) attempt, keyed by canonical username.
create table login_failures (
    id         bigserial   primary key,
    username   text        not null,
    failed_at  timestamptz not null default now()
);
create index login_failures_username on login_failures (username, failed_at);
