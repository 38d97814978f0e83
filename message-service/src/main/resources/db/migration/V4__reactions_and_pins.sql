-- Reactions and pins take numbers of the conversation's change sequence, like edits and deletes.

-- One reaction per (message, user, emoji). seq is the number the ReactionAdded took. emoji_since is the seq that
-- started the emoji's current run on the message (the reaction that took its count from 0 to 1; every row of the
-- run carries it): a message's reactions are shown ordered by it, so an emoji keeps its place while anyone still
-- reacts with it and a new one goes last, exactly as a client applying reaction.added / reaction.removed sees them.
-- Read per page: "where message_id = any(?)" over the primary key's leading column.
create table message_reactions (
    conversation_id uuid        not null,
    message_id      uuid        not null,
    user_id         uuid        not null,
    emoji           text        not null,
    seq             bigint      not null,
    emoji_since     bigint      not null,
    created_at      timestamptz not null,
    primary key (message_id, user_id, emoji)
);

-- A pinned message: when, by whom, and the number its MessagePinned took (the pins list, newest first).
alter table messages
    add column pinned_at  timestamptz,
    add column pinned_by  uuid,
    add column pinned_seq bigint;
-- the pins list and its limit: "where conversation_id = ? and pinned_seq is not null order by pinned_seq desc"
create index messages_pinned on messages (conversation_id, pinned_seq desc) where pinned_seq is not null;

alter table message_changes drop constraint message_changes_kind_check;
alter table message_changes add constraint message_changes_kind_check
    check (kind in ('CREATED', 'EDITED', 'DELETED', 'REACTION_ADDED', 'REACTION_REMOVED', 'PINNED', 'UNPINNED'));
