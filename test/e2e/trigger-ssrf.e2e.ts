import { LeversSandbox } from '../sandbox/levers-sandbox';
import { WebhookDelivery } from '../sandbox/webhook-delivery';
import { createCallResultsTable } from './call-results-table';
import { cleanUp, exampleCredentials, importAndPublish } from './n8n-import';
import { eventually, setUpOwner, triggerRegistered } from './n8n-rest';
import type { OwnerSession } from './n8n-rest';
import { installPackage, newN8nInstance, startN8nServer } from './n8n-process';
import type { N8nInstance, N8nServer } from './n8n-process';

/**
 * Call and Wait for Result with n8n's SSRF protection switched on by the operator (off by default): the
 * trigger relays a result to this instance's own address (WEBHOOK_URL, here 127.0.0.1, a blocked range).
 * Refused, it says so in the trigger's output and n8n's log, naming the setting; with this instance's
 * address in N8N_SSRF_ALLOWED_IP_RANGES the relay goes through and the wait resumes.
 * The sandbox is reached as "localhost", allowed by name, so only the relay is refused.
 */
const ACCESS_TOKEN = 'e2e-ssrf-token-7d20c4';
const COLLECT_WORKFLOW_ID = 'LeversExample003';
const TRIGGER_WEBHOOK_ID = '7c1e4b2a-9d3f-4a6e-8b5c-1f2e3d4c3001';
const BRANCH_WORKFLOW_ID = 'LeversExample004';
const WEBHOOK_KEY = { name: 'X-Webhook-Key', value: 'e2e-ssrf-webhook-key-91c2' };

let sandbox: LeversSandbox;
let delivery: WebhookDelivery;
let n8n: N8nInstance;
let server: N8nServer | undefined;
let owner: OwnerSession;

const triggerUrl = () => `${server!.url}/webhook/${TRIGGER_WEBHOOK_ID}/webhook`;
const statuses = async (workflowId: string) =>
	(await owner.executionsOf(workflowId)).map((execution) => execution.status);

async function start(): Promise<void> {
	server = await startN8nServer(n8n, Number(n8n.env.N8N_PORT), { readyWithinMs: 180_000 });
	delivery.url = triggerUrl();
	await triggerRegistered(triggerUrl());
}

beforeAll(async () => {
	delivery = new WebhookDelivery(undefined);
	sandbox = await LeversSandbox.start({
		accessTokens: [ACCESS_TOKEN],
		onCallAccepted: delivery.onCallAccepted,
	});
	n8n = await newN8nInstance('levers-e2e-ssrf-', {
		N8N_SSRF_PROTECTION_ENABLED: 'true',
		N8N_SSRF_ALLOWED_HOSTNAMES: 'localhost',
	});
	n8n.env.WEBHOOK_URL = `http://127.0.0.1:${n8n.env.N8N_PORT}/`;
	installPackage(n8n);
	const credentials = exampleCredentials({
		accessToken: ACCESS_TOKEN,
		baseUrl: sandbox.url.replace('127.0.0.1', 'localhost'),
		webhookSigningSecret: delivery.secret,
		webhookKey: WEBHOOK_KEY,
	});
	await importAndPublish(n8n, {
		credentials,
		workflows: ['collect-call-results.json', 'call-wait-branch.json'],
		publish: [COLLECT_WORKFLOW_ID, BRANCH_WORKFLOW_ID],
	});
	await start();
	owner = await setUpOwner(server!.url, 'e2e-ssrf@levers.local');
	await createCallResultsTable(owner);
}, 400_000);

afterAll(() => cleanUp(n8n, server, sandbox), 60_000);

test('refused by SSRF protection: said in the answer, the trigger output and the log; allowed by N8N_SSRF_ALLOWED_IP_RANGES, the wait resumes', async () => {
	delivery.script({ skip: true }); // delivered below, once the execution is seen waiting
	const started = await fetch(`${server!.url}/webhook/levers-call-and-wait`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', [WEBHOOK_KEY.name]: WEBHOOK_KEY.value },
		body: JSON.stringify({ numberToCall: '+966123412345', metadata: { crm_id: 'crm-ssrf-1' } }),
	});
	expect(started.status).toBe(200);
	expect(
		await eventually(
			() => statuses(BRANCH_WORKFLOW_ID),
			(list) => list[0] === 'waiting',
		),
	).toEqual(['waiting']);
	const [placed] = delivery.accepted;

	await delivery.deliver(placed);

	const refused = delivery.deliveries[0];
	expect(refused.status).toBe(200);
	const { relayError } = JSON.parse(refused.responseBody) as { relayError: string };
	expect(relayError).toContain("n8n's SSRF protection refused");
	expect(relayError).toContain('N8N_SSRF_ALLOWED_IP_RANGES (e.g. 127.0.0.1/32)');
	expect(relayError).not.toContain('signature=');
	const [collected] = await eventually(
		() => owner.executionsOf(COLLECT_WORKFLOW_ID),
		(list) => list[0]?.status === 'success',
	);
	expect(await owner.executionText(collected.id)).toContain('N8N_SSRF_ALLOWED_IP_RANGES');
	expect(await statuses(BRANCH_WORKFLOW_ID)).toEqual(['waiting']);
	expect(n8n.log.join('\n') + (await stopAndReadLog())).toContain(
		"Levers Trigger: n8n's SSRF protection refused",
	);

	// The operator allows this instance's own address; the call's result sent again (a new event id).
	n8n.env.N8N_SSRF_ALLOWED_IP_RANGES = '127.0.0.1/32';
	await start();
	await delivery.deliver(placed);

	expect(delivery.deliveries[1].status).toBe(200);
	expect(delivery.deliveries[1].responseBody).toBe('{"received":true}');
	const [resumed] = await eventually(
		() => owner.executionsOf(BRANCH_WORKFLOW_ID),
		(list) => list[0]?.status === 'success',
	);
	expect(resumed.status).toBe('success');
	expect(await owner.executionText(resumed.id)).toContain('"Promise to pay"');
}, 400_000);

/** Stops n8n (its log is complete only then) and returns what it printed since it started. */
async function stopAndReadLog(): Promise<string> {
	const printedBefore = n8n.log.length;
	await server!.stop();
	server = undefined;
	return n8n.log.slice(printedBefore).join('\n');
}
