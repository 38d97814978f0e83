-- RSA signing keys owned by this service. The newest active key signs; every key not yet retired is
-- published in the JWKS, so tokens signed by a superseded key stay verifiable until they expire.
create table signing_keys (
    kid          text        primary key,
    public_key   text        not null,  -- X.509 SubjectPublicKeyInfo, base64
    private_key  text        not null,  -- PKCS#8, base64
    created_at   timestamptz not null default now(),
    active       boolean     not null default true,
    retired_at   timestamptz            -- unpublished from this instant on; null = published
);
create index signing_keys_active on signing_keys (created_at desc) where active;
