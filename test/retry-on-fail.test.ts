import { runWorkflow } from './harness';
import {
	ACCESS_TOKEN,
	NODE_NAME,
	accessTokenCredential,
	leversCallNode,
	useSandbox,
	visibleText,
} from './levers-support';

/**
 * n8n's own Retry On Fail runs the whole node again, with every item. The node remembers (in the execution)
 * what an earlier try placed or may have placed, so a retry never dials anyone twice. These run the engine's
 * real retry loop (WorkflowExecute, `retryOnFail: true`).
 */
const sandbox = useSandbox();

const PARAMETERS = { numberToCall: '={{ $json.phone }}' };
const phones = (count: number) =>
	Array.from({ length: count }, (_, index) => ({
		phone: `+96655500${String(index).padStart(4, '0')}`,
	}));

async function runWithRetries(items: Array<{ phone: string }>, onError?: 'continueRegularOutput') {
	const credential = accessTokenCredential(sandbox());
	const node = leversCallNode(PARAMETERS, credential, {
		retryOnFail: true,
		maxTries: 3,
		waitBetweenTries: 10,
		...(onError ? { onError } : {}),
	});
	return await runWorkflow({
		nodes: [node],
		inputItems: items.map((json) => ({ json })),
		credentials: [credential],
	});
}

const acceptedNumbers = () =>
	sandbox()
		.acceptedCalls()
		.map((call) => call.body.numberToCall);
const requestsFor = (phone: string) =>
	sandbox()
		.callRequests()
		.filter((request) => (request.json as { numberToCall: string }).numberToCall === phone);

test('5 items, the 3rd fails on the first try: the retry sends only what was not placed, nobody twice', async () => {
	const items = phones(5);
	sandbox().scriptFor(items[2].phone, { status: 400, body: { detail: 'try later' } });

	const result = await runWithRetries(items);

	expect(result.status).toBe('success');
	expect(requestsFor(items[0].phone)).toHaveLength(1);
	expect(requestsFor(items[1].phone)).toHaveLength(1);
	expect(requestsFor(items[2].phone).map((request) => request.status)).toEqual([400, 201]);
	expect(acceptedNumbers().sort()).toEqual(items.map((item) => item.phone).sort());
	const output = result.output(NODE_NAME);
	expect(output.map((item) => item.json.outcome)).toEqual([
		'placed',
		'placed',
		'placed',
		'placed',
		'placed',
	]);
	// What the first try placed is reported again, and says why it was not sent.
	expect(output[0].json.note).toContain('earlier try');
	expect(output[2].json.note).toBeUndefined();
});

test('a bad first row with Continue On Fail makes n8n retry the node: every good row is still dialled once', async () => {
	// n8n retries whenever the first output item carries `error` (measured: 3 tries dialled everyone 3 times).
	const items = [{ phone: 'not a number' }, ...phones(3)];

	const result = await runWithRetries(items, 'continueRegularOutput');

	expect(result.status).toBe('success');
	expect(sandbox().callRequests()).toHaveLength(3);
	expect(acceptedNumbers()).toEqual(items.slice(1).map((item) => item.phone));
	expect(result.output(NODE_NAME).map((item) => item.json.outcome)).toEqual([
		'failed',
		'placed',
		'placed',
		'placed',
	]);
});

test('an "unknown" item is never sent again by a retry; it keeps its outcome and the reason', async () => {
	const items = phones(3);
	sandbox().scriptFor(items[1].phone, { status: 500, place: true });

	const result = await runWithRetries(items);

	// Without Continue On Fail the unknown item fails the node each try; after the last one the run fails.
	expect(result.status).toBe('error');
	expect(requestsFor(items[1].phone)).toHaveLength(1);
	expect(sandbox().callRequests()).toHaveLength(3);
	expect(result.nodeError(NODE_NAME)?.message).toBe(
		'Levers could not process the call request (HTTP 500) [item 1]',
	);
	expect(visibleText(result)).not.toContain(ACCESS_TOKEN);
});
