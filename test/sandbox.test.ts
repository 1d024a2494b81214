import {
	SIGN_IN_PATH,
	CALL_PATH,
	CONTACT_PATH,
	INSPECT_PATH,
	LeversSandbox,
} from './sandbox/levers-sandbox';
import type { RecordedRequest, SandboxOptions, ValidationIssue } from './sandbox/levers-sandbox';

const STATIC_TOKEN = 'static-test-token';
const CLIENT = { clientId: 'client-a', clientSecret: 'secret-a' };

interface SendOptions {
	method?: string;
	/** Objects are JSON-encoded; strings are sent as-is. */
	body?: unknown;
	token?: string;
	headers?: Record<string, string>;
}

interface Answer {
	status: number;
	headers: Headers;
	text: string;
	json: unknown;
}

let sandbox: LeversSandbox;
const logLines: string[] = [];

async function startSandbox(extra: SandboxOptions = {}): Promise<void> {
	await sandbox?.close();
	logLines.length = 0;
	sandbox = await LeversSandbox.start({
		accessTokens: [STATIC_TOKEN],
		clients: [CLIENT],
		log: (line) => logLines.push(line),
		...extra,
	});
}

async function send(path: string, options: SendOptions = {}): Promise<Answer> {
	const headers: Record<string, string> = { ...options.headers };
	if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
	let body: string | undefined;
	if (options.body !== undefined) {
		body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
		headers['content-type'] ??= 'application/json';
	}
	const method = options.method ?? (body === undefined ? 'GET' : 'POST');
	const response = await fetch(`${sandbox.url}${path}`, { method, headers, body });
	const text = await response.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, text, json };
}

const detailOf = (answer: Answer) => (answer.json as { detail: ValidationIssue[] }).detail;
const accessTokenOf = (answer: Answer) => (answer.json as { access_token: string }).access_token;

const callBody = (extra: Record<string, unknown> = {}) => ({
	numberToCall: '+15551234567',
	...extra,
});

const placeCall = (body: unknown, token = STATIC_TOKEN) => send(CALL_PATH, { body, token });

async function issueToken(): Promise<string> {
	const answer = await send(SIGN_IN_PATH, { body: CLIENT });
	expect(answer.status).toBe(200);
	return accessTokenOf(answer);
}

beforeEach(() => startSandbox());
afterAll(() => sandbox.close());

describe('start', () => {
	test('listens on a random 127.0.0.1 port and reports a URL without trailing slash', () => {
		expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(sandbox.url.endsWith(':0')).toBe(false);
	});
});

describe('token exchange', () => {
	test('issues a new unique token for a configured client', async () => {
		const first = await send(SIGN_IN_PATH, { body: CLIENT });
		const second = await send(SIGN_IN_PATH, { body: CLIENT });
		expect(first.status).toBe(200);
		expect(first.json).toEqual({ access_token: expect.any(String) });
		expect(accessTokenOf(first)).toMatch(/^sbx-issued-1-[0-9a-f]+$/);
		expect(accessTokenOf(second)).not.toBe(accessTokenOf(first));
		expect(sandbox.tokenExchanges()).toHaveLength(2);
	});

	test('rejects an unknown pair with 401', async () => {
		const answer = await send(SIGN_IN_PATH, { body: { ...CLIENT, clientSecret: 'wrong' } });
		expect(answer.status).toBe(401);
		expect(answer.json).toEqual({ detail: 'Invalid client credentials' });
	});

	test('rejects snake_case or non-string fields with FastAPI 422', async () => {
		const snake = await send(SIGN_IN_PATH, {
			body: { client_id: 'client-a', client_secret: 'secret-a' },
		});
		expect(snake.status).toBe(422);
		expect(detailOf(snake)).toEqual([
			{ loc: ['body', 'clientId'], msg: 'Field required', type: 'missing' },
			{ loc: ['body', 'clientSecret'], msg: 'Field required', type: 'missing' },
		]);
		const numeric = await send(SIGN_IN_PATH, { body: { clientId: 7, clientSecret: 'secret-a' } });
		expect(detailOf(numeric)).toEqual([
			{ loc: ['body', 'clientId'], msg: 'Input should be a valid string', type: 'string_type' },
		]);
	});

	test('rejects a form-encoded body like FastAPI does', async () => {
		const answer = await send(SIGN_IN_PATH, {
			body: 'clientId=client-a&clientSecret=secret-a',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
		});
		expect(answer.status).toBe(422);
		expect(detailOf(answer)[0].type).toBe('model_attributes_type');
	});
});

