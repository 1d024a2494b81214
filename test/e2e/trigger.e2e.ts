import { LeversSandbox } from '../sandbox/levers-sandbox';
import { WebhookDelivery, callEndedPayload, post, signDelivery } from '../sandbox/webhook-delivery';
import { createCallResultsTable } from './call-results-table';
import { cleanUp, exampleCredentials, importAndPublish } from './n8n-import';
import { eventually, setUpOwner, triggerRegistered } from './n8n-rest';
import type { OwnerSession } from './n8n-rest';
import { installPackage, newN8nInstance, startN8nServer } from './n8n-process';
import { timeLimitedBranchExample } from './time-limited-example';
import type { N8nInstance, N8nServer } from './n8n-process';

/**
 * Results coming back, in a real n8n 2.41: the packed package installed, the example workflows imported
 * and published, and the sandbox delivering signed phone_call.ended events as Levers (Svix) would.
 */
const ACCESS_TOKEN = 'e2e-trigger-token-5e91a2';
const COLLECT_WORKFLOW_ID = 'LeversExample003';
const TRIGGER_WEBHOOK_ID = '7c1e4b2a-9d3f-4a6e-8b5c-1f2e3d4c3001';
const BRANCH_WORKFLOW_ID = 'LeversExample004';
const LIST_WORKFLOW_ID = 'LeversExample005';
const WEBHOOK_KEY = { name: 'X-Webhook-Key', value: 'e2e-trigger-webhook-key-3f8a' };
const TIMEOUT_WORKFLOW_ID = 'LeversE2ETimeout1';

let sandbox: LeversSandbox;
let delivery: WebhookDelivery;
let n8n: N8nInstance;
let server: N8nServer | undefined;
let owner: OwnerSession;

const triggerUrl = () => `${server!.url}/webhook/${TRIGGER_WEBHOOK_ID}/webhook`;

const call = (crmId: string) => ({
	callId: `call-${crmId}`,
	body: { numberToCall: '+966123412345', metadata: { crm_id: crmId } },
});

beforeAll(async () => {
	delivery = new WebhookDelivery(undefined);
	sandbox = await LeversSandbox.start({
		accessTokens: [ACCESS_TOKEN],
		onCallAccepted: delivery.onCallAccepted,
	});
	n8n = await newN8nInstance('levers-e2e-trigger-');
	// What a user behind a proxy sets: the public address; the resume URLs are built from it.
	n8n.env.WEBHOOK_URL = `http://127.0.0.1:${n8n.env.N8N_PORT}/`;
	installPackage(n8n);
	const credentials = exampleCredentials({
		accessToken: ACCESS_TOKEN,
		baseUrl: sandbox.url,
		webhookSigningSecret: delivery.secret,
		webhookKey: WEBHOOK_KEY,
	});
	const timeLimited = timeLimitedBranchExample(TIMEOUT_WORKFLOW_ID);
	await importAndPublish(n8n, {
		credentials,
		workflows: [
			'collect-call-results.json',
			'call-wait-branch.json',
			'call-list-and-wait.json',
			timeLimited,
		],
		publish: [COLLECT_WORKFLOW_ID, BRANCH_WORKFLOW_ID, LIST_WORKFLOW_ID, TIMEOUT_WORKFLOW_ID],
	});

	server = await startN8nServer(n8n, Number(n8n.env.N8N_PORT), { readyWithinMs: 180_000 });
	delivery.url = triggerUrl();
	await triggerRegistered(triggerUrl());
	owner = await setUpOwner(server.url, 'e2e-trigger@levers.local');
	// The collect-call-results example writes to this data table (an upsert keyed on eventId).
	await createCallResultsTable(owner);
}, 400_000);

afterAll(() => cleanUp(n8n, server, sandbox), 60_000);

