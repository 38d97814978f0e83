-- Replies: a message sent with reply_to_id names a message of the same conversation (its parent). The parent keeps
-- how many replies it got and when the latest came, updated in the reply's send transaction (one UPDATE on the
-- parent, only for a reply). Deleted replies stay counted: they stay as tombstones in the replies list.
-- Constant defaults: no table rewrite.
alter table messages
    add column reply_count   integer not null default 0,
    add column last_reply_at timestamptz;

-- the replies list: "where reply_to_id = ? and seq > ? order by seq"
create index messages_replies on messages (reply_to_id, seq) where reply_to_id is not null;