describe('bearer check', () => {
	test('missing or empty header: Not authenticated', async () => {
		const headerCases: Array<Record<string, string>> = [{}, { authorization: 'Bearer ' }];
		for (const headers of headerCases) {
			const answer = await send(`${CONTACT_PATH}?page=1&size=1`, { headers });
			expect(answer.status).toBe(401);
			expect(answer.json).toEqual({ detail: 'Not authenticated' });
			expect(answer.headers.get('www-authenticate')).toBe('Bearer');
		}
	});

	test('unknown token or wrong scheme: Invalid or expired token', async () => {
		const wrong = await send(CONTACT_PATH, { token: 'nope' });
		const basic = await send(CONTACT_PATH, { headers: { authorization: `Basic ${STATIC_TOKEN}` } });
		for (const answer of [wrong, basic]) {
			expect(answer.status).toBe(401);
			expect(answer.json).toEqual({ detail: 'Invalid or expired token' });
		}
	});

	test('static token lists contacts for the credential test', async () => {
		const answer = await send(`${CONTACT_PATH}?page=1&size=1`, { token: STATIC_TOKEN });
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ items: [], page: 1, size: 1, total: 0 });
	});

	test('issued token works until expireIssuedTokens, then a new one works', async () => {
		const token = await issueToken();
		expect((await placeCall(callBody(), token)).status).toBe(201);
		sandbox.expireIssuedTokens();
		const expired = await placeCall(callBody(), token);
		expect(expired.status).toBe(401);
		expect(expired.json).toEqual({ detail: 'Invalid or expired token' });
		expect((await placeCall(callBody(), STATIC_TOKEN)).status).toBe(201);
		expect((await placeCall(callBody(), await issueToken())).status).toBe(201);
	});

	test('reset forgets issued tokens but keeps static ones', async () => {
		const token = await issueToken();
		sandbox.reset();
		expect((await placeCall(callBody(), token)).status).toBe(401);
		expect((await placeCall(callBody(), STATIC_TOKEN)).status).toBe(201);
	});
});

