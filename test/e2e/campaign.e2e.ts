import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { LeversSandbox } from '../sandbox/levers-sandbox';
import {
	executionJson,
	installPackage,
	n8nCommand,
	newN8nInstance,
	nodeOutput,
	succeeded,
	workflowNode,
} from './n8n-process';
import type { N8nInstance } from './n8n-process';
import { EXACTNESS_CASES, OTHER, REPEATED, exactnessWorkflow } from './exactness-workflows';

/**
 * Campaigns in a real n8n 2.41 with the packed package: the bulk example, and Levers Call inside n8n's own
 * Loop Over Items with Retry On Fail on, where every batch is item 0 of a new run of the node.
 */
const REPO_ROOT = path.resolve(__dirname, '../..');
const ACCESS_TOKEN = 'e2e-campaign-token-81f3c0';
const CREDENTIAL = { id: 'LeversSandbox001', name: 'Levers sandbox' };
const BULK_WORKFLOW_ID = 'LeversExample006';
const LOOP_WORKFLOW_ID = 'LeversE2ELoop001';
const LOOP_PHONES = ['+966510000001', '+966510000002', '+966510000003', '+966510000004'];

let sandbox: LeversSandbox;
let n8n: N8nInstance;

/** Start → contacts → Loop Over Items (batch size 1) → Levers Call (Retry On Fail) → back to the loop. */
function loopWorkflow() {
	const node = (name: string, type: string, typeVersion: number, parameters: object, extra = {}) =>
		workflowNode('loop', name, type, typeVersion, parameters, extra);
	const contacts = `return ${JSON.stringify(LOOP_PHONES.map((phone) => ({ phone })))}.map((json) => ({ json }));`;
	return {
		id: LOOP_WORKFLOW_ID,
		name: 'Levers e2e: Loop Over Items with Retry On Fail',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', 1, {}),
			node('Contacts', 'n8n-nodes-base.code', 2, { jsCode: contacts }),
			node('Loop Over Items', 'n8n-nodes-base.splitInBatches', 3, { batchSize: 1, options: {} }),
			node(
				'Levers Call',
				'n8n-nodes-levers.leversCall',
				1,
				{ numberToCall: '={{ $json.phone }}' },
				{
					retryOnFail: true,
					maxTries: 3,
					waitBetweenTries: 100,
					credentials: { leversApi: CREDENTIAL },
				},
			),
			node('Done', 'n8n-nodes-base.noOp', 1, {}),
		],
		connections: {
			Start: { main: [[{ node: 'Contacts', type: 'main', index: 0 }]] },
			Contacts: { main: [[{ node: 'Loop Over Items', type: 'main', index: 0 }]] },
			'Loop Over Items': {
				main: [
					[{ node: 'Done', type: 'main', index: 0 }],
					[{ node: 'Levers Call', type: 'main', index: 0 }],
				],
			},
			'Levers Call': { main: [[{ node: 'Loop Over Items', type: 'main', index: 0 }]] },
		},
	};
}

beforeAll(async () => {
	sandbox = await LeversSandbox.start({ accessTokens: [ACCESS_TOKEN] });
	n8n = await newN8nInstance('levers-e2e-campaign-');
	const { userFolder } = n8n;
	installPackage(n8n);
	const credentials = [
		{
			...CREDENTIAL,
			type: 'leversApi',
			data: { authType: 'accessToken', accessToken: ACCESS_TOKEN, baseUrl: sandbox.url },
		},
	];
	writeFileSync(path.join(userFolder, 'credentials.json'), JSON.stringify(credentials));
	succeeded(await n8nCommand(n8n, 'import:credentials', `--input=${userFolder}/credentials.json`));
	const workflows = path.join(userFolder, 'workflows');
	mkdirSync(workflows);
	const bulkExample = readFileSync(path.join(REPO_ROOT, 'examples/call-list-in-bulk.json'), 'utf8');
	writeFileSync(path.join(workflows, 'bulk.json'), bulkExample);
	writeFileSync(path.join(workflows, 'loop.json'), JSON.stringify(loopWorkflow()));
	for (const name of Object.keys(EXACTNESS_CASES) as Array<keyof typeof EXACTNESS_CASES>)
		writeFileSync(
			path.join(workflows, `exact-${name}.json`),
			JSON.stringify(exactnessWorkflow(name, CREDENTIAL)),
		);
	succeeded(await n8nCommand(n8n, 'import:workflow', '--separate', `--input=${workflows}`));
}, 180_000);

afterAll(async () => {
	await sandbox?.close();
	if (n8n) rmSync(n8n.userFolder, { recursive: true, force: true });
});

beforeEach(() => sandbox.reset());

