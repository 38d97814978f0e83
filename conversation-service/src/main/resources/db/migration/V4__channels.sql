-- Channels, the details of groups and channels, and each member's own notification settings.
create extension if not exists pg_trgm;

alter table conversations
    add column description     text,
    add column topic           text,
    add column avatar_media_id uuid,
    add column visibility      text    not null default 'PRIVATE',
    add column slug            text    unique,
    add column read_only       boolean not null default false,
    add column archived        boolean not null default false,
    -- Kept by the triggers below (members are only ever inserted and deleted): the public channel list sorts by it,
    -- and every view shows it, without counting a channel's members per row.
    add column member_count    integer not null default 0,
    add constraint conversations_description_length check (char_length(description) <= 1000),
    add constraint conversations_topic_length check (char_length(topic) <= 250),
    add constraint conversations_visibility check (visibility in ('PUBLIC', 'PRIVATE')),
    add constraint conversations_public_channels_only check (visibility = 'PRIVATE' or type = 'CHANNEL'),
    -- A channel's unique human-readable name (/api/channels/{slug}); the other types have none.
    add constraint conversations_slug check ((type = 'CHANNEL') = (slug is not null)),
    add constraint conversations_slug_format check (slug ~ '^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$'),
    add constraint conversations_read_only_channels_only check (not read_only or type = 'CHANNEL');

update conversations c set member_count = (select count(*) from members m where m.conversation_id = c.id);

-- Statement-level, over the transition tables: adding 999 members at once is one update, not 999. Every writer of
-- members already holds the conversation's row lock (or created the row), so the update waits for nobody.
create function members_count_added() returns trigger language plpgsql as $$
begin
    update conversations c set member_count = c.member_count + n.added
      from (select conversation_id, count(*) as added from added_members group by conversation_id) n
     where c.id = n.conversation_id;
    return null;
end $$;

create function members_count_removed() returns trigger language plpgsql as $$
begin
    update conversations c set member_count = c.member_count - n.removed
      from (select conversation_id, count(*) as removed from removed_members group by conversation_id) n
     where c.id = n.conversation_id;
    return null;
end $$;

create trigger members_counted_in after insert on members
    referencing new table as added_members for each statement execute function members_count_added();
create trigger members_counted_out after delete on members
    referencing old table as removed_members for each statement execute function members_count_removed();

-- Case-insensitive substring search on titles: the caller's own conversations (GET /api/conversations?query=) ...
create index conversations_title_trgm on conversations using gin (lower(title) gin_trgm_ops);
-- ... and the public channel directory (GET /api/channels?query=), which matches the name or the slug and sorts by
-- member count.
create index conversations_public_channels_title_trgm on conversations using gin (lower(title) gin_trgm_ops)
    where type = 'CHANNEL' and visibility = 'PUBLIC' and not archived;
create index conversations_public_channels_slug_trgm on conversations using gin (slug gin_trgm_ops)
    where type = 'CHANNEL' and visibility = 'PUBLIC' and not archived;
create index conversations_public_channels_by_members on conversations (member_count desc, id)
    where type = 'CHANNEL' and visibility = 'PUBLIC' and not archived;

-- A member's own notification settings for the conversation: ALL, MENTIONS or NONE, and none at all until
-- muted_until (a past muted_until is no mute: reads compare with now).
alter table members
    add column notifications text not null default 'ALL',
    add column muted_until   timestamptz,
    add constraint members_notifications check (notifications in ('ALL', 'MENTIONS', 'NONE'));
