#!/usr/bin/env bash
# npm run test:e2e — after `npm run build`: makes sure Node 24 and the pinned n8n are in the cache
# (about 4 minutes the first time on a machine, seconds after), then runs the jest end-to-end tier.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
bash -c 'source scripts/n8n-runtime.sh'
echo "[e2e] Node 24 and n8n ready in $((SECONDS - started)) s"
npx jest -c jest.e2e.config.js