describe('call endpoint', () => {
	test('accepts every documented field and answers 201 with a call id', async () => {
		const full = callBody({
			firstName: 'Ada',
			lastName: 'Lovelace',
			email: 'ada@example.com',
			contactUuid: '9bfa828a-3c2d-430c-bdc7-f74d90334524',
			aiSettingsTemplateId: '9BFA828A3C2D430CBDC7F74D90334524',
			metadata: { project_id: 'proj_123', nested: { n: 1 }, list: [1, 2] },
			promptTags: { amount: '$500.00' },
			updateExisting: true,
			unknownExtra: 42,
		});
		const first = await placeCall(full);
		const second = await placeCall(callBody({ firstName: null, metadata: null }));
		expect(first.status).toBe(201);
		expect(first.json).toEqual({ message: 'Phone call initiated', callId: 'sbx-call-1' });
		expect(second.status).toBe(201);
		expect(second.json).toMatchObject({ callId: 'sbx-call-2' });
	});

	test.each([
		['numberToCall missing', { firstName: 'Ada' }, ['body', 'numberToCall'], 'missing'],
		['numberToCall number', { numberToCall: 15551234567 }, ['body', 'numberToCall'], 'string_type'],
		['numberToCall null', { numberToCall: null }, ['body', 'numberToCall'], 'string_type'],
		['email not a string', callBody({ email: ['a@b.c'] }), ['body', 'email'], 'string_type'],
		[
			'contactUuid not a UUID',
			callBody({ contactUuid: 'abc' }),
			['body', 'contactUuid'],
			'uuid_parsing',
		],
		[
			'aiSettingsTemplateId not a string',
			callBody({ aiSettingsTemplateId: 12 }),
			['body', 'aiSettingsTemplateId'],
			'uuid_type',
		],
		['metadata an array', callBody({ metadata: ['x'] }), ['body', 'metadata'], 'dict_type'],
		['promptTags a string', callBody({ promptTags: 'x' }), ['body', 'promptTags'], 'dict_type'],
		[
			'promptTags non-string value',
			callBody({ promptTags: { ok: 'y', amount: 500 } }),
			['body', 'promptTags', 'amount'],
			'string_type',
		],
		[
			'updateExisting a string',
			callBody({ updateExisting: 'true' }),
			['body', 'updateExisting'],
			'bool_type',
		],
		['body an array', [callBody()], ['body'], 'model_attributes_type'],
	])('422 when %s', async (_name, body, loc, type) => {
		const answer = await placeCall(body);
		expect(answer.status).toBe(422);
		expect(detailOf(answer)).toHaveLength(1);
		expect(detailOf(answer)[0]).toEqual({ loc, msg: expect.any(String), type });
		expect(sandbox.callRequests()[0].status).toBe(422);
	});

	test('reports every problem, in field order, with pydantic messages', async () => {
		const answer = await placeCall({
			lastName: 1,
			updateExisting: 0,
			promptTags: { a: 1, b: false },
		});
		expect(answer.json).toEqual({
			detail: [
				{ loc: ['body', 'numberToCall'], msg: 'Field required', type: 'missing' },
				{ loc: ['body', 'lastName'], msg: 'Input should be a valid string', type: 'string_type' },
				{
					loc: ['body', 'promptTags', 'a'],
					msg: 'Input should be a valid string',
					type: 'string_type',
				},
				{
					loc: ['body', 'promptTags', 'b'],
					msg: 'Input should be a valid string',
					type: 'string_type',
				},
				{
					loc: ['body', 'updateExisting'],
					msg: 'Input should be a valid boolean',
					type: 'bool_type',
				},
			],
		});
	});

	test('invalid JSON and empty body are 422 too', async () => {
		const broken = await placeCall('{"numberToCall": ');
		expect(broken.status).toBe(422);
		expect(detailOf(broken)[0]).toMatchObject({ msg: 'JSON decode error', type: 'json_invalid' });
		expect(detailOf(broken)[0].loc[0]).toBe('body');
		const empty = await send(CALL_PATH, { method: 'POST', token: STATIC_TOKEN });
		expect(empty.json).toEqual({
			detail: [{ loc: ['body'], msg: 'Field required', type: 'missing' }],
		});
	});

	test('auth is checked before the body', async () => {
		const answer = await send(CALL_PATH, { body: {} });
		expect(answer.status).toBe(401);
	});
});

describe('routing', () => {
	test.each([
		['GET', CALL_PATH],
		['POST', `${CALL_PATH}/`],
		['GET', SIGN_IN_PATH],
		['GET', '/api-service/v1/unknown'],
		['GET', '/'],
	])('%s %s is 404 Not Found', async (method, path) => {
		const answer = await send(path, { method, token: STATIC_TOKEN });
		expect(answer.status).toBe(404);
		expect(answer.json).toEqual({ detail: 'Not Found' });
	});
});

describe('recording', () => {
	test('keeps method, path, query, lower-cased headers, exact raw body and status, in order', async () => {
		const rawBody = '{ "numberToCall" : "+1",\n  "firstName": "Zoë 📞", "b":1, "a":2 }';
		await send(`${CONTACT_PATH}?page=2&size=5`, { token: STATIC_TOKEN });
		await send(CALL_PATH, { body: rawBody, token: STATIC_TOKEN, headers: { 'X-Trace-Id': 'T1' } });
		await send('/nowhere');

		expect(sandbox.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			`GET ${CONTACT_PATH} 200`,
			`POST ${CALL_PATH} 201`,
			'GET /nowhere 404',
		]);
		const [list, call] = sandbox.requests;
		expect(list.query).toEqual({ page: '2', size: '5' });
		expect(list.rawBody).toBe('');
		expect(list.json).toBeUndefined();
		expect(call.rawBody).toBe(rawBody);
		expect(call.json).toEqual(JSON.parse(rawBody));
		expect(call.headers['x-trace-id']).toBe('T1');
		expect(call.headers.authorization).toBe(`Bearer ${STATIC_TOKEN}`);
		expect(sandbox.callRequests()).toEqual([call]);
	});

	test('reset clears requests in place', async () => {
		const held = sandbox.requests;
		await placeCall(callBody());
		sandbox.reset();
		expect(held).toHaveLength(0);
		expect(sandbox.requests).toBe(held);
	});

	test('log lines carry the call body but never tokens or secrets', async () => {
		await issueToken();
		await placeCall(callBody({ firstName: 'Line\nBreak' }));
		expect(logLines).toHaveLength(2);
		expect(logLines[0]).toBe(`POST ${SIGN_IN_PATH} -> 200`);
		expect(logLines[1]).toContain(`POST ${CALL_PATH} -> 201 {"numberToCall"`);
		for (const line of logLines) {
			expect(line).not.toContain(STATIC_TOKEN);
			expect(line).not.toContain(CLIENT.clientSecret);
		}
	});
});

