#!/usr/bin/env bash
# npm run test:queue — after `npm run build`: the pinned n8n (cached), a Redis and a Postgres of the run's
# own (scripts/queue-services.sh), then the jest queue-mode tier, one file at a time (one setup for all).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
# In a subshell: jest itself stays on this Node; only n8n runs on Node 24.
n8n_bin=$(bash -c 'source scripts/n8n-runtime.sh >&2 && readlink -f "$N8N_BIN"')
export LEVERS_N8N_MODULES=${n8n_bin%/n8n/bin/n8n}
echo "[queue] Node 24 and n8n ready in $((SECONDS - started)) s"
bash scripts/queue-services.sh npx jest -c jest.queue.config.js --runInBand "$@"
echo "[queue] tier finished in $((SECONDS - started)) s"
