#!/bin/bash
# One database per service (and Keycloak's), owned by the application user. Run once by the postgres image on
# an empty data directory (docker-entrypoint-initdb.d); k8s/10-postgresql.yaml mounts the same script.
set -euo pipefail
for db in chat_auth chat_conversation chat_message chat_presence chat_notification chat_media keycloak; do
  echo "creating database $db"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -c "CREATE DATABASE $db OWNER \"$POSTGRES_USER\""
done
