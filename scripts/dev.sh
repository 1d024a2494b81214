#!/usr/bin/env bash
# npm run dev — a real n8n on http://127.0.0.1:5678 with this package installed from its tarball, a demo
# credential pointing at the local Levers sandbox, and the example workflows imported. Ctrl-C stops it all.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
home=${LEVERS_DEV_HOME:-$repo/.tmp/dev}
sandbox_port=${LEVERS_SANDBOX_PORT:-5690}
n8n_url=http://127.0.0.1:${N8N_PORT:-5678}
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
mkdir -p "$home"

step 'Building and installing the package the way Settings → Community Nodes does'
npm run --silent build
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
# "collect call results" example, with a signing secret made for this run.
webhook_secret=whsec_$(node -e 'process.stdout.write(require("crypto").randomBytes(24).toString("base64"))')
trigger_url=$n8n_url/webhook/7c1e4b2a-9d3f-4a6e-8b5c-1f2e3d4c3001/webhook
# Node 24 runs the TypeScript sandbox as it is (type stripping); it is ESM in a package without "type".
LEVERS_SANDBOX_PORT=$sandbox_port LEVERS_SANDBOX_WEBHOOK_URL=$trigger_url LEVERS_SANDBOX_WEBHOOK_SECRET=$webhook_secret \
	node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON test/sandbox/main.ts \
	>"$home/sandbox.log" 2>"$home/sandbox.err" &
pids+=($!)
until grep -q '"url"' "$home/sandbox.log" 2>/dev/null; do
	kill -0 "${pids[0]}" 2>/dev/null || { cat "$home/sandbox.log" "$home/sandbox.err"; exit 1; }
	sleep 0.2
done
sandbox_url=$(grep -m 1 '^{"url"' "$home/sandbox.log" | node -p 'JSON.parse(require("fs").readFileSync(0, "utf8")).url')

step 'Importing the demo credentials and the example workflows'
# The webhook example only answers requests that carry this header (its Webhook node uses Header Auth).
webhook_key_header=X-Webhook-Key webhook_key=levers-demo-webhook-key
cat >"$home/demo-credential.json" <<JSON
[{ "id": "LeversSandbox001", "name": "Levers sandbox", "type": "leversApi",
   "data": { "authType": "accessToken", "accessToken": "sandbox-token", "baseUrl": "$sandbox_url",
             "webhookSigningSecret": "$webhook_secret" } },
 { "id": "LeversWebhookKey", "name": "Levers webhook key", "type": "httpHeaderAuth",
   "data": { "name": "$webhook_key_header", "value": "$webhook_key" } }]
JSON
scripts/n8n.sh "$home" import:credentials --input="$home/demo-credential.json" >"$home/import.log" 2>&1
scripts/n8n.sh "$home" import:workflow --separate --input="$repo/examples" >>"$home/import.log" 2>&1
# The webhook examples, and the trigger that brings results back (it must be published to receive them).
for id in LeversExample002 LeversExample003 LeversExample004 LeversExample005; do
	scripts/n8n.sh "$home" publish:workflow --id=$id >>"$home/import.log" 2>&1
done

step "Starting n8n on $n8n_url"
scripts/n8n.sh "$home" start >"$home/n8n.log" 2>&1 &
pids+=($!)
until curl -sf "$n8n_url/healthz/readiness" >/dev/null; do
	kill -0 "${pids[1]}" 2>/dev/null || { tail -n 30 "$home/n8n.log"; exit 1; }
	sleep 0.5
done
# A new instance asks for an owner account first; create the demo one so the editor opens straight away.
curl -s -o /dev/null -c "$home/cookies" -H 'content-type: application/json' -X POST "$n8n_url/rest/owner/setup" \
	-d "{\"email\":\"$owner_email\",\"firstName\":\"Demo\",\"lastName\":\"User\",\"password\":\"$owner_password\"}"
# The "collect call results" example upserts each result into this data table (keyed on eventId).
project_id=$(curl -s -b "$home/cookies" "$n8n_url/rest/projects/personal" | node -p 'JSON.parse(require("fs").readFileSync(0, "utf8")).data.id')
curl -s -o /dev/null -b "$home/cookies" -H 'content-type: application/json' -X POST \
	"$n8n_url/rest/projects/$project_id/data-tables" -d '{"name":"Levers call results","columns":[
	{"name":"eventId","type":"string"},{"name":"crm_id","type":"string"},{"name":"outcome","type":"string"},
	{"name":"reasoning","type":"string"},{"name":"sentiment","type":"string"},{"name":"connected","type":"boolean"},
	{"name":"durationSeconds","type":"number"},{"name":"transcript","type":"string"}]}'

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
  Calls received    $sandbox_url/__sandbox/requests   (also printed below as they arrive)
  Logs              $home/n8n.log
  Stop              Ctrl-C

TEXT
tail -n +2 -f "$home/sandbox.log" &
pids+=($!)
wait "${pids[1]}"
