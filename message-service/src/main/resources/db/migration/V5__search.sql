-- Full-text search over message bodies (GET /api/messages/search).
-- 'simple': no stemming and no stop words, so it treats every language alike (a word matches itself, lower-cased).
-- unaccent is left out on purpose: it needs an extension (superuser to create) and is not immutable as shipped,
-- so a generated column cannot use it without a wrapper function. A deleted message's body is '', so its vector
-- is empty and it matches nothing; edits recompute the column with the row.
-- Adding a stored generated column rewrites the table once (an ACCESS EXCLUSIVE lock for that long).
alter table messages
    add column search_vector tsvector generated always as (to_tsvector('simple', body)) stored;

-- "where search_vector @@ websearch_to_tsquery('simple', ?)"
create index messages_search on messages using gin (search_vector);

-- A search reads the caller's conversations: "members where user_id = ?" (the primary key leads with conversation_id).
create index members_user on members (user_id);
