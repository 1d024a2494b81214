#!/usr/bin/env bash
# Source this file for as_root (a command as root: directly when root already, else through sudo) and
# apt_install <package...> (Debian's packages, quietly and without questions), for the test tiers that
# install what is missing: Redis for the queue tier, Chromium for the editor test.
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
	as_root apt-get update -qq
	DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@"
}
