#!/usr/bin/env bash
# npm run test:queue — after `npm run build`: the pinned n8n (cached), a Redis and a Postgres of the run's
# own (scripts/queue-services.sh), then the jest queue-mode tier, one file at a time (one setup for all).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
# jest itself stays on this Node; only n8n runs on Node 24.
source scripts/queue-runtime.sh
echo "[queue] Node 24 and n8n ready in $((SECONDS - started)) s"
bash scripts/queue-services.sh npx jest -c jest.queue.config.js --runInBand "$@"
echo "[queue] tier finished in $((SECONDS - started)) s"
