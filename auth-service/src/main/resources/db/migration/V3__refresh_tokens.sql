-- Rotating refresh tokens: only the SHA-256 of the opaque token is stored. All tokens descending from
-- one login share family_id; presenting a used token revokes the whole family (reuse detection).
create table refresh_tokens (
    token_hash  bytea       primary key,
    family_id   uuid        not null,
    user_id     uuid        not null references users (id) on delete cascade,
    issued_at   timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    revoked_at  timestamptz
);
create index refresh_tokens_family on refresh_tokens (family_id);
create index refresh_tokens_expires on refresh_tokens (expires_at);
