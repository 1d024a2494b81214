#!/usr/bin/env bash
# npm run bench:n8n: the benchmark's workload in a real n8n (see test/bench/real-n8n.ts), compiled like
# npm run bench into .tmp/bench and removed afterwards. Needs the pinned n8n (installed once into the cache).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/n8n-runtime.sh
rm -rf .tmp/bench
trap 'rm -rf .tmp/bench' EXIT
npx tsc -p test/bench/tsconfig.json
LEVERS_BENCH_REPO="$PWD" node .tmp/bench/test/bench/real-n8n.js "$@"
