import { Workflow } from 'n8n-workflow';

import { LeversApi } from '../credentials/LeversApi.credentials';
import { API_PREFIX, DEFAULT_BASE_URL, apiUrl } from '../credentials/leversUrls';
import { testCredential } from './harness';
import {
	createCredentialTestNodeType,
	credentialTestNode,
	singleNodeTypes,
} from './harness/credential-test-node';
import {
	ACCESS_TOKEN,
	CLIENT,
	NODE_NAME,
	accessTokenCredential,
	clientCredential,
	runLeversCall,
	useSandbox,
	visibleText,
} from './levers-support';

/** Both ways to authenticate, the token's renewal, and the credential's Test button. */
const sandbox = useSandbox();

const CALL = { numberToCall: '+96612341234' };
const THREE_ITEMS = [{}, {}, {}];

test('Access Token: every call carries the pasted token and no exchange happens', async () => {
	await runLeversCall({
		parameters: CALL,
		credential: accessTokenCredential(sandbox()),
		items: THREE_ITEMS,
	});

	expect(sandbox().tokenExchanges()).toHaveLength(0);
	expect(
		sandbox()
			.callRequests()
			.map((request) => request.headers.authorization),
	).toEqual(Array(3).fill(`Bearer ${ACCESS_TOKEN}`));
});

test('Client ID and Secret: one exchange, then every call carries the issued token, which is kept', async () => {
	const credential = clientCredential(sandbox());

	const result = await runLeversCall({ parameters: CALL, credential, items: THREE_ITEMS });

	expect(result.status).toBe('success');
	const [exchange] = sandbox().tokenExchanges();
	expect(sandbox().tokenExchanges()).toHaveLength(1);
	expect(exchange.json).toEqual(CLIENT);
	expect(exchange.headers['content-type']).toMatch(/^application\/json/);
	const issued = credential.data.sessionToken as string;
	expect(issued).not.toBe('');
	expect(
		sandbox()
			.callRequests()
			.map((request) => request.headers.authorization),
	).toEqual(Array(3).fill(`Bearer ${issued}`));
	expect(visibleText(result)).not.toContain(issued);
	expect(visibleText(result)).not.toContain(CLIENT.clientSecret);

	// The kept token serves the next run without a new exchange (reset() would forget issued tokens).
	await runLeversCall({ parameters: CALL, credential });
	expect(sandbox().tokenExchanges()).toHaveLength(1);
	expect(sandbox().callRequests()[3].headers.authorization).toBe(`Bearer ${issued}`);
	expect(credential.data.sessionToken).toBe(issued);
});

test('an expired token is renewed once on the 401 and the call goes through once', async () => {
	const credential = clientCredential(sandbox());
	await runLeversCall({ parameters: CALL, credential });
	const expiredToken = credential.data.sessionToken;
	sandbox().reset();
	sandbox().expireIssuedTokens();

	const result = await runLeversCall({ parameters: CALL, credential, items: [{}, {}] });

	expect(result.status).toBe('success');
	expect(sandbox().tokenExchanges()).toHaveLength(1);
	const renewed = credential.data.sessionToken;
	expect(renewed).not.toBe(expiredToken);
	// Item 0 goes first and alone: rejected with the old token, sent again through n8n's renewal (rejected
	// once more, the token renewed, placed). Item 1 waits for that, then is placed with the new token.
	expect(
		sandbox()
			.callRequests()
			.map((request) => [request.headers.authorization, request.status]),
	).toEqual([
		[`Bearer ${expiredToken}`, 401],
		[`Bearer ${expiredToken}`, 401],
		[`Bearer ${renewed}`, 201],
		[`Bearer ${renewed}`, 201],
	]);
	expect(result.output(NODE_NAME).map((item) => item.json.success)).toEqual([true, true]);
});

test('a wrong client secret is explained, and no call is attempted', async () => {
	const credential = clientCredential(sandbox(), 'not-the-secret-5b7d');

	const result = await runLeversCall({ parameters: CALL, credential });

	expect(result.status).toBe('error');
	expect(result.nodeError(NODE_NAME)?.message).toBe(
		'Levers did not accept the Client ID and Secret (HTTP 401) — check both on the settings page of the Levers app, and the Base URL of the credential [item 0]',
	);
	expect(sandbox().callRequests()).toHaveLength(0);
	expect(visibleText(result)).not.toContain('not-the-secret-5b7d');
});

test('Client ID and Secret with nothing at the Base URL: the run says what to fix, and that nobody was called', async () => {
	const credential = clientCredential(sandbox());
	credential.data.baseUrl = 'http://127.0.0.1:1';

	const result = await runLeversCall({ parameters: CALL, credential });

	expect(result.status).toBe('error');
	expect(result.nodeError(NODE_NAME)).toMatchObject({
		message: 'Could not reach Levers at http://127.0.0.1:1 (ECONNREFUSED) [item 0]',
		description: expect.stringContaining('No call was placed for this item.'),
	});
	expect(visibleText(result)).not.toContain(CLIENT.clientSecret);

	// With Continue On Fail the item says the same: failed (nothing sent), not "unknown".
	const continued = await runLeversCall({ parameters: CALL, credential, continueOnFail: true });
	expect(continued.output(NODE_NAME)[0].json).toMatchObject({ outcome: 'failed', success: false });
});

