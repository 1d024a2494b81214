import { createServer } from 'node:http';

import type { INode, INodeParameters, IRun } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { runToolFlow } from './harness';
import { PackageNodeTypes } from './harness/node-types';
import { loadPackage } from './harness/package-loader';
import { ACCESS_TOKEN, accessTokenCredential, leversCallNode, rows } from './levers-support';
import { LeversSandbox } from './sandbox/levers-sandbox';
import {
	callEndedPayload,
	newSigningSecret,
	signDelivery,
	WebhookDelivery,
} from './sandbox/webhook-delivery';
import { TriggerServer } from './trigger-support';
import { WaitingExecutions } from './wait-support';

/**
 * Call and Wait for Result through n8n-core: the run waits, the sandbox's signed result reaches the Levers
 * Trigger, which relays it to this instance's waiting webhook, and the run resumes on "Call Ended"; or the
 * time limit resumes it on "Timed Out".
 */

const NODE = 'Levers Call';
let sandbox: LeversSandbox;
let delivery: WebhookDelivery;
let waiting: WaitingExecutions;
let trigger: TriggerServer;

beforeAll(async () => {
	delivery = new WebhookDelivery(undefined, newSigningSecret());
	sandbox = await LeversSandbox.start({
		accessTokens: [ACCESS_TOKEN],
		onCallAccepted: delivery.onCallAccepted,
	});
	waiting = await WaitingExecutions.start();
	const credential = accessTokenCredential(sandbox);
	credential.data.webhookSigningSecret = delivery.secret;
	// The trigger lives on the same "instance": its own waiting base is the waiting server's.
	trigger = await TriggerServer.start({ options: {} }, credential, {
		webhookWaitingBaseUrl: waiting.baseUrl,
	});
});
afterAll(async () => {
	await Promise.all([sandbox.close(), waiting.close(), trigger.close()]);
});
beforeEach(() => {
	sandbox.reset();
	delivery.reset();
	delivery.url = undefined; // results are delivered by hand, once the run waits
	trigger.executions.length = 0;
});

function callAndWaitNode(extra: INodeParameters = {}): INode {
	return leversCallNode(
		{
			operation: 'callAndWait',
			numberToCall: '+966123412345',
			specifyMetadata: 'keypair',
			metadata: rows({ crm_id: 'crm-1001' }),
			...extra,
		},
		accessTokenCredential(sandbox),
	);
}

const INPUT = [{ json: { row: 7, crmId: 'crm-1001' } }];

async function startWaiting(extra: INodeParameters = {}) {
	const execution = await waiting.run(callAndWaitNode(extra), INPUT, [
		accessTokenCredential(sandbox),
	]);
	expect(execution.run.status).toBe('waiting');
	return execution;
}

/** Levers Call's outputs in its last run: [Timed Out, Call Ended]. */
const outputs = (run: IRun) => run.data.resultData.runData[NODE].at(-1)?.data?.main ?? [];

async function deliverResult(script = {}) {
	delivery.url = trigger.url;
	await delivery.deliver(delivery.accepted.at(-1)!, script);
	await waiting.idle();
}

test("run → waiting: one call whose metadata carries the user's keys, this node's resume URL and a wait id", async () => {
	const before = Date.now();
	const { id, run } = await startWaiting();

	expect(sandbox.callRequests()).toHaveLength(1);
	const metadata = (sandbox.callRequests()[0].json as { metadata: Record<string, string> })
		.metadata;
	expect(metadata).toEqual({
		crm_id: 'crm-1001',
		n8nResumeUrl: `${waiting.baseUrl}/${id}/levers-call-node?signature=${run.data.resumeToken}`,
		n8nWaitId: expect.stringMatching(/^[0-9a-f-]{36}$/),
	});
	// Default time limit: one hour.
	const waitTill = new Date(run.waitTill!).getTime();
	expect(waitTill).toBeGreaterThanOrEqual(before + 60 * 60_000);
	expect(waitTill).toBeLessThan(Date.now() + 60 * 60_000 + 1000);
});

test('while waiting, neither output has an item: the editor shows no "1 item" on Timed Out', async () => {
	const { run } = await startWaiting();

	const [waitingRun] = run.data.resultData.runData[NODE];
	expect(waitingRun.executionStatus).toBe('waiting');
	expect(waitingRun.data?.main).toEqual([[], []]);
});

