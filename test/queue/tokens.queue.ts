import { LeversSandbox } from '../sandbox/levers-sandbox';
import { CLIENT, campaignNumbers, readCluster, runCampaign } from './cluster';
import { CLIENT_CAMPAIGN_PATH } from './workflows';

/**
 * Check 6: the Client ID and Secret credential on two workers. Twenty executions at once cost at most one
 * token exchange each; a token that expires in the middle of a run is renewed without a failed item.
 */
const cluster = readCluster();
let sandbox: LeversSandbox;

const acceptedNumbers = () => sandbox.acceptedCalls().map((call) => String(call.body.numberToCall));

beforeAll(async () => {
	sandbox = await LeversSandbox.start({ port: cluster.sandboxPort, clients: [CLIENT] });
});

afterAll(async () => {
	await sandbox?.close();
});

beforeEach(() => sandbox.reset());

test('twenty executions at once on two workers: at most one token exchange per execution', async () => {
	sandbox.setLatency(20);

	const runs = await Promise.all(
		Array.from({ length: 20 }, (_, index) =>
			runCampaign(cluster, CLIENT_CAMPAIGN_PATH, 40_000 + index * 10, 10),
		),
	);

	expect(runs.map((run) => run.summary?.outcomes)).toEqual(Array(20).fill({ placed: 10 }));
	expect(acceptedNumbers().sort()).toEqual(campaignNumbers(40_000, 200));
	const exchanges = sandbox.tokenExchanges();
	expect(exchanges.length).toBeGreaterThanOrEqual(1);
	expect(exchanges.length).toBeLessThanOrEqual(20);
	const issuedBearers = new Set(
		sandbox
			.callRequests()
			.filter((request) => request.status === 201)
			.map((request) => request.headers.authorization),
	);
	expect(issuedBearers.size).toBeLessThanOrEqual(exchanges.length);
});

test('a token that expires mid-run is renewed: every number placed once, no failed item', async () => {
	sandbox.setLatency(20);
	const done = runCampaign(cluster, CLIENT_CAMPAIGN_PATH, 50_000, 200);
	// Expired once about a quarter of the calls are out: every later request with the old token gets 401.
	await new Promise<void>((resolve) => {
		const poll = setInterval(() => {
			if (sandbox.acceptedCalls().length < 50) return;
			clearInterval(poll);
			resolve();
		}, 5);
	});
	const exchangesBefore = sandbox.tokenExchanges().length;
	sandbox.expireIssuedTokens();

	const { summary } = await done;

	expect(summary).toMatchObject({ items: 200, outcomes: { placed: 200 } });
	expect(acceptedNumbers().sort()).toEqual(campaignNumbers(50_000, 200));
	expect(sandbox.callRequests().filter((request) => request.status === 401).length).toBeGreaterThan(
		0,
	);
	expect(sandbox.tokenExchanges().length).toBeGreaterThan(exchangesBefore);
});