test('a Base URL typed with a trailing slash still reaches the documented paths', async () => {
	const credential = clientCredential(sandbox());
	credential.data.baseUrl = `${sandbox().url}/`;

	await runLeversCall({ parameters: CALL, credential });

	expect(
		sandbox().requests.map((request) => `${request.method} ${request.path} ${request.status}`),
	).toEqual([
		'POST /auth/v1/api-key/auth 200',
		'POST /api-service/v1/ai/phone-calls/action/call 201',
	]);
});

test('every field a user fills in says what it is and where it comes from', () => {
	const visible = new LeversApi().properties.filter(
		(property) => property.type !== 'hidden' && property.type !== 'notice',
	);

	expect(visible.map((property) => property.name)).toContain('accessToken');
	for (const property of visible) {
		expect(`${property.name}: ${property.description ?? ''}`).toMatch(/^\w+: \S.{20,}/);
	}
	const help = visible.map((property) => property.description).join('\n');
	expect(help).toContain('settings page of the Levers app');
	expect(help).toContain('only host the Levers documentation names');
});

describe('the credential Test button', () => {
	test('accepts a valid access token, checking it against GET /contact', async () => {
		const result = await testCredential('leversApi', accessTokenCredential(sandbox()).data);

		expect(result.status).toBe('OK');
		const [request] = sandbox().requests;
		expect(request.method).toBe('GET');
		expect(request.path).toBe('/api-service/v1/contact');
		expect(request.query).toEqual({ page: '1', size: '1' });
		expect(request.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
	});

	test('says clearly when the token is refused', async () => {
		const result = await testCredential(
			'leversApi',
			accessTokenCredential(sandbox(), 'stale-token-91ab').data,
		);

		expect(result).toEqual({
			status: 'Error',
			message: 'Levers did not accept the Access Token — it may have expired: paste a new one',
		});
	});

	test('exchanges the client ID and secret, then checks the token', async () => {
		const result = await testCredential('leversApi', clientCredential(sandbox()).data);

		expect(result.status).toBe('OK');
		expect(sandbox().tokenExchanges()).toHaveLength(1);
		expect(sandbox().requests.map((request) => request.path)).toEqual([
			'/auth/v1/api-key/auth',
			'/api-service/v1/contact',
		]);
	});

	test('says clearly when the client secret is wrong', async () => {
		const result = await testCredential(
			'leversApi',
			clientCredential(sandbox(), 'wrong-secret-33').data,
		);

		expect(result.status).toBe('Error');
		expect(result.message).toContain('Levers did not accept the Client ID and Secret (HTTP 401)');
		expect(result.message).not.toContain('wrong-secret-33');
	});

	test('says what to do when nothing answers at the Base URL, instead of a bare ECONNREFUSED', async () => {
		const credential = clientCredential(sandbox());
		credential.data.baseUrl = 'http://127.0.0.1:1';

		const result = await testCredential('leversApi', credential.data);

		expect(result).toEqual({
			status: 'Error',
			message:
				'Could not connect to Levers at http://127.0.0.1:1 — check the Base URL of the credential (the Levers API host, e.g. https://api.dev.uselevers.com) and that this n8n can reach it',
		});
	});

	test('says clearly when the Base URL has a path that is not the host', async () => {
		const credential = accessTokenCredential(sandbox());
		credential.data.baseUrl = `${sandbox().url}/api-service/v1`;

		const result = await testCredential('leversApi', credential.data);

		expect(result).toEqual({
			status: 'Error',
			message:
				'Nothing answered at this Base URL — enter the host only, e.g. https://api.dev.uselevers.com',
		});
	});

	test('reaches the host the node calls when the Base URL has spaces and a trailing slash', async () => {
		const credential = accessTokenCredential(sandbox());
		credential.data.baseUrl = `  ${sandbox().url}/ `;

		const result = await testCredential('leversApi', credential.data);

		expect(result.status).toBe('OK');
		expect(sandbox().requests.map((request) => request.path)).toEqual(['/api-service/v1/contact']);
	});

	test('takes a blank Base URL as the default host, as the node does', async () => {
		// The Test request's host, resolved by n8n's expression engine as the credential tester does.
		const { request } = new LeversApi().test;
		const node = credentialTestNode();
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: singleNodeTypes(createCredentialTestNodeType('leversApi', request)),
		});
		const testHost = (baseUrl: unknown) =>
			workflow.expression.getSimpleParameterValue(node, request.baseURL as string, 'internal', {
				$credentials: { baseUrl },
			});
		const nodeHost = (baseUrl: unknown) => apiUrl(baseUrl, '').slice(0, -API_PREFIX.length);

		const baseUrls = ['', '   ', undefined, 'https://api.example.com//', ' http://127.0.0.1:9 '];
		// With the vm expression engine, evaluation holds an isolate, as n8n's tester does.
		await workflow.expression.withIsolate(async () => {
			for (const baseUrl of baseUrls) {
				expect([baseUrl, testHost(baseUrl)]).toEqual([baseUrl, nodeHost(baseUrl)]);
			}
			expect(testHost('')).toBe(DEFAULT_BASE_URL);
		});
	});
});