describe('a published Levers Trigger workflow', () => {
	test('valid delivery → one execution; forged → 401 and none; repeated → 200 and none', async () => {
		const deliver = (crmId: string, options = {}) =>
			post(
				triggerUrl(),
				signDelivery(delivery.secret, JSON.stringify(callEndedPayload(call(crmId))), options),
			);

		const valid = signDelivery(
			delivery.secret,
			JSON.stringify(callEndedPayload(call('crm-e2e-1'))),
		);
		const first = await post(triggerUrl(), valid);
		expect(first).toEqual({ status: 200, responseBody: '{"received":true}' });
		const one = await eventually(
			() => owner.executionsOf(COLLECT_WORKFLOW_ID),
			(list) => list.length >= 1,
		);
		expect(one).toHaveLength(1);

		const forged = await deliver('crm-e2e-forged', { forge: true });
		expect(forged.status).toBe(401);
		const stale = await deliver('crm-e2e-stale', { stale: true });
		expect(stale.status).toBe(401);
		const repeated = await post(triggerUrl(), valid);
		expect(repeated).toEqual({ status: 200, responseBody: '{"received":true,"duplicate":true}' });

		// A last valid delivery: once its execution exists, every earlier request has been handled.
		expect((await deliver('crm-e2e-2')).status).toBe(200);
		const all = await eventually(
			() => owner.executionsOf(COLLECT_WORKFLOW_ID),
			(list) => list.length >= 2,
		);
		expect(all).toHaveLength(2);
		const finished = await eventually(
			() => owner.executionsOf(COLLECT_WORKFLOW_ID),
			(list) => list.every((execution) => execution.status === 'success'),
		);
		expect(finished.map((execution) => execution.status)).toEqual(['success', 'success']);
		const texts = await Promise.all(finished.map((execution) => owner.executionText(execution.id)));
		expect(texts.join('\n')).toContain('crm-e2e-1');
		expect(texts.join('\n')).toContain('crm-e2e-2');
		expect(texts.join('\n')).not.toContain('crm-e2e-forged');
	}, 90_000);
});