describe('respondNext', () => {
	test('answers the next call requests in order, with status, body and headers, skipping auth', async () => {
		sandbox.respondNext(
			{ status: 429, body: { detail: 'Too Many Requests' }, headers: { 'Retry-After': '30' } },
			{ status: 502, body: '<html>bad gateway</html>', headers: { 'content-type': 'text/html' } },
		);
		await send(CONTACT_PATH, { token: STATIC_TOKEN }); // other routes must not consume the queue
		const first = await send(CALL_PATH, { body: callBody() });
		const second = await placeCall(callBody());
		const third = await placeCall(callBody());

		expect(first.status).toBe(429);
		expect(first.json).toEqual({ detail: 'Too Many Requests' });
		expect(first.headers.get('retry-after')).toBe('30');
		expect(second.status).toBe(502);
		expect(second.text).toBe('<html>bad gateway</html>');
		expect(second.headers.get('content-type')).toBe('text/html');
		expect(third.status).toBe(201);
		expect(sandbox.callRequests().map((r) => r.status)).toEqual([429, 502, 201]);
	});

	test('waits delayMs before answering', async () => {
		sandbox.respondNext({ status: 500, body: { detail: 'boom' }, delayMs: 300 });
		const startedAt = Date.now();
		const answer = await placeCall(callBody());
		expect(answer.status).toBe(500);
		expect(Date.now() - startedAt).toBeGreaterThanOrEqual(290);
	});

	test('destroySocket fails the request without an answer', async () => {
		sandbox.respondNext({ status: 200, destroySocket: true });
		await expect(placeCall(callBody())).rejects.toThrow();
		expect(sandbox.callRequests()).toHaveLength(1);
		expect(sandbox.callRequests()[0].status).toBe(0);
		expect((await placeCall(callBody())).status).toBe(201);
	});

	test('reset drops queued responses', async () => {
		sandbox.respondNext({ status: 503 });
		sandbox.reset();
		expect((await placeCall(callBody())).status).toBe(201);
	});
});

describe('close', () => {
	test('returns promptly with a delayed response pending and a keep-alive socket open', async () => {
		await send(CONTACT_PATH, { token: STATIC_TOKEN }); // leaves a pooled keep-alive connection
		sandbox.respondNext({ status: 200, delayMs: 60_000 });
		const pending = placeCall(callBody());
		pending.catch(() => undefined);
		while (sandbox.callRequests().length === 0) await new Promise((r) => setTimeout(r, 5));

		const startedAt = Date.now();
		await sandbox.close();
		expect(Date.now() - startedAt).toBeLessThan(1000);
		await expect(pending).rejects.toThrow();
		await expect(fetch(sandbox.url)).rejects.toThrow();
	});
});

describe('inspect route', () => {
	test('is off by default', async () => {
		expect((await send(INSPECT_PATH)).status).toBe(404);
	});

	test('lists requests with credentials masked and is not itself recorded', async () => {
		await startSandbox({ inspectRoute: true });
		await issueToken();
		await placeCall(callBody());
		const answer = await send(INSPECT_PATH);
		expect(answer.status).toBe(200);
		expect(answer.json).toHaveLength(2);
		expect(answer.text).not.toContain(STATIC_TOKEN);
		expect(answer.text).not.toContain(CLIENT.clientSecret);
		const listed = answer.json as RecordedRequest[];
		expect(listed[1].headers.authorization).toBe('Bearer ***');
		expect(listed[0].json).toEqual({ clientId: CLIENT.clientId, clientSecret: '***' });
		expect(sandbox.requests).toHaveLength(2);
	});
});
