#!/bin/bash
# Creates the topics of docs/kafka-topics.md (as the Helm chart's hook Job does) and applies their configuration.
# Partitions are only set at creation: adding some later would move keys and break per-key order.
set -euo pipefail
bootstrap=${BOOTSTRAP:-kafka:9092}
topic() { # name partitions config (k=v,k=v)
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --create --if-not-exists \
    --topic "$1" --partitions "$2" --replication-factor 1
  /opt/kafka/bin/kafka-configs.sh --bootstrap-server "$bootstrap" --alter \
    --entity-type topics --entity-name "$1" --add-config "$3"
}
topic chat.users.v1 3 cleanup.policy=compact
topic chat.conversations.v1 3 retention.ms=-1
topic chat.messages.v1 3 retention.ms=604800000
topic chat.receipts.v1 3 retention.ms=86400000
topic chat.drafts.v1 3 retention.ms=86400000
topic chat.presence.v1 3 retention.ms=3600000
topic chat.media.v1 3 retention.ms=604800000
topic chat.notifications.v1 3 retention.ms=604800000
