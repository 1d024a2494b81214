import {
	SIGN_IN_PATH,
	BULK_PATH,
	CALL_PATH,
	CONTACT_PATH,
	INSPECT_PATH,
	LeversSandbox,
} from './sandbox/levers-sandbox';
import type {
	AcceptedCall,
	RecordedRequest,
	SandboxOptions,
	ValidationIssue,
} from './sandbox/levers-sandbox';
import { get } from 'node:http';

import { RateLimiter } from './sandbox/rate-limit';

const STATIC_TOKEN = 'static-test-token';
const CLIENT = { clientId: 'client-a', clientSecret: 'secret-a' };

interface SendOptions {
	method?: string;
	/** Objects are JSON-encoded; strings are sent as-is. */
	body?: unknown;
	token?: string;
	headers?: Record<string, string>;
	signal?: AbortSignal;
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
	const response = await fetch(`${sandbox.url}${path}`, {
		method,
		headers,
		body,
		signal: options.signal,
	});
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
const placeBulk = (body: unknown, token = STATIC_TOKEN) => send(BULK_PATH, { body, token });
const numbersAccepted = () =>
	sandbox.acceptedCalls().map((call) => call.body.numberToCall as string);

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

	test('counts the TCP connections opened, so keep-alive shows', async () => {
		// A fresh connection per request (no agent); the answer proves the sandbox accepted it.
		const openAndClose = () =>
			new Promise<void>((resolve, reject) => {
				get(`${sandbox.url}${CONTACT_PATH}`, { agent: false }, (response) => {
					response.resume();
					response.once('end', resolve);
				}).once('error', reject);
			});
		await openAndClose();
		await openAndClose();
		expect(sandbox.connectionsOpened()).toBe(2);
		sandbox.reset();
		expect(sandbox.connectionsOpened()).toBe(0);
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

describe('onCallAccepted and acceptedCalls', () => {
	test('report each placed call with its id, in order; refused requests are not calls', async () => {
		const heard: AcceptedCall[] = [];
		await startSandbox({ onCallAccepted: (call) => heard.push(call) });
		await placeCall(callBody({ firstName: 'Ada', metadata: { row: 1 } }));
		await placeCall({ firstName: 'no number' }); // 422
		await placeCall(callBody(), 'unknown-token'); // 401
		await placeCall(callBody({ numberToCall: '+15550000002' }));

		expect(heard).toEqual([
			{ body: callBody({ firstName: 'Ada', metadata: { row: 1 } }), callId: 'sbx-call-1' },
			{ body: { numberToCall: '+15550000002' }, callId: 'sbx-call-2' },
		]);
		expect(sandbox.acceptedCalls()).toEqual(heard);
	});

	test('the hook runs before the answer is sent', async () => {
		let acceptedBeforeAnswer = 0;
		await startSandbox({
			onCallAccepted: () => (acceptedBeforeAnswer = sandbox.requests[0].status),
		});
		await placeCall(callBody());
		expect(acceptedBeforeAnswer).toBe(0);
	});

	test('reset forgets accepted calls and restarts the ids', async () => {
		await placeCall(callBody());
		sandbox.reset();
		expect(sandbox.acceptedCalls()).toEqual([]);
		expect((await placeCall(callBody())).json).toMatchObject({ callId: 'sbx-call-1' });
	});
});

describe('latency', () => {
	test('delays call answers but decides on arrival; other routes are not delayed', async () => {
		await startSandbox({ latencyMs: 200 });
		const startedAt = Date.now();
		const pending = placeCall(callBody());
		while (sandbox.acceptedCalls().length === 0) await new Promise((r) => setTimeout(r, 5));
		expect(sandbox.callRequests()[0].status).toBe(0); // placed, not yet answered
		expect(sandbox.callRequests()[0].answeredAt).toBeUndefined();
		expect((await pending).status).toBe(201);
		expect(Date.now() - startedAt).toBeGreaterThanOrEqual(190);
		const { receivedAt, answeredAt } = sandbox.callRequests()[0];
		expect((answeredAt as number) - receivedAt).toBeGreaterThanOrEqual(195);

		const listedAt = Date.now();
		await send(CONTACT_PATH, { token: STATIC_TOKEN });
		expect(Date.now() - listedAt).toBeLessThan(190);
	});

	test('setLatency changes it; reset restores the start option', async () => {
		sandbox.setLatency(150);
		let startedAt = Date.now();
		await placeCall(callBody());
		expect(Date.now() - startedAt).toBeGreaterThanOrEqual(140);
		sandbox.reset();
		startedAt = Date.now();
		await placeCall(callBody());
		expect(Date.now() - startedAt).toBeLessThan(140);
	});

	test('a client that gives up during the latency still had its call placed', async () => {
		sandbox.setLatency(5_000);
		const signal = AbortSignal.timeout(100);
		await expect(
			send(CALL_PATH, { body: callBody(), token: STATIC_TOKEN, signal }),
		).rejects.toThrow();
		expect(sandbox.acceptedCalls()).toHaveLength(1);
	});
});

describe('rate limit', () => {
	const limit = (retryAfter: 'seconds' | 'http-date' | 'absent') => ({
		perSecond: 0.4,
		burst: 2,
		retryAfter,
	});

	test('after the burst, 429 with Retry-After in whole seconds, rounded up; nothing placed', async () => {
		await startSandbox({
			accessTokens: [STATIC_TOKEN, 'other-token'],
			rateLimit: limit('seconds'),
		});
		const answers = [];
		for (let i = 0; i < 3; i++) answers.push(await placeCall(callBody({ firstName: `n${i}` })));
		expect(answers.map((a) => a.status)).toEqual([201, 201, 429]);
		expect(answers[2].json).toEqual({ detail: 'Too Many Requests' });
		expect(answers[2].headers.get('retry-after')).toBe('3'); // 1 token / 0.4 per s = 2.5 s
		expect(sandbox.acceptedCalls().map((call) => call.body.firstName)).toEqual(['n0', 'n1']);
		// Per token: another token has its own bucket.
		expect((await placeCall(callBody(), 'other-token')).status).toBe(201);
	});

	test('Retry-After as an HTTP date no earlier than the free token', async () => {
		sandbox.setRateLimit(limit('http-date'));
		await placeCall(callBody());
		await placeCall(callBody());
		const sentAt = Date.now();
		const answer = await placeCall(callBody());
		expect(answer.status).toBe(429);
		const header = answer.headers.get('retry-after') as string;
		expect(header).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
		const retryAt = Date.parse(header);
		expect(retryAt).toBeGreaterThanOrEqual(sentAt + 2_000);
		expect(retryAt).toBeLessThanOrEqual(sentAt + 4_000);
	});

	test('Retry-After absent', async () => {
		sandbox.setRateLimit(limit('absent'));
		await placeCall(callBody());
		await placeCall(callBody());
		const answer = await placeCall(callBody());
		expect(answer.status).toBe(429);
		expect(answer.headers.has('retry-after')).toBe(false);
	});

	test('single and bulk requests share the bucket; bad tokens get 401, not 429', async () => {
		sandbox.setRateLimit({ perSecond: 0.1, burst: 1, retryAfter: 'seconds' });
		expect((await placeBulk({ contacts: [callBody()] })).status).toBe(201);
		expect((await placeCall(callBody())).status).toBe(429);
		expect((await placeCall(callBody(), 'nope')).status).toBe(401);
		expect((await send(CONTACT_PATH, { token: STATIC_TOKEN })).status).toBe(200);
	});

	test('setRateLimit(undefined) and reset lift it', async () => {
		sandbox.setRateLimit({ perSecond: 0.1, burst: 1, retryAfter: 'seconds' });
		await placeCall(callBody());
		sandbox.setRateLimit(undefined);
		expect((await placeCall(callBody())).status).toBe(201);
		sandbox.setRateLimit({ perSecond: 0.1, burst: 1, retryAfter: 'seconds' });
		await placeCall(callBody());
		sandbox.reset();
		expect((await placeCall(callBody())).status).toBe(201);
	});

	test('the bucket refills at perSecond up to burst', () => {
		const limiter = new RateLimiter({ perSecond: 2, burst: 2, retryAfter: 'seconds' });
		expect(limiter.take('t', 0)).toBeUndefined();
		expect(limiter.take('t', 0)).toBeUndefined();
		expect(limiter.take('t', 0)?.status).toBe(429);
		expect(limiter.take('t', 499)?.status).toBe(429); // 0.998 of a token
		expect(limiter.take('t', 1_000)).toBeUndefined();
		expect(limiter.take('t', 60_000)).toBeUndefined(); // capped at burst: 2 then empty
		expect(limiter.take('t', 60_000)).toBeUndefined();
		expect(limiter.take('t', 60_000)?.status).toBe(429);
	});
});

describe('scripted faults', () => {
	const A = '+15550000001';
	const B = '+15550000002';

	test('scriptFor answers by number whatever the arrival order, then serves it normally', async () => {
		sandbox.scriptFor(B, { status: 502, body: 'bad gateway' }, { status: 503 });
		sandbox.scriptFor(A, { status: 500, body: { detail: 'boom' } });
		const statuses = await Promise.all(
			[A, B, B, A, B].map(
				async (n) => `${n}:${(await placeCall(callBody({ numberToCall: n }))).status}`,
			),
		);
		expect(statuses.sort()).toEqual(
			[`${A}:500`, `${A}:201`, `${B}:502`, `${B}:503`, `${B}:201`].sort(),
		);
		expect(numbersAccepted().sort()).toEqual([A, B]);
	});

	test('a number script wins over respondNext', async () => {
		sandbox.respondNext({ status: 418 });
		sandbox.scriptFor(A, { status: 500 });
		expect((await placeCall(callBody({ numberToCall: A }))).status).toBe(500);
		expect((await placeCall(callBody({ numberToCall: B }))).status).toBe(418);
	});

	test.each([500, 502, 503])('%i after placing the call: accepted and reported', async (status) => {
		const heard: string[] = [];
		await startSandbox({ onCallAccepted: (call) => heard.push(call.callId) });
		sandbox.scriptFor(A, { status, body: { detail: 'upstream' }, place: true });
		sandbox.scriptFor(B, { status });
		expect((await placeCall(callBody({ numberToCall: A }))).status).toBe(status);
		expect((await placeCall(callBody({ numberToCall: B }))).status).toBe(status);
		expect(numbersAccepted()).toEqual([A]);
		expect(heard).toEqual(['sbx-call-1']);
	});

	test('a scripted 2xx places the call; scripted errors do not unless told', async () => {
		sandbox.respondNext({ status: 201, body: {} }, { status: 429 }, { status: 201, place: false });
		for (let i = 0; i < 3; i++) await placeCall(callBody({ firstName: `n${i}` }));
		expect(sandbox.acceptedCalls().map((call) => call.body.firstName)).toEqual(['n0']);
	});

	test('placed, then answered slower than the client waits', async () => {
		sandbox.scriptFor(A, { status: 201, delayMs: 5_000, place: true });
		const signal = AbortSignal.timeout(100);
		const body = callBody({ numberToCall: A });
		await expect(send(CALL_PATH, { body, token: STATIC_TOKEN, signal })).rejects.toThrow();
		expect(numbersAccepted()).toEqual([A]);
		expect(sandbox.callRequests()[0].status).toBe(0);
	});

	test('connection reset after the body was read, with and without placing', async () => {
		sandbox.scriptFor(A, { status: 201, destroySocket: true, place: true });
		sandbox.scriptFor(B, { status: 201, destroySocket: true });
		await expect(placeCall(callBody({ numberToCall: A }))).rejects.toThrow();
		await expect(placeCall(callBody({ numberToCall: B }))).rejects.toThrow();
		expect(numbersAccepted()).toEqual([A]);
		expect(sandbox.callRequests().map((r) => [r.status, r.json])).toEqual([
			[0, callBody({ numberToCall: A })],
			[0, callBody({ numberToCall: B })],
		]);
	});

	test('connection reset before the body is read: nothing placed, even when told to place', async () => {
		sandbox.respondNext({ status: 201, resetBeforeBody: true, place: true });
		sandbox.scriptFor(B, { status: 201, resetBeforeBody: true });
		await expect(placeCall(callBody({ numberToCall: A }))).rejects.toThrow();
		await expect(placeCall(callBody({ numberToCall: B }))).rejects.toThrow();
		expect(sandbox.acceptedCalls()).toEqual([]);
		const [early, byNumber] = sandbox.callRequests();
		expect(early).toMatchObject({ status: 0, rawBody: '' }); // the body was never read
		expect(byNumber.status).toBe(0); // by number, the body had to be read to match it
		expect((await placeCall(callBody())).status).toBe(201);
	});

	test('stormNext: 429s with Retry-After seconds, a date, or none; then normal', async () => {
		const date = 'Wed, 21 Oct 2026 07:28:00 GMT';
		sandbox.stormNext(2, 7);
		sandbox.stormNext(1, date);
		sandbox.stormNext(1);
		const answers = [];
		for (let i = 0; i < 5; i++) answers.push(await placeCall(callBody()));
		expect(answers.map((a) => [a.status, a.headers.get('retry-after')])).toEqual([
			[429, '7'],
			[429, '7'],
			[429, date],
			[429, null],
			[201, null],
		]);
		expect(sandbox.acceptedCalls()).toHaveLength(1);
	});
});

describe('bulk endpoint', () => {
	const contacts = [
		{ numberToCall: '+15550000001', firstName: 'Ann', metadata: { row: 0 } },
		{ numberToCall: '0501234567', lastName: 'Local', promptTags: { amount: '$5' } },
		{ numberToCall: '+15550000003', firstName: null },
	];
	const full = {
		contacts,
		aiSettingsTemplateId: '9bfa828a-3c2d-430c-bdc7-f74d90334524',
		updateExisting: true,
		countryCode: 'SA',
		batchSize: 10,
	};

	test('201 with the count; each contact is a placed call, in order; the request is recorded', async () => {
		const heard: AcceptedCall[] = [];
		await startSandbox({ onCallAccepted: (call) => heard.push(call) });
		await placeCall(callBody());
		const answer = await placeBulk(full);
		expect(answer.status).toBe(201);
		expect(answer.json).toEqual({ message: 'Bulk phone calls initiated', accepted: 3 });
		expect(heard).toEqual([
			{ body: callBody(), callId: 'sbx-call-1' },
			{ body: contacts[0], callId: 'sbx-call-2' },
			{ body: contacts[1], callId: 'sbx-call-3' },
			{ body: contacts[2], callId: 'sbx-call-4' },
		]);
		expect(sandbox.acceptedCalls()).toEqual(heard);
		expect(sandbox.bulkRequests()).toHaveLength(1);
		expect(sandbox.bulkRequests()[0].json).toEqual(full);
		expect(sandbox.callRequests()).toHaveLength(1);
		expect(logLines[1]).toBe(`POST ${BULK_PATH} -> 201 (3 contacts)`);
	});

	test.each([
		['contacts missing', {}, ['body', 'contacts'], 'missing'],
		['contacts an object', { contacts: contacts[0] }, ['body', 'contacts'], 'list_type'],
		[
			'a contact not an object',
			{ contacts: [contacts[0], '+1555'] },
			['body', 'contacts', 1],
			'model_attributes_type',
		],
		[
			'a contact without number',
			{ contacts: [contacts[0], { firstName: 'X' }] },
			['body', 'contacts', 1, 'numberToCall'],
			'missing',
		],
		[
			'a number as a number',
			{ contacts: [{ numberToCall: 15550000001 }] },
			['body', 'contacts', 0, 'numberToCall'],
			'string_type',
		],
		[
			'firstName a number',
			{ contacts: [{ ...contacts[0], firstName: 7 }] },
			['body', 'contacts', 0, 'firstName'],
			'string_type',
		],
		[
			'metadata a list',
			{ contacts: [{ ...contacts[0], metadata: [1] }] },
			['body', 'contacts', 0, 'metadata'],
			'dict_type',
		],
		[
			'a nested prompt tag',
			{ contacts: [{ ...contacts[0], promptTags: { a: { b: 'c' } } }] },
			['body', 'contacts', 0, 'promptTags', 'a'],
			'string_type',
		],
		[
			'template not a UUID',
			{ contacts, aiSettingsTemplateId: 'abc' },
			['body', 'aiSettingsTemplateId'],
			'uuid_parsing',
		],
		[
			'updateExisting a string',
			{ contacts, updateExisting: 'yes' },
			['body', 'updateExisting'],
			'bool_type',
		],
		[
			'countryCode a number',
			{ contacts, countryCode: 966 },
			['body', 'countryCode'],
			'string_type',
		],
		['batchSize 9', { contacts, batchSize: 9 }, ['body', 'batchSize'], 'greater_than_equal'],
		['batchSize 1001', { contacts, batchSize: 1001 }, ['body', 'batchSize'], 'less_than_equal'],
		['batchSize 10.5', { contacts, batchSize: 10.5 }, ['body', 'batchSize'], 'int_from_float'],
		['batchSize a string', { contacts, batchSize: '100' }, ['body', 'batchSize'], 'int_type'],
		['batchSize true', { contacts, batchSize: true }, ['body', 'batchSize'], 'int_type'],
	])('422 and nothing placed when %s', async (_name, body, loc, type) => {
		const answer = await placeBulk(body);
		expect(answer.status).toBe(422);
		expect(detailOf(answer)).toEqual([{ loc, msg: expect.any(String), type }]);
		expect(sandbox.acceptedCalls()).toEqual([]);
	});

	test('pydantic messages for the bounds; every problem reported', async () => {
		const answer = await placeBulk({ contacts: [{}, { numberToCall: 1 }], batchSize: 5 });
		expect(detailOf(answer)).toEqual([
			{ loc: ['body', 'contacts', 0, 'numberToCall'], msg: 'Field required', type: 'missing' },
			{
				loc: ['body', 'contacts', 1, 'numberToCall'],
				msg: 'Input should be a valid string',
				type: 'string_type',
			},
			{
				loc: ['body', 'batchSize'],
				msg: 'Input should be greater than or equal to 10',
				type: 'greater_than_equal',
			},
		]);
	});

	test('bearer auth as for single calls; an empty list places nothing', async () => {
		expect((await send(BULK_PATH, { body: full })).status).toBe(401);
		expect((await placeBulk(full, 'nope')).status).toBe(401);
		expect((await placeBulk({ contacts: [] })).json).toMatchObject({ accepted: 0 });
		expect(sandbox.acceptedCalls()).toEqual([]);
	});

	test('scripted by arrival order or by any contact number; place makes every contact a call', async () => {
		sandbox.respondNext({ status: 503, place: true });
		sandbox.scriptFor('+15550000003', { status: 502 });
		expect((await placeBulk({ contacts: contacts.slice(0, 2) })).status).toBe(503);
		expect((await placeBulk(full)).status).toBe(502); // contacts[2]'s number
		expect((await placeBulk({ contacts: [contacts[2]] })).status).toBe(201);
		expect(numbersAccepted()).toEqual(['+15550000001', '0501234567', '+15550000003']);
	});

	test('latency applies', async () => {
		sandbox.setLatency(150);
		const startedAt = Date.now();
		await placeBulk(full);
		expect(Date.now() - startedAt).toBeGreaterThanOrEqual(140);
	});
});
