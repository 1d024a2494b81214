#!/usr/bin/env bash
# Installs this package into an n8n user folder the way Settings → Community Nodes does (n8n 2.41):
# `npm pack`, unpack into .n8n/nodes/node_modules/<name>, drop dev/peer dependencies, then a plain
# `npm install` inside it — so runtime dependencies (zod) must resolve from what the tarball declares.
#   scripts/install-package.sh <n8n-user-folder>        (run `npm run build` first)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
user_folder=$1
name=$(node -p "require('$repo/package.json').name")
target=$user_folder/.n8n/nodes/node_modules/$name

pack_dir=$(mktemp -d)
trap 'rm -rf "$pack_dir"' EXIT
tarball=$(cd "$repo" && npm pack --silent --pack-destination "$pack_dir" 2>/dev/null | tail -n 1)

rm -rf "$target" && mkdir -p "$target"
tar -xzf "$pack_dir/$tarball" -C "$target" --strip-components=1
node -e '
	const fs = require("fs"), file = process.argv[1], pkg = JSON.parse(fs.readFileSync(file, "utf8"));
	delete pkg.devDependencies; delete pkg.peerDependencies; delete pkg.optionalDependencies;
	fs.writeFileSync(file, JSON.stringify(pkg, null, 2));
' "$target/package.json"
(cd "$target" && npm install --audit=false --fund=false --bin-links=false --install-strategy=shallow \
	--ignore-scripts=true --package-lock=false --loglevel=error >&2)
echo "$target"
