import { NODE_NAME, accessTokenCredential, runLeversCall, useSandbox } from './levers-support';

/**
 * After a 429 pause, requests go again in the order they were first limited. Levers' burst can be smaller
 * than the node's Concurrency: then only some of the requests that resume together get through. Before,
 * the request that got the latest 429 set the longest pause, woke last and lost again, round after round,
 * until it used up its Rate Limit Attempts while the others were placed.
 */
const sandbox = useSandbox();

test('a burst smaller than Concurrency is shared in turn: every item placed, none starved', async () => {
	// Two calls a second get through (a burst of 2, Retry-After 1 s) while eight are sent at once.
	sandbox().setRateLimit({ perSecond: 40, burst: 2, retryAfter: 'seconds' });
	const items = Array.from({ length: 16 }, (_, index) => ({
		phone: `+9665771${String(index).padStart(5, '0')}`,
	}));

	const result = await runLeversCall({
		parameters: {
			numberToCall: '={{ $json.phone }}',
			options: { concurrency: 8, rateLimitAttempts: 7 },
		},
		credential: accessTokenCredential(sandbox()),
		items,
		continueOnFail: true,
	});

	const output = result.output(NODE_NAME);
	expect(output.map((item) => item.json.outcome)).toEqual(Array(16).fill('placed'));
	expect(sandbox().acceptedCalls()).toHaveLength(16);
	// In turn, a request waits behind at most the other 7 limited before it, two a second: 5 tries at most,
	// one more where the machine's load swaps two of them. Starved, one took 6 or 7 (3 runs in 4).
	expect(Math.max(...output.map((item) => Number(item.json.attempts)))).toBeLessThanOrEqual(6);
}, 30_000);
