import { LeversSandbox } from '../sandbox/levers-sandbox';
import {
	ACCESS_TOKEN,
	MainRest,
	campaignNumbers,
	eventually,
	outputOf,
	readCluster,
	runCampaign,
} from './cluster';
import { executionsRunBy } from './queue-process';
import { CAMPAIGN_PATH, RETRY_PATH } from './workflows';

/**
 * Check 5: on a worker, neither Retry On Fail (the node run again) nor n8n's Retry of a failed execution
 * (from the editor's execution list) dials anyone twice.
 */
const cluster = readCluster();
const rest = new MainRest(cluster.main.url, cluster.cookie);
const refused = { status: 400, body: { detail: 'try again' } };
let sandbox: LeversSandbox;

const acceptedNumbers = () => sandbox.acceptedCalls().map((call) => String(call.body.numberToCall));
const ranOnWorker = (executionId: string) =>
	cluster.workers.flatMap(executionsRunBy).includes(executionId);

beforeAll(async () => {
	sandbox = await LeversSandbox.start({ port: cluster.sandboxPort, accessTokens: [ACCESS_TOKEN] });
});

afterAll(async () => {
	await sandbox?.close();
});

beforeEach(() => sandbox.reset());

test('Retry On Fail on a worker: the refused number is sent again, the placed ones are not', async () => {
	const numbers = campaignNumbers(20_000, 20);
	sandbox.scriptFor(numbers[7], refused);

	const { summary } = await runCampaign(cluster, RETRY_PATH, 20_000, 20);

	expect(summary).toEqual({
		executionId: expect.any(String),
		items: 20,
		outcomes: { placed: 20 },
	});
	expect(ranOnWorker(summary!.executionId)).toBe(true);
	expect(acceptedNumbers().sort()).toEqual(numbers);
	const requestsFor = (number: string) =>
		sandbox
			.callRequests()
			.filter((request) => (request.json as { numberToCall?: string }).numberToCall === number);
	expect(requestsFor(numbers[7]).map((request) => request.status)).toEqual([400, 201]);
	expect(sandbox.callRequests().filter((request) => request.status === 201)).toHaveLength(20);
});

test("n8n's Retry of the failed execution on a worker: only the numbers not placed before are called", async () => {
	const numbers = campaignNumbers(30_000, 30);
	sandbox.scriptFor(numbers[12], refused);

	const failedRun = await runCampaign(cluster, CAMPAIGN_PATH, 30_000, 30);

	expect(failedRun.status).toBeGreaterThanOrEqual(500);
	const [failed] = await rest.executionsOf('LeversQueueCamp01');
	expect(failed.status).toBe('error');
	const placedFirst = acceptedNumbers();
	expect(placedFirst).not.toContain(numbers[12]);
	expect(new Set(placedFirst).size).toBe(placedFirst.length);

	await rest.call(`/executions/${failed.id}/retry`, {
		method: 'POST',
		body: JSON.stringify({ loadWorkflow: false }),
	});
	const retried = await eventually(
		async () =>
			(await rest.executionsOf('LeversQueueCamp01')).find(
				(execution) => execution.retryOf === failed.id,
			),
		(execution) => execution !== undefined && !['new', 'running'].includes(execution.status),
	);

	expect(retried?.status).toBe('success');
	expect(ranOnWorker(retried!.id)).toBe(true);
	expect(acceptedNumbers().sort()).toEqual(numbers);
	const [summary] = outputOf(await rest.runData(retried!.id), 'Summary');
	expect(summary).toMatchObject({ items: 30, outcomes: { placed: 30 } });
});
