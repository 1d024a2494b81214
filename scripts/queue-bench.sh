#!/usr/bin/env bash
# npm run bench:queue — after `npm run build`: calls per second in n8n's queue mode with 2 workers and then 1
# (test/queue/bench.ts), on a Redis and Postgres of its own; compiled into .tmp/queue, removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/queue-runtime.sh
rm -rf .tmp/queue
trap 'rm -rf .tmp/queue' EXIT
npx tsc -p test/queue/tsconfig.json
LEVERS_BENCH_REPO="$PWD" bash scripts/queue-services.sh node .tmp/queue/test/queue/bench.js