test('resumed by the call\'s phone_call.ended (through the Levers Trigger) → "Call Ended"', async () => {
	const { id } = await startWaiting();

	await deliverResult();

	expect(delivery.deliveries.map((d) => d.status)).toEqual([200]);
	const run = waiting.executions.get(id)!.run;
	expect(run.status).toBe('success');
	const [noResult, ended] = outputs(run);
	expect(noResult).toEqual([]);
	expect(ended).toHaveLength(1);
	const fields = callEndedPayload(delivery.accepted[0]);
	delete fields.metadata; // lifted into requestMetadata
	expect(ended![0].json).toEqual({
		...fields,
		providerCallId: 'sbx-call-1',
		// The node's own keys (resume URL, wait id) are not passed on.
		requestMetadata: { crm_id: 'crm-1001' },
		eventId: delivery.deliveries[0].eventId,
		eventType: 'phone_call.ended',
		receivedAt: expect.any(String),
	});
	// The trigger workflow still gets the result too, with the same item shape.
	expect(trigger.executions).toHaveLength(1);
	expect(trigger.executions[0][0].json).toEqual(ended![0].json);
});

test('Include Input Fields: the Call Ended item carries the waiting input row too', async () => {
	await startWaiting({ options: { includeInputFields: true } });

	await deliverResult();

	const [, ended] = outputs([...waiting.executions.values()].at(-1)!.run);
	expect(ended![0].json).toMatchObject({
		...INPUT[0].json,
		providerCallId: expect.any(String),
		eventType: 'phone_call.ended',
		requestMetadata: { crm_id: 'crm-1001' },
	});
});

test('resumed by the time limit → "Timed Out" with the input item unchanged', async () => {
	const { id, run } = await startWaiting({ waitTimeLimit: 5 });
	expect(new Date(run.waitTill!).getTime()).toBeLessThanOrEqual(Date.now() + 5 * 60_000);

	const resumed = await waiting.timeOut(id);

	expect(resumed.status).toBe('success');
	const [noResult, ended] = outputs(resumed);
	expect(noResult).toEqual([expect.objectContaining({ json: INPUT[0].json })]);
	expect(ended ?? []).toEqual([]);
});

test('a late result of another call (an earlier loop iteration) is ignored and the run keeps waiting', async () => {
	const { id, run } = await startWaiting();
	const accepted = delivery.accepted.at(-1)!;
	const metadata = accepted.body.metadata as Record<string, string>;
	const stale = {
		callId: 'sbx-call-earlier',
		body: {
			...accepted.body,
			metadata: { ...metadata, n8nWaitId: 'a-wait-id-of-an-earlier-iteration' },
		},
	};

	delivery.url = trigger.url;
	await delivery.deliver(stale);
	await waiting.idle();

	expect(delivery.deliveries.map((d) => d.status)).toEqual([200]);
	expect(waiting.executions.get(id)!.run.status).toBe('waiting');
	expect(waiting.executions.get(id)!.run).toBe(run);

	await deliverResult();
	const [, ended] = outputs(waiting.executions.get(id)!.run);
	expect(ended!.map((item) => item.json.providerCallId)).toEqual(['sbx-call-1']);
});

test('the waiting node never throws: a body that is not an event leaves it waiting', async () => {
	const { id, run } = await startWaiting();
	const resumeUrl = (delivery.accepted.at(-1)!.body.metadata as Record<string, string>)
		.n8nResumeUrl;

	for (const body of [
		'{}',
		'{"payload":"text"}',
		'{"payload":{"type":"other","data":{}}}',
		'[1,2]',
	]) {
		const answer = await fetch(resumeUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body,
		});
		expect([answer.status, await answer.json()]).toEqual([200, { ignored: true }]);
	}
	expect(waiting.executions.get(id)!.run).toBe(run);
});

