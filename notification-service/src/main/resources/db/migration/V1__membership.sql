-- Membership projection from chat.conversations.v1: who gets a conversation's pushes.
-- A conversation row means ConversationCreated was seen; until then the fan-out waits for it.
create table conversation (
    id          uuid        primary key,
    type        text        not null,
    created_at  timestamptz not null
);

create table conversation_member (
    conversation_id  uuid        not null,
    user_id          uuid        not null,
    role             text        not null,
    joined_at        timestamptz not null,
    primary key (conversation_id, user_id)
);
