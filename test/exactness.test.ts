import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { NODE_NAME, accessTokenCredential, runLeversCall, useSandbox } from './levers-support';
import { tooManyRequests } from './sandbox/levers-sandbox';

/** The three holes of issue 14, each as it was measured in a real n8n. */
const sandbox = useSandbox();

const REPEATED = '+966500000001';
const OTHER = '+966500000002';
const PARAMETERS = { numberToCall: '={{ $json.phone }}' };
const outcomes = (items: INodeExecutionData[]) => items.map((item) => item.json.outcome);
const requestsFor = (phone: string) =>
	sandbox()
		.callRequests()
		.filter((request) => (request.json as { numberToCall: string }).numberToCall === phone);
const placedFor = (phone: string) =>
	sandbox()
		.acceptedCalls()
		.filter((call) => call.body.numberToCall === phone);

async function run(phones: string[], options: INodeParameters, continueOnFail = true) {
	return await runLeversCall({
		parameters: { ...PARAMETERS, options },
		credential: accessTokenCredential(sandbox()),
		items: phones.map((phone) => ({ phone })),
		continueOnFail,
	});
}

describe('Skip Repeated Numbers after a try that placed nothing', () => {
	test('exactly one next item with the number is sent; the others wait for it and are skipped', async () => {
		sandbox().scriptFor(REPEATED, { status: 422, body: { detail: 'refused' }, delayMs: 100 });

		const result = await run([REPEATED, REPEATED, REPEATED, OTHER], {
			concurrency: 5,
			skipDuplicates: true,
		});

		const output = result.output(NODE_NAME);
		expect(outcomes(output)).toEqual(['failed', 'placed', 'skipped', 'placed']);
		expect(output[2].json).toMatchObject({ duplicateOf: 1 });
		expect(requestsFor(REPEATED)).toHaveLength(2);
		expect(placedFor(REPEATED)).toHaveLength(1);
	});

	test('each failure hands the number to the next item in input order, and a placed call ends the chain', async () => {
		sandbox().scriptFor(
			REPEATED,
			{ status: 422, body: { detail: 'refused' }, delayMs: 60 },
			{ status: 400, body: { detail: 'refused' }, delayMs: 60 },
		);

		const result = await run([REPEATED, REPEATED, OTHER, REPEATED, REPEATED], {
			concurrency: 5,
			skipDuplicates: true,
		});

		const output = result.output(NODE_NAME);
		expect(outcomes(output)).toEqual(['failed', 'failed', 'placed', 'placed', 'skipped']);
		expect(output[4].json).toMatchObject({ duplicateOf: 3 });
		expect(requestsFor(REPEATED)).toHaveLength(3);
		expect(placedFor(REPEATED)).toHaveLength(1);
	});

	test('a number whose first try may have been placed (5xx) is never sent again', async () => {
		sandbox().scriptFor(REPEATED, { status: 503, body: { detail: 'busy' }, delayMs: 60 });

		const result = await run([REPEATED, REPEATED, REPEATED], {
			concurrency: 3,
			skipDuplicates: true,
		});

		expect(outcomes(result.output(NODE_NAME))).toEqual(['unknown', 'skipped', 'skipped']);
		expect(requestsFor(REPEATED)).toHaveLength(1);
	});

	test('without Continue On Fail, items waiting on the failed number are not sent after the run stopped', async () => {
		sandbox().scriptFor(REPEATED, { status: 422, body: { detail: 'refused' }, delayMs: 100 });

		const result = await run(
			[REPEATED, REPEATED, REPEATED, OTHER],
			{ concurrency: 5, skipDuplicates: true },
			false,
		);

		expect(result.status).toBe('error');
		expect(result.nodeError(NODE_NAME)?.message).toMatch(/\[item 0\]$/);
		expect(requestsFor(REPEATED)).toHaveLength(1);
	});
});

