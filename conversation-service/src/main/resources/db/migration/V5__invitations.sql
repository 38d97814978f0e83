-- Directed invitations into a group or channel. A PENDING one is open until the invitee accepts or declines, an owner
-- or admin revokes it, or expires_at passes (then it is simply not pending any more: every read compares with now,
-- and inviting the user again replaces it). Answered rows stay, with the time they were closed.
create table invitations (
    id              uuid        primary key,
    conversation_id uuid        not null references conversations (id) on delete cascade,
    user_id         uuid        not null,
    invited_by      uuid        not null,
    created_at      timestamptz not null,
    expires_at      timestamptz,
    status          text        not null default 'PENDING'
                                check (status in ('PENDING', 'ACCEPTED', 'DECLINED', 'REVOKED')),
    closed_at       timestamptz,
    constraint invitations_closed_when_answered check ((status = 'PENDING') = (closed_at is null))
);
-- At most one PENDING invitation per user and conversation (it also serves the conversation's pending list).
create unique index invitations_one_pending on invitations (conversation_id, user_id) where status = 'PENDING';
-- "my invitations", newest first
create index invitations_pending_by_user on invitations (user_id, created_at desc) where status = 'PENDING';

-- Invite links: anyone holding the code may join while it is usable (not revoked, not expired, uses < max_uses).
-- uses is spent by one conditional UPDATE per join, under the conversation's row lock; the check keeps it exact.
create table invite_links (
    code            text        primary key,
    conversation_id uuid        not null references conversations (id) on delete cascade,
    created_by      uuid        not null,
    created_at      timestamptz not null,
    expires_at      timestamptz,
    max_uses        int         check (max_uses > 0),
    uses            int         not null default 0,
    revoked_at      timestamptz,
    constraint invite_links_uses_within_max check (uses >= 0 and (max_uses is null or uses <= max_uses))
);
create index invite_links_by_conversation on invite_links (conversation_id, created_at desc);
