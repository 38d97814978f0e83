-- Receipts: each member's delivered and read cursors in a conversation (numbers of its change sequence, forward
-- only), one row per member and never one per message: who read a message is derived (read_seq >= its seq), so a
-- message to 1,000 members writes no receipt row at all. fillfactor leaves room for the frequent HOT updates.
-- unread_from_seq is the member's private "mark unread" (the seq of the first message to show unread again); it
-- never moves read_seq back, so the others' "read" marks stay, and the next read at or past it clears it.
-- A member who leaves keeps the row (reads join members, so only current members count); a rejoin moves it forward.
create table receipts (
    conversation_id uuid        not null,
    user_id         uuid        not null,
    delivered_seq   bigint      not null default 0,
    read_seq        bigint      not null default 0,
    unread_from_seq bigint,
    updated_at      timestamptz not null default now(),
    primary key (conversation_id, user_id),
    constraint receipts_delivered_covers_read check (delivered_seq >= read_seq)
) with (fillfactor = 70);

-- unread counts: "messages of this conversation after the cursor, not sent by the reader" walk (conversation_id,
-- seq) and filter the sender; the existing unique index on (conversation_id, seq) serves it.
