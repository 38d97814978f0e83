-- Bans hold for users who need not be members (a pre-emptive ban), so they hang off the conversation. A ban with an
-- expires_at in the past is simply not active: every read compares it with now, no job deletes it.
create table bans (
    conversation_id uuid          not null references conversations (id) on delete cascade,
    user_id         uuid          not null,
    reason          varchar(500),
    banned_by       uuid          not null,
    banned_at       timestamptz   not null,
    expires_at      timestamptz,
    primary key (conversation_id, user_id)
);
create index bans_by_time on bans (conversation_id, banned_at, user_id);

-- A mute is a member's: it goes with the membership (kicked, banned, left) by cascade.
create table mutes (
    conversation_id uuid          not null,
    user_id         uuid          not null,
    reason          varchar(500),
    muted_by        uuid          not null,
    muted_at        timestamptz   not null,
    expires_at      timestamptz,
    primary key (conversation_id, user_id),
    foreign key (conversation_id, user_id) references members (conversation_id, user_id) on delete cascade
);
create index mutes_by_time on mutes (conversation_id, muted_at, user_id);

-- Every moderation action, appended in the transaction of the action under the conversation's row lock, so within
-- one conversation the id grows in the order the actions happened: the log pages newest first by id.
create table moderation_log (
    id              bigint        generated always as identity primary key,
    conversation_id uuid          not null references conversations (id) on delete cascade,
    actor_id        uuid          not null,
    action          text          not null check (action in
                        ('KICK', 'BAN', 'UNBAN', 'MUTE', 'UNMUTE', 'PROMOTE', 'DEMOTE', 'TRANSFER_OWNERSHIP')),
    target_user_id  uuid          not null,
    reason          varchar(500),
    expires_at      timestamptz,
    at              timestamptz   not null
);
create index moderation_log_by_conversation on moderation_log (conversation_id, id desc);