test('without Continue On Fail, a request waiting out a 429 is not sent again once the run has stopped', async () => {
	sandbox().scriptFor(REPEATED, { status: 422, body: { detail: 'refused' }, delayMs: 150 });
	sandbox().scriptFor(OTHER, tooManyRequests(0.4), { status: 201 });

	const result = await run([REPEATED, OTHER], { concurrency: 2 }, false);

	expect(result.status).toBe('error');
	expect(result.nodeError(NODE_NAME)?.message).toMatch(/\[item 0\]$/);
	// The 429 placed nothing and its repeat was due after the stop: the number was never called.
	expect(requestsFor(OTHER)).toHaveLength(1);
	expect(placedFor(OTHER)).toHaveLength(0);
});

describe('Options → Timeout goes through the options schema', () => {
	test.each([
		['-5', '={{ -5 }}', 'must be at least 1000 milliseconds'],
		['text', '={{ "abc" }}', 'must be a number from 1000 to 3600000 milliseconds'],
		['zero', 0, 'must be at least 1000 milliseconds'],
		['huge (would overflow the timer)', 1e12, 'must be at most 3600000 milliseconds'],
		['an object', '={{ { ms: 5000 } }}', 'must be a number from 1000 to 3600000 milliseconds'],
	])(
		'%s: the item fails at once, naming the option, and nothing is sent',
		async (_, timeout, problem) => {
			const started = Date.now();

			const result = await run([REPEATED, OTHER], { timeout });

			const output = result.output(NODE_NAME);
			expect(outcomes(output)).toEqual(['failed', 'failed']);
			expect(output[1].json).toMatchObject({
				field: 'options.timeout',
				error: `options.timeout: ${problem} [item 1]`,
			});
			expect(sandbox().requests).toHaveLength(0);
			expect(Date.now() - started).toBeLessThan(10_000);
		},
	);

	test('read per item: a bad timeout fails its own item only', async () => {
		const result = await runLeversCall({
			parameters: { ...PARAMETERS, options: { timeout: '={{ $json.timeout }}' } },
			credential: accessTokenCredential(sandbox()),
			items: [
				{ phone: REPEATED, timeout: 5000 },
				{ phone: OTHER, timeout: -5 },
			],
			continueOnFail: true,
		});

		expect(outcomes(result.output(NODE_NAME))).toEqual(['placed', 'failed']);
		expect(requestsFor(OTHER)).toHaveLength(0);
	});

	test('without Continue On Fail a bad timeout stops the run before anyone is called', async () => {
		const result = await run([REPEATED, OTHER], { timeout: '={{ -5 }}' }, false);

		expect(result.status).toBe('error');
		expect(result.nodeError(NODE_NAME)?.message).toBe(
			'options.timeout: must be at least 1000 milliseconds [item 0]',
		);
		expect(sandbox().requests).toHaveLength(0);
	});
});

describe('Dry Run shows what a real run would do', () => {
	test('repeated numbers come out skipped, naming the item that would call them', async () => {
		const result = await run([REPEATED, OTHER, REPEATED], { dryRun: true, skipDuplicates: true });

		const output = result.output(NODE_NAME);
		expect(outcomes(output)).toEqual(['dryRun', 'dryRun', 'skipped']);
		expect(output[2].json).toMatchObject({ duplicateOf: 0 });
		expect(sandbox().requests).toHaveLength(0);
	});

	test('calls past Max Calls per Execution come out refused, as a real run would refuse them', async () => {
		const result = await run([REPEATED, OTHER, '+966500000003'], {
			dryRun: true,
			maxCallsPerExecution: 2,
		});

		const output = result.output(NODE_NAME);
		expect(outcomes(output)).toEqual(['dryRun', 'dryRun', 'failed']);
		expect(output[2].json).toMatchObject({ field: 'options.maxCallsPerExecution' });
		expect(sandbox().requests).toHaveLength(0);
	});
});
