-- Posting rules, projected from chat.conversations.v1 so a send decides them locally (no remote call).

-- role: OWNER, ADMIN or MEMBER (MemberJoined, MemberRoleChanged, OwnershipTransferred). Members projected
-- before this migration read as MEMBER until their next role event: the safe side (no moderation, no posting
-- in a read-only channel).
-- muted_until: MemberMuted's expiresAt, 'infinity' for "until unmuted", null when not muted. An expired mute
-- is not cleared by anything (no event is published at expiry): readers compare it with now().
alter table members
    add column role        text not null default 'MEMBER',
    add column muted_until timestamptz;

-- One row per conversation: ConversationCreated inserts it, ConversationUpdated (a full snapshot) overwrites
-- it, ConversationDeleted removes it (the messages stay). Sends read it joined to members by primary key.
-- type is null for a conversation created before this table existed and first seen in a ConversationUpdated
-- (that event does not carry the type).
create table conversations (
    conversation_id uuid    primary key,
    type            text,
    read_only       boolean not null default false,
    archived        boolean not null default false
);
