import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runWorkflow } from './harness';
import type { StoredCredential } from './harness';
import {
	ACCESS_TOKEN,
	CLIENT,
	NODE_NAME,
	accessTokenCredential,
	clientCredential,
	leversCallNode,
	runLeversCall,
	useSandbox,
	visibleText,
} from './levers-support';
import { LeversSandbox, tooManyRequests } from './sandbox/levers-sandbox';

/** Levers Call at scale (issue 7): the Options collection and the outcome of every item. */
const sandbox = useSandbox();

const PARAMETERS = { numberToCall: '={{ $json.phone }}' };
const phones = (count: number, from = 0) =>
	Array.from({ length: count }, (_, index) => ({
		phone: `+9661234${String(from + index).padStart(4, '0')}`,
	}));
const dialled = (box = sandbox()) =>
	box.callRequests().map((request) => (request.json as { numberToCall: string }).numberToCall);
const outcomes = (items: INodeExecutionData[]) => items.map((item) => item.json.outcome);

async function run(
	items: Array<Record<string, unknown>>,
	options: INodeParameters = {},
	continueOnFail = true,
) {
	return await runLeversCall({
		parameters: { ...PARAMETERS, options },
		credential: accessTokenCredential(sandbox()),
		items,
		continueOnFail,
	});
}

test('at concurrency 5 every item is placed once and output keeps input order and pairing, whatever order answers come in', async () => {
	const items = phones(12);
	// The earliest items answer last.
	items
		.slice(0, 6)
		.forEach(({ phone }, index) =>
			sandbox().scriptFor(phone, { status: 201, body: { n: index }, delayMs: 300 - index * 40 }),
		);

	const result = await run(items, { concurrency: 5 });

	const output = result.output(NODE_NAME);
	expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
	expect(
		output.map((item) => (item.json.request as { numberToCall: string }).numberToCall),
	).toEqual(items.map((item) => item.phone));
	expect(outcomes(output)).toEqual(items.map(() => 'placed'));
	expect(output.map((item) => item.json.success)).toEqual(items.map(() => true));
	expect(dialled().sort()).toEqual(items.map((item) => item.phone).sort());
	// The answers really came back out of order.
	expect(sandbox().callRequests()[0].json).toEqual({ numberToCall: items[0].phone });
	expect(output[0].json.response).toEqual({ n: 0 });
});

test('a 429 places nothing: the item is sent again after Retry-After and placed once', async () => {
	const [item] = phones(1);
	sandbox().scriptFor(item.phone, tooManyRequests(0), tooManyRequests());

	const result = await run([item]);

	const [output] = result.output(NODE_NAME);
	expect(output.json).toMatchObject({
		outcome: 'placed',
		success: true,
		statusCode: 201,
		attempts: 3,
	});
	expect(
		sandbox()
			.callRequests()
			.map((request) => request.status),
	).toEqual([429, 429, 201]);
	expect(sandbox().acceptedCalls()).toHaveLength(1);
});

test('Retry-After as an HTTP date is honoured too', async () => {
	const [item] = phones(1);
	sandbox().scriptFor(item.phone, tooManyRequests(new Date(Date.now() + 1000).toUTCString()));

	const result = await run([item]);

	expect(result.output(NODE_NAME)[0].json).toMatchObject({ outcome: 'placed', attempts: 2 });
});

test('after Rate Limit Attempts the item fails clearly, with nothing placed', async () => {
	const [item] = phones(1);
	sandbox().scriptFor(item.phone, tooManyRequests(0), tooManyRequests(0), tooManyRequests(0));

	const result = await run([item], { rateLimitAttempts: 2 });

	const [output] = result.output(NODE_NAME);
	expect(output.json).toMatchObject({
		outcome: 'failed',
		success: false,
		statusCode: 429,
		attempts: 2,
		error: 'Levers is limiting how fast calls can be placed (HTTP 429) [item 0]',
	});
	expect(output.json.description).toContain('Tried 2 time(s)');
	expect(sandbox().callRequests()).toHaveLength(2);
	expect(sandbox().acceptedCalls()).toHaveLength(0);
});

