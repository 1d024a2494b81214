#!/usr/bin/env bash
# npm run dev — a real n8n on http://127.0.0.1:5678 with this package installed from its tarball, a demo
# credential pointing at the local Levers sandbox, and the example workflows imported. Ctrl-C stops it all.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
home=${LEVERS_DEV_HOME:-$repo/.tmp/dev}
sandbox_port=${LEVERS_SANDBOX_PORT:-5690}
export N8N_PORT=${N8N_PORT:-5678}
n8n_url=http://127.0.0.1:$N8N_PORT
owner_email=demo@levers.local owner_password=Levers-demo-1
started=$SECONDS
step() { printf '\n[dev %3d s] %s\n' "$((SECONDS - started))" "$*"; }

if [ ! -d node_modules ]; then
	step "Installing this package's dev dependencies with npm ci (first run: about 1 minute)"
	# The lock file as committed: a plain install would rewrite it to whatever this npm and Node resolve.
	npm ci --no-audit --no-fund
fi

step 'Node 24 and n8n (first run: about 6 minutes, then cached)'
source scripts/n8n-runtime.sh
source scripts/dev-sandbox.sh
source scripts/dev-publish.sh
mkdir -p "$home"

step 'Building and installing the package the way Settings → Community Nodes does'
# LEVERS_DEV_SKIP_BUILD=1: dist/ is built already (the end-to-end test of this command).
[ "${LEVERS_DEV_SKIP_BUILD:-}" = 1 ] || npm run --silent build
bash scripts/install-package.sh "$home" >/dev/null

