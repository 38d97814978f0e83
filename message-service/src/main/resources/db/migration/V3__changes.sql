-- Edits and deletes. A deleted message stays as a tombstone in its position: body '' and who/when deleted it.
alter table messages
    add column edited_at  timestamptz,
    add column deleted_at timestamptz,
    add column deleted_by uuid;

-- Every change of a conversation (message created, edited, deleted; later reactions and pins), one row per number
-- of its change sequence (conversation_seq), written in the transaction that took the number. payload is the
-- socket frame of the change (docs/websocket-protocol.md), so GET /api/conversations/{id}/changes answers what the
-- pushes carried. Rows older than chat.message.changes-retention are purged, oldest first (ChangesRetention).
-- created_at is the insert's clock_timestamp(): taken while the conversation's seq row is locked, so it grows with
-- seq inside a conversation and the purge only ever removes a conversation's oldest changes.
create table message_changes (
    conversation_id uuid        not null,
    seq             bigint      not null,
    kind            text        not null check (kind in ('CREATED', 'EDITED', 'DELETED')),
    message_id      uuid        not null,
    payload         jsonb       not null,
    created_at      timestamptz not null default clock_timestamp(),
    primary key (conversation_id, seq)
);
-- the retention purge: "oldest first, a small batch at a time"
create index message_changes_created_at on message_changes (created_at);

-- The bodies a message had before each edit: the history a client shows under "edited". seq is the number the
-- edit took (its EDITED change). Deleting the message erases its history with its body.
create table message_edits (
    message_id    uuid        not null,
    seq           bigint      not null,
    edited_at     timestamptz not null,
    previous_body text        not null,
    primary key (message_id, seq)
);