test('a 5xx after the request arrived is "unknown" and never sent again', async () => {
	const items = phones(3);
	sandbox().scriptFor(items[1].phone, { status: 503, body: { detail: 'busy' }, place: true });

	const result = await run(items, { concurrency: 2 });

	const output = result.output(NODE_NAME);
	expect(outcomes(output)).toEqual(['placed', 'unknown', 'placed']);
	expect(output[1].json).toMatchObject({
		success: false,
		statusCode: 503,
		attempts: 1,
		error: 'Levers could not process the call request (HTTP 503) [item 1]',
	});
	expect(output[1].json.description).toContain(
		'The call may have been placed: check the Levers app before running this item again.',
	);
	expect(dialled().filter((phone) => phone === items[1].phone)).toHaveLength(1);
});

test('a refused connection sent nothing: it is tried a few times, then the item fails', async () => {
	const credential = accessTokenCredential(sandbox());
	credential.data.baseUrl = 'http://127.0.0.1:1';

	const result = await runLeversCall({
		parameters: PARAMETERS,
		credential,
		items: phones(1),
		continueOnFail: true,
	});

	expect(result.output(NODE_NAME)[0].json).toMatchObject({
		outcome: 'failed',
		attempts: 3,
		error: 'Could not reach Levers at http://127.0.0.1:1 (ECONNREFUSED) [item 0]',
	});
});

test('Max Calls per Minute spaces the starts of all workers', async () => {
	const started: number[] = [];
	const box = await LeversSandbox.start({
		accessTokens: [ACCESS_TOKEN],
		onCallAccepted: () => started.push(Date.now()),
	});
	try {
		const credential: StoredCredential = { ...accessTokenCredential(box) };
		const result = await runLeversCall({
			parameters: { ...PARAMETERS, options: { concurrency: 4, callsPerMinute: 600 } },
			credential,
			items: phones(6),
		});
		expect(outcomes(result.output(NODE_NAME))).toEqual(Array(6).fill('placed'));
		// 600 per minute: 100 ms between starts, so the six span 500 ms, less the first request's extra
		// latency (a new socket; 75 ms seen on a loaded machine); unpaced, they arrive within a few ms.
		expect(started).toHaveLength(6);
		expect(started[5] - started[0]).toBeGreaterThanOrEqual(400);
	} finally {
		await box.close();
	}
});

test('Dry Run checks every item and returns the exact request, sending nothing', async () => {
	const items = [...phones(2), { phone: '0501234567' }];

	const result = await run(items, { dryRun: true });

	const output = result.output(NODE_NAME);
	expect(output[0].json).toEqual({
		outcome: 'dryRun',
		success: false,
		method: 'POST',
		url: `${sandbox().url}/api-service/v1/ai/phone-calls/action/call`,
		request: { numberToCall: items[0].phone },
	});
	expect(output[2].json).toMatchObject({ outcome: 'failed', field: 'numberToCall' });
	expect(sandbox().requests).toHaveLength(0);
});

test('Skip Repeated Numbers: a number already called is not called again, and its item names the caller', async () => {
	const items = [
		{ phone: '+966 12341 0001' },
		{ phone: '+96612341002' },
		{ phone: '+966123410001' },
	];

	const result = await run(items, { skipDuplicates: true });

	const output = result.output(NODE_NAME);
	expect(outcomes(output)).toEqual(['placed', 'placed', 'skipped']);
	expect(output[2].json).toMatchObject({
		success: false,
		duplicateOf: 0,
		reason: expect.stringContaining('item 0'),
	});
	expect(dialled()).toEqual(['+966123410001', '+96612341002']);
});

