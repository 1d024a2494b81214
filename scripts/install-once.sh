#!/usr/bin/env bash
# Source this file for install_once, which scripts/n8n-runtime.sh uses for Node 24 and n8n (and a test
# runs alone with a fake installer):
#   install_once <target-dir> <installer> [args...]     the installer gets the folder to fill as last argument
# Installs into "$target.partial" and renames it when complete, so an interrupted run is never taken for a
# cache. Two first runs at once (npm run dev in one terminal, the tests in another) take turns on a lock file
# beside the target: one installs, the other waits, then finds the finished install and reuses it.

log_phase() { printf '[n8n-runtime] %s\n' "$*" >&2; }

install_once() {
	local target=$1
	shift
	[ -e "$target/.complete" ] && return 0
	mkdir -p "$(dirname "$target")"
	# A subshell holds the lock, so it is let go however the install ends (failure, Ctrl-C, kill).
	(
		set -euo pipefail
		exec 9>"$target.lock"
		if ! flock -n 9; then
			log_phase "another run is installing $(basename "$target"); waiting for it to finish"
			flock 9
		fi
		[ -e "$target/.complete" ] && exit 0
		started=$SECONDS
		tmp=$target.partial
		# Left by an interrupted run (nobody else holds the lock, so nobody else is filling it).
		rm -rf "$tmp" && mkdir -p "$tmp"
		"$@" "$tmp"
		touch "$tmp/.complete"
		rm -rf "$target" && mv "$tmp" "$target"
		log_phase "installed $(basename "$target") in $((SECONDS - started)) s"
	)
}
