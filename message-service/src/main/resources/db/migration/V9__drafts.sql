-- Drafts: at most one per user and conversation, the composer's text as the user left it (never blank: clearing a
-- draft deletes its row). Only a member has one: the foreign key to the membership projection makes a draft's insert
-- wait for (and need) its member row, and the projection's removal of that row (MemberLeft, ConversationDeleted)
-- takes the draft with it. A user's drafts are read by user_id: the primary key leads with it.
create table drafts (
    user_id         uuid        not null,
    conversation_id uuid        not null,
    body            text        not null check (body <> ''),
    reply_to_id     uuid,
    version         bigint      not null,
    updated_at      timestamptz not null,
    primary key (user_id, conversation_id),
    constraint drafts_member foreign key (conversation_id, user_id)
        references members (conversation_id, user_id) on delete cascade
);

-- One row per user: the last version given to a change of any of their drafts. A change locks this row to take the
-- next number, so one user's draft changes commit one after another, their DraftChanged events follow their versions
-- on chat.drafts.v1, and a draft deleted and written again never reuses a number a device already saw.
create table draft_versions (
    user_id      uuid   primary key,
    last_version bigint not null
);
