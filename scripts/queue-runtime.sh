#!/usr/bin/env bash
# Source this file: the pinned n8n in the cache (scripts/n8n-runtime.sh, in a subshell so that this shell
# keeps its own Node), and LEVERS_N8N_MODULES, its node_modules (the queue tier borrows n8n's pg and flatted).
n8n_bin=$(bash -c 'source scripts/n8n-runtime.sh >&2 && readlink -f "$N8N_BIN"')
export LEVERS_N8N_MODULES=${n8n_bin%/n8n/bin/n8n}
