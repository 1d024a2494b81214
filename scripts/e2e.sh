#!/usr/bin/env bash
# npm run test:e2e — after `npm run build`: makes sure Node 24 and the pinned n8n are in the cache
# (about 6 minutes the first time on a machine, seconds after) and Debian's Chromium, then runs the jest
# end-to-end tier.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
bash -c 'source scripts/n8n-runtime.sh'
echo "[e2e] Node 24 and n8n ready in $((SECONDS - started)) s"
# The editor test (test/e2e/editor.e2e.ts) drives n8n's editor in Debian's Chromium.
if [ ! -x "${LEVERS_CHROMIUM:-/usr/bin/chromium}" ]; then
	started=$SECONDS
	source scripts/apt-install.sh
	apt_install chromium >/dev/null
	echo "[e2e] Chromium installed (apt-get) in $((SECONDS - started)) s"
fi
npx jest -c jest.e2e.config.js