pids=()
stop_all() {
	trap - EXIT INT TERM
	if [ ${#pids[@]} -gt 0 ]; then
		kill "${pids[@]}" 2>/dev/null || true
		wait "${pids[@]}" 2>/dev/null || true
	fi
	printf '\nStopped n8n and the Levers sandbox.\n'
}
trap stop_all EXIT
trap 'exit 130' INT TERM

step "Starting the Levers sandbox on 127.0.0.1:$sandbox_port"
# Like Levers, the sandbox sends each call's signed phone_call.ended (after 5 s) to the Levers Trigger of the
# "collect call results" example, with the signing secret of the demo credential (made once per dev folder, so
# a restart need not import the credential again). It also sends it to the trigger's test URL, which n8n
# serves only while "Listen for test event" waits (and answers 404 otherwise).
[ -s "$home/webhook-secret" ] ||
	node -e 'process.stdout.write("whsec_" + require("crypto").randomBytes(24).toString("base64"))' >"$home/webhook-secret"
webhook_secret=$(cat "$home/webhook-secret")
trigger_path=7c1e4b2a-9d3f-4a6e-8b5c-1f2e3d4c3001/webhook
# The sandbox accepts this client ID and secret too (the demo's second credential).
demo_client_id=levers-demo-client demo_client_secret=levers-demo-secret-7c41
# Node 24 runs the TypeScript sandbox as it is (type stripping); it is ESM in a package without "type".
start_sandbox "$home/sandbox.log" "$home/sandbox.err" env LEVERS_SANDBOX_PORT="$sandbox_port" \
	LEVERS_SANDBOX_WEBHOOK_URL="$n8n_url/webhook/$trigger_path" \
	LEVERS_SANDBOX_WEBHOOK_TEST_URL="$n8n_url/webhook-test/$trigger_path" \
	LEVERS_SANDBOX_WEBHOOK_SECRET="$webhook_secret" \
	LEVERS_SANDBOX_CLIENT_ID="$demo_client_id" LEVERS_SANDBOX_CLIENT_SECRET="$demo_client_secret" \
	node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON test/sandbox/main.ts
pids+=("$sandbox_pid")

# The webhook example only answers requests that carry this header (its Webhook node uses Header Auth).
webhook_key_header=X-Webhook-Key webhook_key=levers-demo-webhook-key
cat >"$home/demo-credential.json" <<JSON
[{ "id": "LeversSandbox001", "name": "Levers sandbox", "type": "leversApi",
   "data": { "authType": "accessToken", "accessToken": "sandbox-token", "baseUrl": "$sandbox_url",
             "webhookSigningSecret": "$webhook_secret" } },
 { "id": "LeversSandboxCli", "name": "Levers sandbox (Client ID and Secret)", "type": "leversApi",
   "data": { "authType": "clientCredentials", "clientId": "$demo_client_id",
             "clientSecret": "$demo_client_secret", "baseUrl": "$sandbox_url",
             "webhookSigningSecret": "$webhook_secret" } },
 { "id": "LeversWebhookKey", "name": "Levers webhook key", "type": "httpHeaderAuth",
   "data": { "name": "$webhook_key_header", "value": "$webhook_key" } }]
JSON
# The webhook examples, and the trigger that brings results back (they must be published to receive them).
published=(LeversExample002 LeversExample003 LeversExample004 LeversExample005)
# Each n8n CLI command boots n8n (about 5 s): import only when the demo credentials or the examples changed
# since the last start, and publish through the running n8n rather than with one CLI boot per workflow.
import_stamp=$(cat "$home/demo-credential.json" examples/*.json | node -e '
	const hash = require("crypto").createHash("sha256");
	process.stdin.on("data", (chunk) => hash.update(chunk)).on("end", () => console.log(hash.digest("hex")));')
if [ "$(cat "$home/imported.sha256" 2>/dev/null)" = "$import_stamp" ]; then
	step 'Demo credentials and example workflows unchanged since the last start: kept as they are'
	imported=
else
	step 'Importing the demo credentials and the example workflows'
	rm -f "$home/imported.sha256"
	scripts/n8n.sh "$home" import:credentials --input="$home/demo-credential.json" >"$home/import.log" 2>&1
	scripts/n8n.sh "$home" import:workflow --separate --input="$repo/examples" >>"$home/import.log" 2>&1
	imported=1
fi

step "Starting n8n on $n8n_url"
scripts/n8n.sh "$home" start >"$home/n8n.log" 2>&1 &
pids+=($!)
n8n_pid=$!
until curl -sf "$n8n_url/healthz/readiness" >/dev/null; do
	kill -0 "$n8n_pid" 2>/dev/null || { tail -n 30 "$home/n8n.log"; exit 1; }
	sleep 0.5
done
# A new instance asks for an owner account first; create the demo one so the editor opens straight away.
owner="{\"email\":\"$owner_email\",\"firstName\":\"Demo\",\"lastName\":\"User\",\"password\":\"$owner_password\"}"
curl -s -o /dev/null -c "$home/cookies" -H 'content-type: application/json' -X POST "$n8n_url/rest/owner/setup" -d "$owner"
# The "collect call results" example upserts each result into this data table (keyed on eventId); on a
# warm restart it exists already and n8n refuses the second one, which is fine.
if [ -n "$imported" ]; then
	curl -s -o /dev/null -c "$home/cookies" -H 'content-type: application/json' -X POST "$n8n_url/rest/login" \
		-d "{\"emailOrLdapLoginId\":\"$owner_email\",\"password\":\"$owner_password\"}"
	project_id=$(curl -s -b "$home/cookies" "$n8n_url/rest/projects/personal" | node -p 'JSON.parse(require("fs").readFileSync(0, "utf8")).data.id')
	curl -s -o /dev/null -b "$home/cookies" -H 'content-type: application/json' -X POST \
		"$n8n_url/rest/projects/$project_id/data-tables" -d '{"name":"Levers call results","columns":[
		{"name":"eventId","type":"string"},{"name":"crm_id","type":"string"},{"name":"outcome","type":"string"},
		{"name":"reasoning","type":"string"},{"name":"sentiment","type":"string"},{"name":"connected","type":"boolean"},
		{"name":"durationSeconds","type":"number"},{"name":"transcript","type":"string"}]}'
	step 'Publishing the webhook examples and the results trigger'
	publish_workflows "$n8n_url" "$owner_email" "$owner_password" "${published[@]}" >>"$home/import.log" 2>&1 ||
		{ tail -n 20 "$home/import.log"; exit 1; }
	echo "$import_stamp" >"$home/imported.sha256"
fi

step "Ready in $((SECONDS - started)) s"
cat <<TEXT

  Demo workflow     $n8n_url/workflow/LeversExample001   → Execute workflow
                    (sign in: $owner_email / $owner_password)
  Webhook example   curl -X POST $n8n_url/webhook/levers-call -H '$webhook_key_header: $webhook_key' \\
                      -H 'content-type: application/json' \\
                      -d '{"numberToCall":"+96612341234","firstName":"John","metadata":{"crm_id":"42"}}'
  Call and wait     curl -X POST $n8n_url/webhook/levers-call-and-wait -H '$webhook_key_header: $webhook_key' \\
                      -H 'content-type: application/json' \\
                      -d '{"numberToCall":"+96612341234","firstName":"John","metadata":{"crm_id":"42"}}'
                    the execution waits; 5 s later the sandbox's result reaches the Levers Trigger of
                    "Levers: collect call results", which resumes it on Call Ended (see Executions)
  Test the trigger  in "Levers: collect call results", Execute workflow (it listens for a test event),
                    then place a call: the sandbox delivers each result to the test URL as well
  Credentials       "Levers sandbox" (Access Token) and "Levers sandbox (Client ID and Secret)":
                    client ID $demo_client_id, secret $demo_client_secret
  Calls received    $sandbox_url/__sandbox/requests   (also printed below as they arrive)
  Logs              $home/n8n.log
  Stop              Ctrl-C

TEXT
tail -n +2 -f "$home/sandbox.log" &
pids+=($!)
wait "$n8n_pid"
