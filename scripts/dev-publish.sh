#!/usr/bin/env bash
# Source this file for publish_workflows, which the dev command uses after n8n has started:
#   publish_workflows <n8n-url> <owner-email> <owner-password> <workflow-id...>
# Publishes each workflow's current version through the running n8n's REST API, as the editor's Publish
# button does: one quick request each, where `n8n publish:workflow` boots n8n (about 5 s) per workflow.

publish_workflows() {
	local url=$1 email=$2 password=$3
	shift 3
	local cookies
	cookies=$(mktemp)
	# Fails when the credentials are wrong: -f makes curl report it.
	curl -sf -c "$cookies" -o /dev/null -H 'content-type: application/json' -X POST "$url/rest/login" \
		-d "{\"emailOrLdapLoginId\":\"$email\",\"password\":\"$password\"}" || {
		echo "[dev] could not sign in to $url as $email" >&2
		rm -f "$cookies"
		return 1
	}
	local id version status=0
	for id in "$@"; do
		version=$(curl -sf -b "$cookies" "$url/rest/workflows/$id" |
			node -e 'process.stdout.write(String(JSON.parse(require("fs").readFileSync(0, "utf8")).data.versionId))') &&
			curl -sf -b "$cookies" -o /dev/null -H 'content-type: application/json' \
				-X POST "$url/rest/workflows/$id/activate" -d "{\"versionId\":\"$version\"}" &&
			echo "[dev] published $id (version $version)" || {
			echo "[dev] could not publish $id" >&2
			status=1
		}
	done
	rm -f "$cookies"
	return $status
}
