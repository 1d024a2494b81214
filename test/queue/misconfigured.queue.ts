import { LeversSandbox } from '../sandbox/levers-sandbox';
import { WebhookDelivery } from '../sandbox/webhook-delivery';
import {
	ACCESS_TOKEN,
	MainRest,
	TRIGGER_WEBHOOK_ID,
	WEBHOOK_KEY,
	eventually,
	readCluster,
} from './cluster';
import { logOf, prepareProcess, removeFolder, startProcess } from './queue-process';
import type { QueueProcess, QueueShared } from './queue-process';
import { CAMPAIGN_PATH } from './workflows';

/**
 * Check 7: the two ways a queue-mode setup is commonly got wrong fail visibly, never as a silent time-out.
 * Extra processes on the tier's database with a queue of their own (another Redis prefix), so the tier's
 * workers never see their jobs: a webhook processor without the package, a worker without it, and a worker
 * whose WEBHOOK_URL is unset (it builds resume URLs from its own address).
 */
const cluster = readCluster();
const rest = new MainRest(cluster.main.url, cluster.cookie);
const BRANCH_WORKFLOW_ID = 'LeversExample004';
const shared: QueueShared = {
	name: cluster.name,
	encryptionKey: cluster.encryptionKey,
	webhookUrl: `${cluster.publicUrl}/`,
};
const ownQueue = { QUEUE_BULL_PREFIX: `${cluster.name}_misconfigured` };

let sandbox: LeversSandbox;
let delivery: WebhookDelivery;
const processes: QueueProcess[] = [];

async function start(label: string, role: 'webhook' | 'worker', withPackage: boolean, env = {}) {
	const n8n = await prepareProcess(shared, label, { withPackage, env: { ...ownQueue, ...env } });
	const started = await startProcess(n8n, role, label);
	processes.push(started);
	return started;
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
	fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify(body),
		signal: AbortSignal.timeout(60_000),
	}).then(async (response) => ({ status: response.status, body: await response.text() }));

let webhook: QueueProcess;
let bareWebhook: QueueProcess;

beforeAll(async () => {
	delivery = new WebhookDelivery(
		`${cluster.publicUrl}/webhook/${TRIGGER_WEBHOOK_ID}/webhook`,
		cluster.signingSecret,
	);
	sandbox = await LeversSandbox.start({
		port: cluster.sandboxPort,
		accessTokens: [ACCESS_TOKEN],
		onCallAccepted: delivery.onCallAccepted,
	});
	[webhook, bareWebhook] = await Promise.all([
		start('misconfigured-webhook', 'webhook', true),
		start('bare-webhook', 'webhook', false),
	]);
}, 240_000);

afterAll(async () => {
	await Promise.all(processes.map((process) => process.stop()));
	processes.forEach((process) => removeFolder(process.userFolder));
	await sandbox?.close();
}, 60_000);

test('a webhook processor without the package refuses the trigger with 400 naming the node type', async () => {
	const answer = await post(`${bareWebhook.url}/webhook/${TRIGGER_WEBHOOK_ID}/webhook`, {});

	expect(answer.status).toBe(400);
	expect(answer.body).toContain('Unrecognized node type: n8n-nodes-levers.leversTrigger');
	expect(sandbox.requests).toEqual([]);
});

test('a worker without the package fails the execution with the missing node type, and calls nobody', async () => {
	const worker = await start('bare-worker', 'worker', false);
	const before = (await rest.executionsOf('LeversQueueCamp01')).map((execution) => execution.id);

	const answer = await post(`${webhook.url}/webhook/${CAMPAIGN_PATH}`, { first: 90_000, count: 3 });

	expect(answer.status).toBeGreaterThanOrEqual(500);
	const [failed] = await eventually(
		async () =>
			(await rest.executionsOf('LeversQueueCamp01')).filter(
				(execution) => !before.includes(execution.id),
			),
		(list) => list[0] !== undefined && list[0].status !== 'running' && list[0].status !== 'new',
	);
	expect(failed.status).toBe('error');
	expect(JSON.stringify(await rest.executionData(failed.id))).toContain(
		'n8n-nodes-levers.leversCall',
	);
	expect(logOf(worker)).toContain('n8n-nodes-levers.leversCall');
	expect(sandbox.requests).toEqual([]);
	await worker.stop();
}, 180_000);

test('a worker without WEBHOOK_URL: the trigger warns with both addresses instead of dropping the result silently', async () => {
	const worker = await start('no-webhook-url-worker', 'worker', true, { WEBHOOK_URL: '' });
	delivery.script({ skip: true });

	const started = await post(
		`${webhook.url}/webhook/levers-call-and-wait`,
		{ numberToCall: '+966123412345', metadata: { crm_id: 'crm-queue-misconfigured' } },
		{ [WEBHOOK_KEY.name]: WEBHOOK_KEY.value },
	);
	expect(started.status).toBe(200);
	const [waiting] = await eventually(
		() => rest.executionsOf(BRANCH_WORKFLOW_ID),
		(list) => list[0]?.status === 'waiting' && delivery.accepted.length === 1,
	);
	const resumeUrl = String(
		(delivery.accepted[0].body.metadata as Record<string, unknown>).n8nResumeUrl,
	);
	// The worker's own address: nothing a Levers result can reach.
	expect(resumeUrl.startsWith(`${worker.url}/webhook-waiting/${waiting.id}/`)).toBe(true);

	await delivery.deliver(delivery.accepted[0]);

	expect(delivery.deliveries.at(-1)!.status).toBe(200);
	const warning = await eventually(
		() =>
			cluster.webhooks
				.map(logOf)
				.join('\n')
				.split('\n')
				.find((line) => line.includes(`${worker.url}/webhook-waiting/${waiting.id}/`)),
		Boolean,
		10_000,
	);
	expect(warning).toContain('Levers Trigger');
	expect(warning).toContain(`${cluster.publicUrl}/webhook-waiting/`);
	expect(warning).toContain('WEBHOOK_URL');
	expect(warning).not.toContain('signature=');
	expect((await rest.executionsOf(BRANCH_WORKFLOW_ID))[0]).toMatchObject({
		id: waiting.id,
		status: 'waiting',
	});
	await worker.stop();
}, 180_000);
