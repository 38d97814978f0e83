-- The members list pages by (joined_at, user_id) within a conversation: a group holds up to 1,000 members.
create index members_by_join_time on members (conversation_id, joined_at, user_id);

-- Exactly one OWNER per group is kept by the code under the conversation's row lock; the database refuses a second one
-- whatever a future bug tries. (A transfer demotes the old owner before promoting the new one.)
create unique index members_one_owner on members (conversation_id) where role = 'OWNER';
