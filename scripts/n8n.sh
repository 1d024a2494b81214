#!/usr/bin/env bash
# Runs the pinned n8n (Node 24) for one user folder with everything that calls out switched off:
#   scripts/n8n.sh <user-folder> <n8n arguments...>     e.g. scripts/n8n.sh .tmp/dev import:workflow --input=x.json
# The dev command and the end-to-end test both go through here, so they run n8n the same way.
set -euo pipefail
user_folder=$(mkdir -p "$1" && cd "$1" && pwd)
shift
source "$(dirname "$0")/n8n-runtime.sh"

export N8N_USER_FOLDER=$user_folder
export N8N_ENCRYPTION_KEY=${N8N_ENCRYPTION_KEY:-levers-local-only-key}
# SQLite unless the caller picks another database (the queue-mode tier uses Postgres).
export DB_TYPE=${DB_TYPE:-sqlite}
export N8N_LISTEN_ADDRESS=127.0.0.1 N8N_HOST=127.0.0.1 N8N_PORT=${N8N_PORT:-5678} N8N_SECURE_COOKIE=false
# The task runners' broker listens on a port of its own: the next one up, so two n8n on one machine, each
# given its own N8N_PORT, do not collide on it (5678 gives n8n's default, 5679).
export N8N_RUNNERS_BROKER_PORT=${N8N_RUNNERS_BROKER_PORT:-$((N8N_PORT + 1))}
export N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=false
# No outbound traffic: telemetry, version checks, templates, onboarding and the MCP registry fetch.
export N8N_DIAGNOSTICS_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false N8N_TEMPLATES_ENABLED=false
export N8N_PERSONALIZATION_ENABLED=false N8N_HIRING_BANNER_ENABLED=false N8N_DISABLED_MODULES=mcp-registry
# And the list of verified community nodes, fetched from n8n's Strapi API (api-staging.n8n.io) at start:
# n8n 2.41 guards that fetch with this flag alone; installed and unverified packages still load.
export N8N_VERIFIED_PACKAGES_ENABLED=false
export N8N_LOG_LEVEL=${N8N_LOG_LEVEL:-info}
# A caller's NODE_ENV=test (jest sets it) silences n8n's output, the execution JSON included.
unset NODE_ENV

exec "$N8N_BIN" "$@"
