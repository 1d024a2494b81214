import { LeversSandbox } from '../sandbox/levers-sandbox';
import { WebhookDelivery } from '../sandbox/webhook-delivery';
import {
	ACCESS_TOKEN,
	MainRest,
	TRIGGER_WEBHOOK_ID,
	WEBHOOK_KEY,
	eventually,
	outputOf,
	readCluster,
} from './cluster';
import { executionsRunBy } from './queue-process';
import { TIMEOUT_WORKFLOW_ID } from './workflows';

/**
 * Check 4: Call and Wait for Result across processes. The wait starts on a worker; the result reaches a
 * webhook processor, whose trigger relays it to the public resume URL (the load balancer, so whichever
 * processor serves it); the execution resumes on a worker and ends on Call Ended. A one-minute limit ends on
 * Timed Out (main's wait tracker); Loop Over Items takes each call's own result.
 */
const cluster = readCluster();
const rest = new MainRest(cluster.main.url, cluster.cookie);
const BRANCH_WORKFLOW_ID = 'LeversExample004';
const LIST_WORKFLOW_ID = 'LeversExample005';
const WAITING_NODE_ID = '2d4f6a8c-1b3e-4c5d-9e7f-0a1b2c3d4002';
const triggerOn = (processor: { url: string }) =>
	`${processor.url}/webhook/${TRIGGER_WEBHOOK_ID}/webhook`;

let sandbox: LeversSandbox;
let delivery: WebhookDelivery;

