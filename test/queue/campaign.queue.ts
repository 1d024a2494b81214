import { LeversSandbox } from '../sandbox/levers-sandbox';
import { ACCESS_TOKEN, campaignNumbers, readCluster, runCampaign } from './cluster';
import type { CampaignSummary } from './cluster';
import { executionsRunBy } from './queue-process';
import { CAMPAIGN_PATH } from './workflows';

/**
 * Check 1: campaigns started by a webhook run on the workers: every number placed once, in one big
 * execution and in twenty at once spread over both workers.
 */
const cluster = readCluster();
let sandbox: LeversSandbox;

/** The campaign's summary, once the execution has finished on a worker. */
async function campaign(first: number, count: number): Promise<CampaignSummary> {
	const { status, summary, body } = await runCampaign(cluster, CAMPAIGN_PATH, first, count);
	if (!summary) throw new Error(`campaign: ${status} ${body}`);
	return summary;
}

const placedNumbers = () => sandbox.acceptedCalls().map((call) => String(call.body.numberToCall));

beforeAll(async () => {
	sandbox = await LeversSandbox.start({ port: cluster.sandboxPort, accessTokens: [ACCESS_TOKEN] });
});

afterAll(async () => {
	await sandbox?.close();
});

test('1,000 calls at Concurrency 10 in one webhook-started execution: run by one worker, each number once', async () => {
	const summary = await campaign(0, 1000);

	expect(summary).toEqual({
		executionId: expect.any(String),
		items: 1000,
		outcomes: { placed: 1000 },
	});
	expect(placedNumbers().sort()).toEqual(campaignNumbers(0, 1000));
	expect(sandbox.callRequests().map((request) => request.status)).toEqual(Array(1000).fill(201));
	const ranBy = cluster.workers.filter((worker) =>
		executionsRunBy(worker).includes(summary.executionId),
	);
	expect(ranBy.map((worker) => worker.label)).toHaveLength(1);
}, 300_000);

test('twenty executions of 50 calls at once: spread over both workers, 1,000 numbers each placed once', async () => {
	sandbox.reset();
	// Latency as a real API has, so that the executions overlap and both workers take some.
	sandbox.setLatency(50);

	const summaries = await Promise.all(
		Array.from({ length: 20 }, (_, index) => campaign(10_000 + index * 50, 50)),
	);

	expect(summaries.map((summary) => [summary.items, summary.outcomes])).toEqual(
		Array(20).fill([50, { placed: 50 }]),
	);
	const ids = summaries.map((summary) => summary.executionId);
	expect(new Set(ids).size).toBe(20);
	expect(placedNumbers().sort()).toEqual(campaignNumbers(10_000, 1000));
	const perWorker = cluster.workers.map(
		(worker) => executionsRunBy(worker).filter((id) => ids.includes(id)).length,
	);
	expect(perWorker.reduce((sum, count) => sum + count, 0)).toBe(20);
	expect(Math.min(...perWorker)).toBeGreaterThan(0);
}, 300_000);
