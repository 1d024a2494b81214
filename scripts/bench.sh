#!/usr/bin/env bash
# npm run bench: there is no ts-node here, so tsc compiles the benchmark (test/bench, with the harness and
# the sandbox it uses) into .tmp/bench; it runs against the built package in dist/, then it is removed.
# It runs on Node 24, the Node that n8n 2.41 runs on (installed once into the cache if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
LEVERS_NODE24_ONLY=1 source scripts/n8n-runtime.sh
rm -rf .tmp/bench
trap 'rm -rf .tmp/bench' EXIT
npx tsc -p test/bench/tsconfig.json
LEVERS_BENCH_REPO="$PWD" node .tmp/bench/test/bench/main.js "$@"
