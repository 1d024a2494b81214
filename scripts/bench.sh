#!/usr/bin/env bash
# npm run bench: there is no ts-node here, so tsc compiles the benchmark (test/bench, with the harness and
# the sandbox it uses) into .tmp/bench; node runs it against the built package in dist/, then it is removed.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf .tmp/bench
trap 'rm -rf .tmp/bench' EXIT
npx tsc -p test/bench/tsconfig.json
LEVERS_BENCH_REPO="$PWD" node .tmp/bench/test/bench/main.js "$@"
