#!/usr/bin/env bash
# The unit tier (jest), on the Node that n8n 2.41 runs (24), so that expressions are evaluated by n8n's own
# `vm` engine as in a user's workflow: isolated-vm, which that engine needs, has no build for Node 20. On an
# older Node, Node 24 is fetched into the cache first (seconds; scripts/n8n-runtime.sh). Arguments go to jest.
# LEVERS_UNIT_SYSTEM_NODE=1 keeps the Node on PATH (the Node 20 compatibility run, on n8n's `legacy` engine).
set -euo pipefail
cd "$(dirname "$0")/.."
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "${LEVERS_UNIT_SYSTEM_NODE:-}" != 1 ]; then
	[ "$node_major" -ge 24 ] || LEVERS_NODE24_ONLY=1 source scripts/n8n-runtime.sh
	# Chosen, not detected: if vm cannot start here the run fails instead of quietly testing on `legacy`.
	export LEVERS_EXPRESSION_ENGINE=${LEVERS_EXPRESSION_ENGINE:-vm}
fi
echo "[unit] jest on Node $(node --version), expression engine ${LEVERS_EXPRESSION_ENGINE:-as isolated-vm allows}" >&2
exec node node_modules/jest/bin/jest.js "$@"
