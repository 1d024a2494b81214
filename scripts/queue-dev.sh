#!/usr/bin/env bash
# npm run dev:queue — n8n in queue mode on this machine, as the queue tier runs it (test/queue/dev.ts): main,
# two webhook processors behind a local load balancer, two workers, Postgres and Redis of its own, and the
# Levers sandbox. Builds and installs the package into every process's user folder. Ctrl-C stops it all.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent build
source scripts/queue-runtime.sh
rm -rf .tmp/queue
trap 'rm -rf .tmp/queue' EXIT
npx tsc -p test/queue/tsconfig.json
LEVERS_BENCH_REPO="$PWD" bash scripts/queue-services.sh node .tmp/queue/test/queue/dev.js
