-- Scheduled messages: a member's message to be sent at send_at by the service itself. The schedule lives here, not
-- in a pod's memory: a poller on any pod claims a due PENDING row (for update skip locked), sends it through the
-- send path and marks it SENT in the same transaction, so a restart loses nothing and two pods never send it twice.
-- The message's clientMessageId is 'scheduled:<id>', a second guard against a second message.
-- state: PENDING until sent; SENT with the message's id and seq; FAILED with the reason when the sender could no
-- longer post at send_at (left, muted, archived...). A cancel deletes the PENDING row.
create table scheduled_messages (
    id              uuid        primary key,   -- UUIDv7, as messages'
    conversation_id uuid        not null,
    sender_id       uuid        not null,
    body            text        not null,
    reply_to_id     uuid,
    send_at         timestamptz not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    state           text        not null default 'PENDING' check (state in ('PENDING', 'SENT', 'FAILED')),
    message_id      uuid,
    message_seq     bigint,
    failure_reason  text,
    check ((state = 'SENT') = (message_id is not null and message_seq is not null)),
    check ((state = 'FAILED') = (failure_reason is not null))
);

-- the poller's due query: "where state = 'PENDING' and send_at <= now() order by send_at"
create index scheduled_messages_due on scheduled_messages (send_at) where state = 'PENDING';
-- the author's lists: "where sender_id = ? [and conversation_id = ?] and state = 'PENDING' order by send_at"
create index scheduled_messages_sender on scheduled_messages (sender_id, conversation_id, send_at)
    where state = 'PENDING';