async function postJson(route: string, body: unknown) {
	const response = await fetch(`${server!.url}${route}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', [WEBHOOK_KEY.name]: WEBHOOK_KEY.value },
		body: JSON.stringify(body),
	});
	return { status: response.status, body: await response.text() };
}

const statuses = async (workflowId: string) =>
	(await owner.executionsOf(workflowId)).map((execution) => execution.status);

describe('Call and Wait for Result in a published workflow', () => {
	// Started first: n8n looks at waiting executions about once a minute, the other tests run meanwhile.
	beforeAll(async () => {
		delivery.script({ skip: true }); // its result never comes
		const started = await postJson('/webhook/levers-call-and-wait-1-minute', {
			numberToCall: '+966123412345',
			metadata: { crm_id: 'crm-no-answer' },
		});
		expect(started.status).toBe(200);
		const placed = (call: { body: Record<string, unknown> }) =>
			(call.body.metadata as { crm_id?: string }).crm_id === 'crm-no-answer';
		await eventually(async () => delivery.accepted.some(placed), Boolean);
	});

	test('Webhook → Levers Call waits; the result delivered to the trigger resumes it on "Call Ended"', async () => {
		delivery.script({ skip: true }); // delivered below, once the execution is seen waiting
		const accepted = delivery.accepted.length;

		const started = await postJson('/webhook/levers-call-and-wait', {
			numberToCall: '+966 12 341 2345',
			firstName: 'Sara',
			metadata: { crm_id: 'crm-wait-1' },
		});
		expect(started).toEqual({ status: 200, body: '{"message":"Workflow was started"}' });
		expect(
			await eventually(
				() => statuses(BRANCH_WORKFLOW_ID),
				(list) => list[0] === 'waiting',
			),
		).toEqual(['waiting']);
		const placed = delivery.accepted[accepted];
		expect(placed.body.metadata).toEqual({
			crm_id: 'crm-wait-1',
			n8nResumeUrl: expect.stringMatching(
				new RegExp(
					`^${server!.url}/webhook-waiting/\\d+/2d4f6a8c-1b3e-4c5d-9e7f-0a1b2c3d4002\\?signature=[0-9a-f]{64}$`,
				),
			),
			n8nWaitId: expect.any(String),
		});
		const triggerRunsBefore = (await owner.executionsOf(COLLECT_WORKFLOW_ID)).length;

		await delivery.deliver(placed);

		expect(delivery.deliveries.at(-1)!.status).toBe(200);
		const [execution] = await eventually(
			() => owner.executionsOf(BRANCH_WORKFLOW_ID),
			(list) => list[0]?.status === 'success',
		);
		expect(execution.status).toBe('success');
		const text = await owner.executionText(execution.id);
		// "Promise to pay" ran (callOutput was PROMISE_TO_PAY); "No result in time" and "Other outcome" did not.
		expect(text).toContain('send a payment link');
		expect(text).toContain('"Promise to pay"');
		expect(text).not.toContain('"No result in time"');
		expect(text).not.toContain('"Other outcome"');
		expect(text).toContain(delivery.deliveries.at(-1)!.eventId);
		// The trigger's own workflow got the result as well.
		expect(
			await eventually(
				() => owner.executionsOf(COLLECT_WORKFLOW_ID),
				(list) => list.length > triggerRunsBefore,
			),
		).toHaveLength(triggerRunsBefore + 1);
	}, 90_000);

	test('a result delivered the moment the call is placed still resumes the wait', async () => {
		delivery.script({}); // at once, while the execution is still running
		const delivered = delivery.deliveries.length;
		const before = (await owner.executionsOf(BRANCH_WORKFLOW_ID)).length;

		const started = await postJson('/webhook/levers-call-and-wait', {
			numberToCall: '+966123412345',
			metadata: { crm_id: 'crm-wait-at-once' },
		});
		expect(started.status).toBe(200);
		// The webhook answers before Levers Call runs: wait for the sandbox to have answered the delivery.
		await eventually(
			async () => delivery.deliveries.length,
			(count) => count > delivered,
		);

		expect(delivery.deliveries.slice(delivered).map((record) => record.responseBody)).toEqual([
			'{"received":true}',
		]);
		const list = await eventually(
			() => owner.executionsOf(BRANCH_WORKFLOW_ID),
			(executions) => executions.length > before && executions[0].status === 'success',
		);
		expect(list[0].status).toBe('success');
		const text = await owner.executionText(list[0].id);
		expect(text).toContain('crm-wait-at-once');
		expect(text).toContain('"Promise to pay"');
		expect(text).not.toContain('"No result in time"');
	}, 90_000);

	test("a list called one by one with Loop Over Items: each wait takes only its own call's result", async () => {
		delivery.script({ skip: true }, { skip: true });
		const accepted = delivery.accepted.length;
		const waitingFor = (calls: number) =>
			eventually(
				async () => ({
					calls: delivery.accepted.length - accepted,
					statuses: await statuses(LIST_WORKFLOW_ID),
				}),
				(state) => state.calls === calls && state.statuses[0] === 'waiting',
			);

		const started = await postJson('/webhook/levers-call-list', {
			contacts: [
				{ phone: '+966123412345', firstName: 'Sara', crmId: 'crm-list-1' },
				{ phone: '+14155550100', firstName: 'John', crmId: 'crm-list-2' },
			],
		});
		expect(started.status).toBe(200);
		expect(await waitingFor(1)).toEqual({ calls: 1, statuses: ['waiting'] });
		const first = delivery.accepted[accepted];
		await delivery.deliver(first, { result: { callOutput: 'PROMISE_TO_PAY' } });
		expect(await waitingFor(2)).toEqual({ calls: 2, statuses: ['waiting'] });

		// The first call's result again (a late, separate event): the second wait must ignore it.
		await delivery.deliver(first, { result: { callOutput: 'LATE_DUPLICATE' } });
		expect(delivery.deliveries.at(-1)!.status).toBe(200);
		expect(await statuses(LIST_WORKFLOW_ID)).toEqual(['waiting']);

		await delivery.deliver(delivery.accepted[accepted + 1], {
			result: { callOutput: 'CALLBACK_REQUESTED' },
		});
		const [execution] = await eventually(
			() => owner.executionsOf(LIST_WORKFLOW_ID),
			(list) => list[0]?.status === 'success',
		);
		expect(execution.status).toBe('success');
		const text = await owner.executionText(execution.id);
		expect(text).toContain('PROMISE_TO_PAY');
		expect(text).toContain('CALLBACK_REQUESTED');
		expect(text).not.toContain('LATE_DUPLICATE');
		expect(delivery.accepted.slice(accepted).map((call) => call.body.numberToCall)).toEqual([
			'+966123412345',
			'+14155550100',
		]);
	}, 120_000);
	test('the time limit passes without a result → "Timed Out" with the input item', async () => {
		const [execution] = await eventually(
			() => owner.executionsOf(TIMEOUT_WORKFLOW_ID),
			(list) => list[0]?.status === 'success',
			150_000,
		);
		expect(execution.status).toBe('success');
		const text = await owner.executionText(execution.id);
		expect(text).toContain('"No result in time"');
		expect(text).toContain('call again tomorrow');
		expect(text).toContain('crm-no-answer');
		expect(text).not.toContain('"Promised to pay?"');
	}, 180_000);
});

test('no token or signing secret appears in anything n8n printed', async () => {
	await server?.stop();
	server = undefined;
	const printed = n8n.log.join('\n');
	expect(printed.length).toBeGreaterThan(1000);
	for (const secret of [ACCESS_TOKEN, delivery.secret, delivery.secret.slice(6)]) {
		expect(printed).not.toContain(secret);
	}
});
