import { createServer } from 'node:net';

import {
	ACCESS_TOKEN,
	NODE_NAME,
	accessTokenCredential,
	runLeversCall,
	useSandbox,
	visibleText,
} from './levers-support';

/** Each way Levers (or the network) can fail becomes one readable error, and never shows the token. */
const sandbox = useSandbox();

const CALL = { numberToCall: '+96612341234' };

async function failingCall(options: { timeout?: number; rateLimitMaxWait?: number } = {}) {
	const result = await runLeversCall({
		parameters: { ...CALL, options },
		credential: accessTokenCredential(sandbox()),
	});
	expect(result.status).toBe('error');
	expect(visibleText(result)).not.toContain(ACCESS_TOKEN);
	return result.nodeError(NODE_NAME) as Error & { description?: string; httpCode?: string };
}

test.each([
	[
		403,
		'Levers refused access with these credentials (HTTP 403) [item 0]',
		'Check the Levers API credential',
	],
	[
		404,
		'Levers found nothing at this address (HTTP 404) [item 0]',
		'the host only, e.g. https://api.dev.uselevers.com',
	],
	[
		400,
		'Levers rejected the call request (HTTP 400) [item 0]',
		'No call was placed for this item.',
	],
	[
		500,
		'Levers could not process the call request (HTTP 500) [item 0]',
		'The call may have been placed',
	],
	[
		503,
		'Levers could not process the call request (HTTP 503) [item 0]',
		'check the Levers app before running this item again',
	],
])('HTTP %i explains what happened and what to do', async (status, message, advice) => {
	sandbox().respondNext({ status, body: { detail: `sandbox says ${status}` } });

	const error = await failingCall();

	expect(error.message).toBe(message);
	expect(error.httpCode).toBe(String(status));
	expect(error.description).toContain(advice);
	expect(error.description).toContain(`Levers says: sandbox says ${status}`);
	expect(sandbox().callRequests()).toHaveLength(1); // reported, never retried
});

test('HTTP 401 with an access token: explained at once, as no new token can be fetched', async () => {
	// Only Client ID and Secret can renew a token (test/credentials.test.ts); a pasted token is simply refused.
	sandbox().respondNext({ status: 401, body: { detail: 'expired' } });

	const error = await failingCall();

	expect(error.message).toBe('Levers did not accept the credentials (HTTP 401) [item 0]');
	expect(error.httpCode).toBe('401');
	expect(error.description).toContain(
		'Check the Access Token of the Levers API credential: it may have expired (paste a new one).',
	);
	expect(error.description).not.toContain('Client ID');
	expect(sandbox().callRequests()).toHaveLength(1);
});

test('a 401 from the call endpoint is never answered by placing the call anyway', async () => {
	const result = await runLeversCall({
		parameters: CALL,
		credential: accessTokenCredential(sandbox(), 'a-token-levers-does-not-know'),
	});

	expect(result.nodeError(NODE_NAME)?.message).toBe(
		'Levers did not accept the credentials (HTTP 401) [item 0]',
	);
	expect(
		sandbox()
			.callRequests()
			.every((request) => request.status === 401),
	).toBe(true);
	expect(visibleText(result)).not.toContain('a-token-levers-does-not-know');
});

test('HTTP 422 lists each field Levers named, as "field: message" lines', async () => {
	sandbox().respondNext({
		status: 422,
		body: {
			detail: [
				{
					loc: ['body', 'numberToCall'],
					msg: 'value is not a valid phone number',
					type: 'value_error',
				},
				{ loc: ['body', 'promptTags', 'amount'], msg: 'str type expected', type: 'type_error.str' },
			],
		},
	});

	const error = await failingCall();

	expect(error.message).toBe('Levers rejected the call request (HTTP 422) [item 0]');
	expect(error.description).toContain(
		'Levers says: numberToCall: value is not a valid phone number\npromptTags.amount: str type expected',
	);
});

test("the sandbox's own 422 for a wrong type is shown the same way", async () => {
	// The node never sends a bad type itself, so the raw Levers answer is provoked through the sandbox queue.
	sandbox().respondNext({
		status: 422,
		body: {
			detail: [
				{
					loc: ['body', 'email'],
					msg: 'value is not a valid email address',
					type: 'value_error.email',
				},
			],
		},
	});
	const error = await failingCall();
	expect(error.description).toContain('email: value is not a valid email address');
});

test('HTTP 429 asking for a longer wait than Max Wait on Rate Limit fails at once and says so', async () => {
	sandbox().respondNext({
		status: 429,
		body: { detail: 'Too many requests' },
		headers: { 'retry-after': '30' },
	});

	const error = await failingCall({ rateLimitMaxWait: 10 });

	expect(error.message).toBe('Levers is limiting how fast calls can be placed (HTTP 429) [item 0]');
	expect(error.description).toContain('Levers asked to wait 30 s.');
	expect(error.description).toContain('No call was placed for this item.');
	expect(error.description).toContain('Max Wait on Rate Limit 10 s');
	expect(sandbox().callRequests()).toHaveLength(1);
});

test('a connection closed without an answer says the call may have been placed', async () => {
	sandbox().respondNext({ status: 201, destroySocket: true });

	const error = await failingCall();

	expect(error.message).toMatch(
		/^The connection to Levers closed before an answer \(\w+\) \[item 0\]$/,
	);
	expect(error.description).toContain('The call may have been placed');
});

test('no answer within the Timeout option says the call may have been placed', async () => {
	sandbox().respondNext({ status: 201, body: {}, delayMs: 3000 });

	const error = await failingCall({ timeout: 1000 });

	expect(error.message).toBe('Levers did not answer within 1 s [item 0]');
	expect(error.description).toContain('The call may have been placed');
});

test('an unreachable host says no call was placed and where it tried', async () => {
	// A port that was just free: nothing listens there.
	const port = await new Promise<number>((resolve) => {
		const probe = createServer().listen(0, '127.0.0.1', () => {
			const { port: free } = probe.address() as { port: number };
			probe.close(() => resolve(free));
		});
	});
	const credential = accessTokenCredential(sandbox());
	credential.data.baseUrl = `http://127.0.0.1:${port}`;

	const result = await runLeversCall({ parameters: CALL, credential });

	const error = result.nodeError(NODE_NAME) as Error & { description?: string };
	expect(error.message).toBe(
		`Could not reach Levers at http://127.0.0.1:${port} (ECONNREFUSED) [item 0]`,
	);
	expect(error.description).toContain('No call was placed for this item.');
});

test('a 201 with an empty body is a success with a null response', async () => {
	sandbox().respondNext({ status: 201, body: '' });

	const result = await runLeversCall({
		parameters: CALL,
		credential: accessTokenCredential(sandbox()),
	});

	expect(result.output(NODE_NAME)[0].json).toEqual({
		outcome: 'placed',
		success: true,
		attempts: 1,
		statusCode: 201,
		response: null,
		request: CALL,
	});
});

test('whatever body Levers returns on success is kept as returned', async () => {
	const body = { status: 'queued', call: { id: 'abc', eta: 12 }, tags: ['x'] };
	sandbox().respondNext({ status: 201, body });

	const result = await runLeversCall({
		parameters: CALL,
		credential: accessTokenCredential(sandbox()),
	});

	expect(result.output(NODE_NAME)[0].json.response).toEqual(body);
});