test('Skip Repeated Numbers: when the first try of a number failed, the next item with it is sent', async () => {
	const items = [{ phone: '+966123410001' }, { phone: '+966123410001' }];
	sandbox().scriptFor('+966123410001', { status: 400, body: { detail: 'no' } });

	const result = await run(items, { skipDuplicates: true });

	expect(outcomes(result.output(NODE_NAME))).toEqual(['failed', 'placed']);
	expect(sandbox().acceptedCalls()).toHaveLength(1);
});

test('without Skip Repeated Numbers a repeated number is called each time, as before', async () => {
	const result = await run([{ phone: '+966123410001' }, { phone: '+966123410001' }]);
	expect(outcomes(result.output(NODE_NAME))).toEqual(['placed', 'placed']);
});

test('Continue (using error output): failed and unknown items leave on the error output, paired', async () => {
	const items = [...phones(2), { phone: 'not a number' }, ...phones(1, 9)];
	sandbox().scriptFor(items[1].phone, { status: 502, place: true });
	const node = leversCallNode(
		{ ...PARAMETERS, options: { concurrency: 3 } },
		accessTokenCredential(sandbox()),
		{
			onError: 'continueErrorOutput',
		},
	);

	const result = await runWorkflow({
		nodes: [node],
		inputItems: items.map((json) => ({ json })),
		credentials: [accessTokenCredential(sandbox())],
	});

	const [main, errors] = result.runData[NODE_NAME][0].data!.main;
	expect(main!.map((item) => [item.pairedItem, item.json.outcome])).toEqual([
		[{ item: 0 }, 'placed'],
		[{ item: 3 }, 'placed'],
	]);
	expect(
		errors!.map((item) => [item.pairedItem, (item.json.details as IDataObject).outcome]),
	).toEqual([
		[{ item: 1 }, 'unknown'],
		[{ item: 2 }, 'failed'],
	]);
	// n8n's error shape: the message as `error`, what happened under `details`, beside the input item's fields.
	expect(errors![1].json).toMatchObject({
		error: expect.stringMatching(/^numberToCall: "not a number" .* \[item 2\]$/),
		details: { outcome: 'failed', field: 'numberToCall', success: false },
	});
});

test('without Continue On Fail: in-flight calls finish, no new one starts, and the error counts who was called', async () => {
	const items = phones(8);
	sandbox().scriptFor(items[2].phone, { status: 400, body: { detail: 'rejected' } });
	items
		.slice(0, 2)
		.forEach(({ phone }) => sandbox().scriptFor(phone, { status: 201, delayMs: 200 }));

	const result = await run(items, { concurrency: 3 }, false);

	expect(result.status).toBe('error');
	const error = result.nodeError(NODE_NAME) as Error & { description?: string };
	expect(error.message).toBe('Levers rejected the call request (HTTP 400) [item 2]');
	const called = sandbox().acceptedCalls().length;
	expect(error.description).toContain(`${called} other call(s) of this run were placed`);
	// Items 0 and 1 were in flight and finished; after the failure no new item started.
	expect(called).toBeGreaterThanOrEqual(2);
	expect(sandbox().callRequests().length).toBeLessThan(items.length);
});

test('Allowed Number Prefixes refuses any other number before anything is sent', async () => {
	const items = [{ phone: '+966 5 1234 5678' }, { phone: '+4915112345678' }];

	const result = await run(items, { allowedNumberPrefixes: '+9665, +1415' });

	const output = result.output(NODE_NAME);
	expect(outcomes(output)).toEqual(['placed', 'failed']);
	expect(output[1].json).toMatchObject({
		field: 'numberToCall',
		error:
			'"+4915112345678" is not allowed: it is outside Allowed Number Prefixes (+9665, +1415) — this node only calls numbers starting with one of them [item 1]'.replace(
				/^/,
				'numberToCall: ',
			),
	});
	expect(dialled()).toEqual(['+966512345678']);
});