async function startWorkflow(route: string, body: unknown) {
	const response = await fetch(`${cluster.publicUrl}/webhook/${route}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', [WEBHOOK_KEY.name]: WEBHOOK_KEY.value },
		body: JSON.stringify(body),
	});
	return { status: response.status, body: await response.text() };
}

const latest = async (workflowId: string) => (await rest.executionsOf(workflowId))[0];
const workerRuns = (executionId: string) =>
	cluster.workers.flatMap(executionsRunBy).filter((id) => id === executionId).length;

beforeAll(async () => {
	delivery = new WebhookDelivery(triggerOn(cluster.webhooks[1]), cluster.signingSecret);
	sandbox = await LeversSandbox.start({
		port: cluster.sandboxPort,
		accessTokens: [ACCESS_TOKEN],
		onCallAccepted: delivery.onCallAccepted,
	});
	// Started first: main's wait tracker looks at waiting executions once a minute.
	delivery.script({ skip: true });
	const started = await startWorkflow('levers-call-and-wait-1-minute', {
		numberToCall: '+966123412345',
		metadata: { crm_id: 'crm-queue-no-answer' },
	});
	expect(started.status).toBe(200);
	await eventually(
		() => delivery.accepted.length,
		(count) => count === 1,
	);
});

afterAll(async () => {
	await sandbox?.close();
});

test('the wait starts on a worker; the result delivered to a webhook processor resumes it on "Call Ended"', async () => {
	delivery.script({ skip: true }); // delivered below, once the execution is seen waiting
	const accepted = delivery.accepted.length;

	const started = await startWorkflow('levers-call-and-wait', {
		numberToCall: '+966 12 341 2345',
		firstName: 'Sara',
		metadata: { crm_id: 'crm-queue-wait-1' },
	});
	expect(started).toEqual({ status: 200, body: '{"message":"Workflow was started"}' });
	const waiting = await eventually(
		() => latest(BRANCH_WORKFLOW_ID),
		(execution) => execution?.status === 'waiting',
	);
	expect(waiting.status).toBe('waiting');
	expect(workerRuns(waiting.id)).toBe(1);
	const placed = delivery.accepted[accepted];
	// Built by the worker from WEBHOOK_URL: the public address, not the worker's own.
	expect(placed.body.metadata).toEqual({
		crm_id: 'crm-queue-wait-1',
		n8nResumeUrl: expect.stringMatching(
			new RegExp(
				`^${cluster.publicUrl}/webhook-waiting/${waiting.id}/${WAITING_NODE_ID}\\?signature=[0-9a-f]{64}$`,
			),
		),
		n8nWaitId: expect.any(String),
	});

	await delivery.deliver(placed);

	expect(delivery.deliveries.at(-1)!.status).toBe(200);
	const finished = await eventually(
		() => latest(BRANCH_WORKFLOW_ID),
		(execution) => execution?.status === 'success',
	);
	expect(finished.id).toBe(waiting.id);
	// Run twice by the workers: up to the wait, and from the resume.
	expect(
		await eventually(
			() => workerRuns(waiting.id),
			(runs) => runs === 2,
		),
	).toBe(2);
	const runData = await rest.runData(waiting.id);
	expect(outputOf(runData, 'Promise to pay')).toEqual([
		expect.objectContaining({ 'next step': 'send a payment link' }),
	]);
	expect(runData['No result in time']).toBeUndefined();
	expect(runData['Other outcome']).toBeUndefined();
	expect(outputOf(runData, 'Levers Call', 0, 1)).toEqual([
		expect.objectContaining({ eventId: delivery.deliveries.at(-1)!.eventId }),
	]);
});

test("a list called one by one with Loop Over Items: each wait takes only its own call's result", async () => {
	delivery.script({ skip: true }, { skip: true });
	const accepted = delivery.accepted.length;
	const waitingFor = (calls: number) =>
		eventually(
			async () => ({
				calls: delivery.accepted.length - accepted,
				status: (await latest(LIST_WORKFLOW_ID))?.status,
			}),
			(state) => state.calls === calls && state.status === 'waiting',
		);

	const started = await startWorkflow('levers-call-list', {
		contacts: [
			{ phone: '+966123412345', firstName: 'Sara', crmId: 'crm-queue-list-1' },
			{ phone: '+14155550100', firstName: 'John', crmId: 'crm-queue-list-2' },
		],
	});
	expect(started.status).toBe(200);
	expect(await waitingFor(1)).toEqual({ calls: 1, status: 'waiting' });
	const first = delivery.accepted[accepted];
	await delivery.deliver(first, { result: { callOutput: 'PROMISE_TO_PAY' } });
	expect(await waitingFor(2)).toEqual({ calls: 2, status: 'waiting' });

	// The first call's result again (a late, separate event): the second wait must ignore it.
	await delivery.deliver(first, { result: { callOutput: 'LATE_DUPLICATE' } });
	expect(delivery.deliveries.at(-1)!.status).toBe(200);
	expect((await latest(LIST_WORKFLOW_ID)).status).toBe('waiting');

	await delivery.deliver(delivery.accepted[accepted + 1], {
		result: { callOutput: 'CALLBACK_REQUESTED' },
	});
	const execution = await eventually(
		() => latest(LIST_WORKFLOW_ID),
		(latestRun) => latestRun?.status === 'success',
	);
	expect(execution.status).toBe('success');
	const rows = outputOf(await rest.runData(execution.id), 'One row per contact');
	expect(rows.map((row) => [row.crm_id, row.outcome])).toEqual([
		['crm-queue-list-1', 'PROMISE_TO_PAY'],
		['crm-queue-list-2', 'CALLBACK_REQUESTED'],
	]);
	expect(delivery.accepted.slice(accepted).map((call) => call.body.numberToCall)).toEqual([
		'+966123412345',
		'+14155550100',
	]);
});

test('the time limit passes without a result → "Timed Out" with the input item', async () => {
	const execution = await eventually(
		() => latest(TIMEOUT_WORKFLOW_ID),
		(run) => run?.status === 'success',
		150_000,
	);
	expect(execution.status).toBe('success');
	const runData = await rest.runData(execution.id);
	expect(outputOf(runData, 'No result in time')).toEqual([
		expect.objectContaining({ 'next step': 'call again tomorrow' }),
	]);
	expect(runData['Promised to pay?']).toBeUndefined();
	expect(sandbox.acceptedCalls().map((call) => call.body.metadata)).toContainEqual(
		expect.objectContaining({ crm_id: 'crm-queue-no-answer' }),
	);
	expect(workerRuns(execution.id)).toBe(2);
}, 180_000);
