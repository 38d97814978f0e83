-- One row per conversation: its last assigned seq. Sends lock this row to take the next number, so one
-- conversation's sends commit one after another and their outbox rows follow seq order.
-- fillfactor leaves room on each page so the constant updates stay HOT (no index churn).
create table conversation_seq (
    conversation_id uuid   primary key,
    last_seq        bigint not null
) with (fillfactor = 50);

create table messages (
    id                uuid        primary key,   -- UUIDv7: time-ordered, so inserts append to the index
    conversation_id   uuid        not null,
    seq               bigint      not null,
    sender_id         uuid        not null,
    client_message_id text        not null,
    body              text        not null,
    reply_to_id       uuid,
    created_at        timestamptz not null,
    -- history pages and the gap fetch after a reconnect: "where conversation_id = ? and seq > ?"
    constraint messages_conversation_seq unique (conversation_id, seq),
    -- the idempotency key of a send: a retry finds the first attempt's message
    constraint messages_client_message unique (conversation_id, sender_id, client_message_id)
);

-- Membership projection of chat.conversations.v1: who may send to and read a conversation.
create table members (
    conversation_id uuid not null,
    user_id         uuid not null,
    primary key (conversation_id, user_id)
);
