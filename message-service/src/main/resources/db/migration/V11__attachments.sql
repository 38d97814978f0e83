-- Attachments: the media items a message carries, copied from the media projection when it is sent (media never
-- changes once uploaded): [{"mediaId", "contentType", "sizeBytes", "filename"}, ...] in the order sent. Null when it
-- carries none (no default, so adding the column rewrites nothing); a delete sets it back to null.
alter table messages add column attachments jsonb;

-- media-service asks, per download, whether the caller may see a media item: "attachments @> [{mediaId}]".
create index messages_attachments on messages using gin (attachments jsonb_path_ops) where attachments is not null;

-- Search's hasAttachment filter and a conversation's files, newest first.
create index messages_with_attachments on messages (conversation_id, seq desc) where attachments is not null;

-- Attachable media, projected from chat.media.v1 (MediaUploaded: the item is READY). A send checks each id here:
-- the sender's own, and stored. Rows are only added: a media item is never changed or removed once READY.
create table media (
    media_id     uuid   primary key,
    owner_id     uuid   not null,
    content_type text   not null,
    size_bytes   bigint not null,
    filename     text   not null
);