test('bulk example: one call-bulk request, local numbers with SA, the repeat skipped, the bad row on the error branch', async () => {
	const execution = executionJson(
		succeeded(await n8nCommand(n8n, 'execute', `--id=${BULK_WORKFLOW_ID}`, '--rawOutput')),
	);

	expect(sandbox.bulkRequests().map((request) => request.rawBody)).toEqual([
		'{"contacts":[' +
			'{"numberToCall":"+966501234567","firstName":"Sara","metadata":{"crm_id":"crm-2001"},"promptTags":{"amount":"$500.00"}},' +
			'{"numberToCall":"0507654321","firstName":"Omar","metadata":{"crm_id":"crm-2002"},"promptTags":{"amount":"$90.00"}},' +
			'{"numberToCall":"+966550001111","firstName":"Lina","metadata":{"crm_id":"crm-2003"},"promptTags":{"amount":"$1,200.00"}}' +
			'],"countryCode":"SA"}',
	]);
	expect(sandbox.bulkRequests()[0].headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
	const sent = nodeOutput(execution, 'Sent to Levers');
	expect(sent.map((item) => [item.json.outcome, item.json.bulkRequest ?? null])).toEqual([
		['placed', 1],
		['placed', 1],
		['placed', 1],
		['skipped', null],
	]);
	expect(sent[3].json).toMatchObject({ duplicateOf: 0 });
	const notCalled = nodeOutput(execution, 'Not called: check these');
	expect(notCalled).toHaveLength(1);
	expect(notCalled[0].json).toMatchObject({
		name: 'No number',
		error: expect.stringMatching(/^numberToCall: "n\/a" .* \[item 3\]$/),
		details: { outcome: 'failed', field: 'numberToCall' },
	});
}, 60_000);

test('Loop Over Items with Retry On Fail: every batch is called, a failed try is retried, nobody twice', async () => {
	// The second contact's first request is refused: n8n retries that run of the node.
	sandbox.scriptFor(LOOP_PHONES[1], { status: 400, body: { detail: 'try again' } });

	const run = succeeded(
		await n8nCommand(n8n, 'execute', `--id=${LOOP_WORKFLOW_ID}`, '--rawOutput'),
	);

	const accepted = sandbox.acceptedCalls().map((call) => call.body.numberToCall);
	expect(accepted).toEqual(LOOP_PHONES);
	expect(sandbox.callRequests().map((request) => request.status)).toEqual([
		201, 400, 201, 201, 201,
	]);
	const execution = executionJson(run);
	expect(execution.data.resultData.runData['Levers Call']).toHaveLength(LOOP_PHONES.length);
	expect(nodeOutput(execution, 'Done')).toHaveLength(LOOP_PHONES.length);
}, 60_000);

describe('issue 14 in a real n8n', () => {
	const run = async (name: keyof typeof EXACTNESS_CASES) => {
		const execution = executionJson(
			succeeded(
				await n8nCommand(n8n, 'execute', `--id=${EXACTNESS_CASES[name].id}`, '--rawOutput'),
			),
		);
		return nodeOutput(execution, 'Levers Call').map((item) => item.json);
	};
	const requestsFor = (phone: string) =>
		sandbox
			.callRequests()
			.filter((request) => (request.json as { numberToCall: string }).numberToCall === phone);

	test('Skip Repeated Numbers after a 422: one next item is sent, the rest skipped; the number placed once', async () => {
		sandbox.scriptFor(REPEATED, { status: 422, body: { detail: 'refused' }, delayMs: 150 });

		const output = await run('repeated');

		expect(output.map((item) => item.outcome)).toEqual(['failed', 'placed', 'skipped', 'placed']);
		expect(output[2]).toMatchObject({ duplicateOf: 1 });
		expect(requestsFor(REPEATED)).toHaveLength(2);
		expect(
			sandbox.acceptedCalls().filter((call) => call.body.numberToCall === REPEATED),
		).toHaveLength(1);
	}, 60_000);

	test('a Timeout of -5 or "abc" from an expression fails its item at once, naming the option; nothing sent', async () => {
		const output = await run('timeout');

		expect(output.map((item) => [item.outcome, item.field])).toEqual([
			['failed', 'options.timeout'],
			['failed', 'options.timeout'],
		]);
		expect(output[0].error).toBe('options.timeout: must be at least 1000 milliseconds [item 0]');
		expect(sandbox.requests).toHaveLength(0);
	}, 60_000);

	test('Dry Run shows the repeated number skipped and the call past the limit refused; nothing sent', async () => {
		const output = await run('dryRun');

		expect(output.map((item) => item.outcome)).toEqual(['dryRun', 'dryRun', 'skipped', 'failed']);
		expect(output[3]).toMatchObject({ field: 'options.maxCallsPerExecution' });
		expect(requestsFor(OTHER)).toHaveLength(0);
		expect(sandbox.requests).toHaveLength(0);
	}, 60_000);
});
