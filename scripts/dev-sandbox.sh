#!/usr/bin/env bash
# Source this file for start_sandbox, which the dev command uses (and a test runs with a fake sandbox):
#   start_sandbox <log> <err-log> <command...>
# Starts the command in the background (its pid in sandbox_pid) and waits for its first line, {"url":"..."},
# which it puts in sandbox_url. Only this run's output is read: the previous run's log is removed first (it
# still held its URL line, which a restart could read before the new sandbox had emptied the file), and the
# line counts only once it is complete (a half-written one made the old reader fail on its JSON).

start_sandbox() {
	local log=$1 err=$2
	shift 2
	rm -f "$log" "$err"
	"$@" >"$log" 2>"$err" &
	sandbox_pid=$!
	sandbox_url=
	until [ -n "$sandbox_url" ]; do
		if ! kill -0 "$sandbox_pid" 2>/dev/null; then
			cat "$log" "$err" >&2 2>/dev/null
			return 1
		fi
		sleep 0.1
		sandbox_url=$(sed -n '1{s/^{"url":"\([^"]*\)"}$/\1/p;q}' "$log" 2>/dev/null || true)
	done
}