test('Max Calls per Execution refuses calls past the limit, and a refused call does not count', async () => {
	const items = phones(4);
	sandbox().scriptFor(items[0].phone, { status: 400 });

	const result = await run(items, { maxCallsPerExecution: 2, concurrency: 1 });

	const output = result.output(NODE_NAME);
	expect(outcomes(output)).toEqual(['failed', 'placed', 'placed', 'failed']);
	expect(output[3].json).toMatchObject({ field: 'options.maxCallsPerExecution' });
	expect(output[3].json.error).toContain('Max Calls per Execution is 2');
	expect(sandbox().acceptedCalls()).toHaveLength(2);
});

test('a bad option stops the run with a message naming it, before anything is sent', async () => {
	const result = await run(phones(2), { concurrency: 0 }, true);

	expect(result.status).toBe('error');
	expect(result.nodeError(NODE_NAME)?.message).toBe(
		'options.concurrency: must be at least 1 [item 0]',
	);
	expect(sandbox().requests).toHaveLength(0);
});

test('options work from expressions', async () => {
	const result = await runLeversCall({
		parameters: {
			...PARAMETERS,
			options: { dryRun: '={{ $json.rehearsal }}', concurrency: '={{ 2 }}' },
		},
		credential: accessTokenCredential(sandbox()),
		items: [{ ...phones(1)[0], rehearsal: true }],
	});
	expect(outcomes(result.output(NODE_NAME))).toEqual(['dryRun']);
	expect(sandbox().requests).toHaveLength(0);
});

describe('Client ID and Secret at concurrency', () => {
	let box: LeversSandbox;
	let onAccepted: () => void = () => {};
	beforeAll(async () => {
		box = await LeversSandbox.start({ clients: [CLIENT], onCallAccepted: () => onAccepted() });
	});
	afterAll(async () => await box.close());
	beforeEach(() => {
		box.reset();
		onAccepted = () => {};
	});

	const runAt = async (credential: StoredCredential, count: number) =>
		await runLeversCall({
			parameters: { ...PARAMETERS, options: { concurrency: 10 } },
			credential,
			items: phones(count),
		});

	test('a fresh run costs one token exchange: the first request goes alone, then the rest fan out', async () => {
		const result = await runAt(clientCredential(box), 40);

		expect(outcomes(result.output(NODE_NAME)).every((outcome) => outcome === 'placed')).toBe(true);
		expect(box.tokenExchanges()).toHaveLength(1);
		expect(new Set(dialled(box)).size).toBe(40);
	});

	test('a token expiring mid-run is renewed once for all requests in flight; each contact placed once', async () => {
		const credential = clientCredential(box);
		let accepted = 0;
		onAccepted = () => {
			if (++accepted === 5) box.expireIssuedTokens();
		};

		const result = await runAt(credential, 40);

		expect(outcomes(result.output(NODE_NAME)).every((outcome) => outcome === 'placed')).toBe(true);
		expect(box.tokenExchanges()).toHaveLength(2);
		expect(box.acceptedCalls()).toHaveLength(40);
		expect(new Set(box.acceptedCalls().map((call) => call.body.numberToCall)).size).toBe(40);
		expect(visibleText(result)).not.toContain(CLIENT.clientSecret);
		expect(visibleText(result)).not.toContain(String(credential.data.sessionToken));
	});
});

test('cancelling the execution ends a rate-limit wait at once: nothing more is sent', async () => {
	const [item] = phones(1);
	// Levers asks for a minute; the execution is stopped after a moment.
	sandbox().scriptFor(item.phone, tooManyRequests(60));
	const credential = accessTokenCredential(sandbox());

	const result = await runWorkflow({
		nodes: [leversCallNode(PARAMETERS, credential)],
		inputItems: [{ json: item }],
		credentials: [credential],
		cancelAfterMs: 300,
	});

	expect(result.status).toBe('canceled');
	expect(sandbox().callRequests()).toHaveLength(1);
	expect(sandbox().acceptedCalls()).toHaveLength(0);
});
