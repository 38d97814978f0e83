-- Transactional outbox (chat-events OutboxWriter/OutboxRelay). Rows live only until Kafka acks them.
create table outbox (
    id          bigserial primary key,
    shard       smallint    not null,
    topic       text        not null,
    event_key   text        not null,
    event_id    uuid        not null,
    event_type  text        not null,
    payload     text        not null,
    created_at  timestamptz not null default now()
);

-- Consumer dedupe: an event's effect and this row commit together, so a redelivery is a no-op.
create table consumed_events (
    consumer     text        not null,
    event_id     uuid        not null,
    consumed_at  timestamptz not null default now(),
    primary key (consumer, event_id)
);
create index consumed_events_consumed_at on consumed_events (consumed_at);

-- A queue table: rows live milliseconds. Where autovacuum runs, let it visit often (the relay also vacuums).
alter table outbox set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000,
                        autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 1000);
