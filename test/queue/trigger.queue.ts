import { callEndedPayload, post, signDelivery } from '../sandbox/webhook-delivery';
import {
	COLLECT_WORKFLOW_ID,
	MainRest,
	TRIGGER_WEBHOOK_ID,
	eventually,
	outputOf,
	readCluster,
} from './cluster';
import { executionsRunBy } from './queue-process';

/**
 * Check 2: Levers Trigger served by the webhook processors. A signed delivery starts one execution (run by
 * a worker); forged, stale and unsigned ones are refused with 401 and start none; a repeated svix-id starts
 * none, sent to the same processor or to the other one.
 */
const cluster = readCluster();
const rest = new MainRest(cluster.main.url, cluster.cookie);
const [first, second] = cluster.webhooks;
const triggerUrl = (processor: { url: string }) =>
	`${processor.url}/webhook/${TRIGGER_WEBHOOK_ID}/webhook`;
const ROW_NODE = 'Call result row';

const signed = (crmId: string, options: { forge?: boolean; stale?: boolean } = {}) =>
	signDelivery(
		cluster.signingSecret,
		JSON.stringify(
			callEndedPayload({
				callId: `call-${crmId}`,
				body: { numberToCall: '+966123412345', metadata: { crm_id: crmId } },
			}),
		),
		options,
	);

const newExecutions = async (before: string[]) =>
	(await rest.executionsOf(COLLECT_WORKFLOW_ID)).filter(
		(execution) => !before.includes(execution.id),
	);

test('on the webhook processors: signed → one execution on a worker; forged, stale, unsigned → 401; a repeat → none', async () => {
	const before = (await rest.executionsOf(COLLECT_WORKFLOW_ID)).map((execution) => execution.id);
	const valid = signed('crm-queue-1');

	expect(await post(triggerUrl(first), valid)).toEqual({
		status: 200,
		responseBody: '{"received":true}',
	});
	const [started] = await eventually(
		() => newExecutions(before),
		(list) => list[0]?.status === 'success',
	);
	expect(started.status).toBe('success');

	const refused = await Promise.all([
		post(triggerUrl(second), signed('crm-queue-forged', { forge: true })),
		post(triggerUrl(second), signed('crm-queue-stale', { stale: true })),
		post(triggerUrl(second), { headers: { 'content-type': 'application/json' }, body: '{}' }),
	]);
	expect(refused.map((answer) => answer.status)).toEqual([401, 401, 401]);
	expect(refused.map((answer) => JSON.parse(answer.responseBody).error)).toEqual([
		expect.stringMatching(/^Invalid signature: /),
		expect.stringMatching(/^Invalid signature: /),
		expect.stringMatching(/^Invalid signature: /),
	]);
	// The first delivery's execution is saved: the same svix-id again, to the same and to the other processor.
	const duplicate = { status: 200, responseBody: '{"received":true,"duplicate":true}' };
	expect(await post(triggerUrl(first), valid)).toEqual(duplicate);
	expect(await post(triggerUrl(second), valid)).toEqual(duplicate);

	// A last valid delivery: once its execution exists, every earlier request has been handled.
	expect((await post(triggerUrl(second), signed('crm-queue-2'))).status).toBe(200);
	const all = await eventually(
		() => newExecutions(before),
		(list) => list.length >= 2 && list.every((execution) => execution.status === 'success'),
	);
	expect(all.map((execution) => execution.status)).toEqual(['success', 'success']);
	const rows = await Promise.all(
		all.map(async (execution) => outputOf(await rest.runData(execution.id), ROW_NODE)),
	);
	expect(rows.flat().map((row) => row.crm_id)).toEqual(['crm-queue-2', 'crm-queue-1']);
	// Run by the workers, not by the processes that received them.
	const ranOnWorkers = cluster.workers.flatMap(executionsRunBy);
	expect(all.map((execution) => ranOnWorkers.includes(execution.id))).toEqual([true, true]);
});