test("the trigger relays only to this instance's own waiting webhook, never to another address", async () => {
	const foreign: string[] = [];
	const elsewhere = createServer((req, res) => {
		foreign.push(req.url ?? '');
		res.end('{}');
	});
	await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
	const { port } = elsewhere.address() as { port: number };
	const { id } = await startWaiting();
	const accepted = delivery.accepted.at(-1)!;
	const metadata = accepted.body.metadata as Record<string, string>;
	const path = new URL(metadata.n8nResumeUrl);
	const lookalikes = [
		`http://127.0.0.1:${port}${path.pathname}${path.search}`, // another host:port, same path
		`${waiting.baseUrl}-evil/${id}/levers-call-node${path.search}`, // another path prefix
		`${waiting.baseUrl}/${id}/levers-call-node/extra${path.search}`, // deeper path
	];

	delivery.url = trigger.url;
	for (const n8nResumeUrl of lookalikes) {
		await delivery.deliver({
			callId: 'sbx-call-x',
			body: { ...accepted.body, metadata: { ...metadata, n8nResumeUrl } },
		});
	}
	await waiting.idle();
	await new Promise<void>((resolve) => elsewhere.close(() => resolve()));

	expect(delivery.deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
	expect(foreign).toEqual([]);
	expect(waiting.executions.get(id)!.run.status).toBe('waiting');
	// Each event still started the trigger's own workflow.
	expect(trigger.executions).toHaveLength(3);
});

test('a forged event carrying a resume URL is refused before anything is relayed', async () => {
	const { id, run } = await startWaiting();
	delivery.url = trigger.url;
	await delivery.deliver(delivery.accepted.at(-1)!, { forgeSignature: true });
	await waiting.idle();

	expect(delivery.deliveries.map((d) => d.status)).toEqual([401]);
	expect(waiting.executions.get(id)!.run).toBe(run);
});

test('several input items: a clear error pointing to Loop Over Items, and no call', async () => {
	const execution = await waiting.run(
		callAndWaitNode(),
		[{ json: {} }, { json: {} }],
		[accessTokenCredential(sandbox)],
	);

	expect(execution.run.status).toBe('error');
	const error = execution.run.data.resultData.error!;
	expect(error.message).toBe(
		'Call and Wait for Result places one call and waits for it, but this node got 2 items',
	);
	expect((error as { description?: string }).description).toContain(
		'Loop Over Items node (batch size 1)',
	);
	expect(sandbox.callRequests()).toHaveLength(0);
});

test('a call Levers refuses fails the node as Call does, and nothing waits', async () => {
	sandbox.respondNext({
		status: 422,
		body: { detail: [{ loc: ['body', 'numberToCall'], msg: 'bad', type: 'x' }] },
	});
	const execution = await waiting.run(callAndWaitNode(), INPUT, [accessTokenCredential(sandbox)]);

	expect(execution.run.status).toBe('error');
	expect(execution.run.waitTill).toBeUndefined();
});

describe('description', () => {
	async function outputsOf(parameters: INodeParameters) {
		const loader = await loadPackage();
		const nodeTypes = new PackageNodeTypes(loader);
		const node = leversCallNode(parameters, accessTokenCredential(sandbox));
		const workflow = new Workflow({ nodes: [node], connections: {}, nodeTypes, active: false });
		const type = nodeTypes.getByNameAndVersion(node.type, 1);
		// The outputs are an expression: with the vm engine it is evaluated holding an isolate, as n8n does.
		return await workflow.expression.withIsolate(async () =>
			NodeHelpers.getNodeOutputs(workflow, workflow.getNode(node.name)!, type.description),
		);
	}

	test('Call keeps its one output; Call and Wait has "Timed Out" (0) and "Call Ended" (1)', async () => {
		expect(await outputsOf({ numberToCall: '+966123412345' })).toEqual(['main']);
		expect(await outputsOf({ operation: 'call', numberToCall: '+966123412345' })).toEqual(['main']);
		expect(await outputsOf({ operation: 'callAndWait', numberToCall: '+966123412345' })).toEqual([
			{ type: 'main', displayName: 'Timed Out' },
			{ type: 'main', displayName: 'Call Ended' },
		]);
	});

	test("the waiting panel's text: evaluated as the editor does, it names both outputs for Call and Wait only", async () => {
		const loader = await loadPackage();
		const nodeTypes = new PackageNodeTypes(loader);
		const tooltipFor = async (operation: string) => {
			const node = leversCallNode(
				{ operation, numberToCall: '+966123412345' },
				accessTokenCredential(sandbox),
			);
			const workflow = new Workflow({ nodes: [node], connections: {}, nodeTypes, active: false });
			const tooltip = nodeTypes.getByNameAndVersion(node.type, 1).description.waitingNodeTooltip!;
			// The editor's call (waitingNodeTooltip in n8n-editor-ui): getSimpleParameterValue, mode "internal".
			return await workflow.expression.withIsolate(async () =>
				workflow.expression.getSimpleParameterValue(node, tooltip, 'internal', {}),
			);
		};
		const waitingText = await tooltipFor('callAndWait');
		expect(waitingText).toContain('come out of <b>Call Ended</b>');
		expect(waitingText).toContain('the input item comes out of <b>Timed Out</b>');
		expect(await tooltipFor('call')).toBe('');
	});

	test('not offered to an AI agent: the tool-mode operation list has no callAndWait', async () => {
		const loader = await loadPackage();
		const type = new PackageNodeTypes(loader).getByNameAndVersion('n8n-nodes-levers.leversCall', 1);
		const operations = type.description.properties.filter((p) => p.name === 'operation');
		const forTool = operations.filter((p) => p.displayOptions?.show?.['@tool']?.[0] === true);
		const forWorkflow = operations.filter((p) => p.displayOptions?.show?.['@tool']?.[0] === false);
		const values = (p: (typeof operations)[number]) =>
			(p.options as Array<{ value: string }>).map((o) => o.value);
		expect(forTool).toHaveLength(1);
		expect(values(forTool[0])).not.toContain('callAndWait');
		expect(values(forWorkflow[0])).toContain('callAndWait');
	});
});

test('signDelivery/callEndedPayload envelope variant resumes the wait too', async () => {
	const { id } = await startWaiting();
	const accepted = delivery.accepted.at(-1)!;
	const body = JSON.stringify(callEndedPayload(accepted, { envelope: true }));
	const answer = await trigger.post(signDelivery(delivery.secret, body).headers, body);
	await waiting.idle();

	expect(answer.status).toBe(200);
	expect(waiting.executions.get(id)!.run.status).toBe('success');
});

test('a time limit that is not a positive number stops the node before any call', async () => {
	const execution = await waiting.run(callAndWaitNode({ waitTimeLimit: '={{ "soon" }}' }), INPUT, [
		accessTokenCredential(sandbox),
	]);

	expect(execution.run.status).toBe('error');
	expect(execution.run.data.resultData.error!.message).toBe(
		'waitTimeLimit: must be a number from 1 to 525600 minutes [item 0]',
	);
	expect(sandbox.callRequests()).toHaveLength(0);
});

test("the trigger's filters only decide its own run: a filtered-out result still resumes the wait", async () => {
	const credential = accessTokenCredential(sandbox);
	credential.data.webhookSigningSecret = delivery.secret;
	const filtering = await TriggerServer.start(
		{ options: { callOutput: 'SOMETHING_ELSE', deliveryStatus: 'fail' } },
		credential,
		{ webhookWaitingBaseUrl: waiting.baseUrl },
	);
	const { id } = await startWaiting();

	delivery.url = filtering.url;
	await delivery.deliver(delivery.accepted.at(-1)!);
	await waiting.idle();
	await filtering.close();

	expect(delivery.deliveries.map((d) => [d.status, d.responseBody])).toEqual([
		[200, '{"received":true,"filtered":true}'],
	]);
	expect(filtering.executions).toHaveLength(0);
	expect(waiting.executions.get(id)!.run.status).toBe('success');
});

test.each(['direct', 'agent'] as const)(
	'used as an AI tool (%s) with callAndWait stored in its parameters: refused, nobody called, nothing waits',
	async (path) => {
		const tool = leversCallNode(
			{ operation: 'callAndWait', numberToCall: '+966123412345' },
			accessTokenCredential(sandbox),
			{ type: 'n8n-nodes-levers.leversCallTool' },
		);
		const { run, replies } = await runToolFlow({
			tool,
			credentials: [accessTokenCredential(sandbox)],
			path,
			toolCalls: [{}],
		});

		expect(replies.join('\n')).toContain(
			'Call and Wait for Result is not available to an AI agent — use the Call operation',
		);
		expect(sandbox.callRequests()).toHaveLength(0);
		expect(run.status).not.toBe('waiting');
	},
);
