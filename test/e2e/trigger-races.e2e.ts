import { newSigningSecret } from '../sandbox/webhook-delivery';
import { CALL_RESULTS_TABLE, createCallResultsTable, rowsPerEvent } from './call-results-table';
import type { CallResultsTable } from './call-results-table';
import { cleanUp, exampleCredentials, exampleWorkflow, importAndPublish } from './n8n-import';
import { eventually, setUpOwner, triggerRegistered } from './n8n-rest';
import type { OwnerSession } from './n8n-rest';
import { installPackage, newN8nInstance, startN8nServer } from './n8n-process';
import type { N8nInstance, N8nServer } from './n8n-process';
import { deliverRaces, repeatsRecognised, tally } from './trigger-races';

/**
 * Issue 16 check 3 on one n8n process (the queue tier runs the same races over webhook processors):
 * deliveries racing each other reach the collect-call-results example, which must record each event
 * exactly once in its Data Table. Also measured alone: the example's upsert keyed on eventId, fed the same
 * event by 20 executions at once without the trigger in front (what holds when the trigger cannot tell).
 */
const COLLECT_WORKFLOW_ID = 'LeversExample003';
const TRIGGER_WEBHOOK_ID = '7c1e4b2a-9d3f-4a6e-8b5c-1f2e3d4c3001';
const UPSERT_WORKFLOW_ID = 'LeversE2EUpsert1';
const UPSERT_PATH = 'levers-upsert-race';

const signingSecret = newSigningSecret();
let n8n: N8nInstance;
let server: N8nServer | undefined;
let owner: OwnerSession;
let table: CallResultsTable;

/** The example's row and upsert nodes behind a plain Webhook: the same event can then run many times. */
function upsertAloneWorkflow() {
	const example = exampleWorkflow('collect-call-results.json');
	const [, row, upsert] = example.nodes;
	const nodes = [
		{
			id: 'e2e-upsert-webhook',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'e2e-upsert-webhook',
			parameters: {
				httpMethod: 'POST',
				path: UPSERT_PATH,
				responseMode: 'onReceived',
				options: {},
			},
		},
		{
			id: 'e2e-upsert-body',
			name: 'The trigger item',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [200, 0],
			parameters: { mode: 'raw', jsonOutput: '={{ $json.body }}', options: {} },
		},
		{ ...row, id: 'e2e-upsert-row' },
		{ ...upsert, id: 'e2e-upsert-table' },
	];
	const next = (name: string) => ({ main: [[{ node: name, type: 'main', index: 0 }]] });
	return {
		id: UPSERT_WORKFLOW_ID,
		name: 'E2e: the example upsert alone',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes,
		connections: {
			Webhook: next('The trigger item'),
			'The trigger item': next(row.name),
			[row.name]: next(upsert.name),
		},
	};
}

const finished = (workflowId: string, count: number) =>
	eventually(
		() => owner.executionsOf(workflowId),
		(list) => list.length >= count && list.every((execution) => execution.status !== 'running'),
		90_000,
	);

beforeAll(async () => {
	n8n = await newN8nInstance('levers-e2e-races-');
	n8n.env.WEBHOOK_URL = `http://127.0.0.1:${n8n.env.N8N_PORT}/`;
	installPackage(n8n);
	// No call is placed here: the base URL is never used.
	const credentials = exampleCredentials({
		accessToken: 'e2e-races-token',
		baseUrl: 'http://127.0.0.1:9',
		webhookSigningSecret: signingSecret,
	});
	await importAndPublish(n8n, {
		credentials,
		workflows: ['collect-call-results.json', upsertAloneWorkflow()],
		publish: [COLLECT_WORKFLOW_ID, UPSERT_WORKFLOW_ID],
	});
	server = await startN8nServer(n8n, Number(n8n.env.N8N_PORT), { readyWithinMs: 180_000 });
	await triggerRegistered(`${server.url}/webhook/${TRIGGER_WEBHOOK_ID}/webhook`);
	owner = await setUpOwner(server.url, 'e2e-races@levers.local');
	table = await createCallResultsTable(owner);
}, 400_000);

afterAll(() => cleanUp(n8n, server), 60_000);

test(`20 pairs of events at once, each repeated 1 s later, and 20 copies of one racing: each event one execution and one row of "${CALL_RESULTS_TABLE}"`, async () => {
	const run = await deliverRaces(
		[`${server!.url}/webhook/${TRIGGER_WEBHOOK_ID}/webhook`],
		signingSecret,
		{ label: 'single' },
	);

	const executions = await finished(COLLECT_WORKFLOW_ID, run.eventIds.length);
	const rows = (await table.rows()).filter((row) => row.crm_id.startsWith('single-'));
	const perEvent = rowsPerEvent(rows);
	const all = [...run.firsts, ...run.repeats, ...run.copies];
	const redelivered = all.reduce((sum, answer) => sum + answer.attempts - 1, 0);
	process.stdout.write(
		`\nRaces on one n8n process (${redelivered} deliveries again after an n8n 5xx): ${run.eventIds.length} events, ${run.firsts.length + run.repeats.length + run.copies.length} deliveries; ` +
			`repeats recognised by the trigger ${repeatsRecognised(run.repeats)}/${run.repeats.length}, ` +
			`copies ${repeatsRecognised(run.copies)}/${run.copies.length - 1}; executions ${executions.length}; ` +
			`rows ${rows.length}, events with more than one row ${[...perEvent.values()].filter((count) => count > 1).length}\n` +
			`answers: ${JSON.stringify({ firsts: tally(run.firsts), repeats: tally(run.repeats), copies: tally(run.copies) })}\n`,
	);

	expect(run.firsts.map((answer) => answer.responseBody)).toEqual(
		run.firsts.map(() => '{"received":true}'),
	);
	// The trigger alone: every repeat and every copy but one is answered as one, and starts nothing.
	expect(repeatsRecognised(run.repeats)).toBe(run.repeats.length);
	expect(repeatsRecognised(run.copies)).toBe(run.copies.length - 1);
	expect(executions).toHaveLength(run.eventIds.length);
	expect(executions.every((execution) => execution.status === 'success')).toBe(true);
	// The example: one row per event.
	expect([...perEvent.keys()].sort()).toEqual([...run.eventIds].sort());
	expect([...perEvent.values()].every((count) => count === 1)).toBe(true);
}, 180_000);

test("the example's upsert alone, fed the same event by 20 executions at once (3 rounds): one row per event", async () => {
	const before = (await owner.executionsOf(UPSERT_WORKFLOW_ID)).length;
	const eventIds = ['upsert-race-1', 'upsert-race-2', 'upsert-race-3'];
	for (const eventId of eventIds) {
		const item = { eventId, requestMetadata: { crm_id: eventId }, callOutput: 'PROMISE_TO_PAY' };
		const answers = await Promise.all(
			Array.from({ length: 20 }, () =>
				fetch(`${server!.url}/webhook/${UPSERT_PATH}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(item),
				}).then((response) => response.status),
			),
		);
		expect(answers).toEqual(answers.map(() => 200));
	}

	const executions = await finished(UPSERT_WORKFLOW_ID, before + 60);
	const rows = (await table.rows()).filter((row) => eventIds.includes(row.eventId));
	const perEvent = rowsPerEvent(rows);
	process.stdout.write(
		`\nThe upsert alone (SQLite, one process): 60 executions for 3 events, ` +
			`${executions.filter((execution) => execution.status === 'success').length - before} succeeded; rows ${rows.length} ` +
			`(${eventIds.map((id) => perEvent.get(id) ?? 0).join(', ')})\n`,
	);

	expect(executions.slice(0, 60).every((execution) => execution.status === 'success')).toBe(true);
	expect(eventIds.map((id) => perEvent.get(id))).toEqual([1, 1, 1]);
}, 180_000);
