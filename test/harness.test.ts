import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { INode, NodeOperationError } from 'n8n-workflow';

import type { StoredCredential } from './harness';
import { runWorkflow, testCredential } from './harness';
import {
	EXAMPLE_CREDENTIAL_TYPE,
	EXAMPLE_NODE_TYPE,
	writeExamplePackage,
} from './harness/example-package';

interface ReceivedRequest {
	method: string;
	url: string;
	authorization?: string;
	body: Record<string, unknown>;
}
type Reply = { status: number; body: unknown };

/** A real HTTP server on 127.0.0.1 that records what arrives; each test sets how it answers. */
const received: ReceivedRequest[] = [];
let answer: (request: ReceivedRequest) => Reply;
const server = http.createServer((req, res) => {
	let raw = '';
	req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
	req.on('end', () => {
		const request: ReceivedRequest = {
			method: req.method ?? '',
			url: req.url ?? '',
			authorization: req.headers.authorization,
			body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
		};
		received.push(request);
		const { status, body } = answer(request);
		res.writeHead(status, { 'content-type': 'application/json' });
		res.end(JSON.stringify(body));
	});
});

let baseUrl: string;
let packageDir: string;

beforeAll(async () => {
	packageDir = writeExamplePackage();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
	rmSync(packageDir, { recursive: true, force: true });
});
beforeEach(() => {
	received.length = 0;
	answer = () => ({ status: 200, body: { ok: true } });
});

function credential(data: Record<string, string>): StoredCredential {
	return {
		id: 'cred-1',
		name: 'Example account',
		type: EXAMPLE_CREDENTIAL_TYPE,
		data: { baseUrl, ...data },
	};
}

function callNode(parameters: INode['parameters'] = {}, extra: Partial<INode> = {}): INode {
	return {
		id: 'node-1',
		name: 'Call',
		type: EXAMPLE_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { [EXAMPLE_CREDENTIAL_TYPE]: { id: 'cred-1', name: 'Example account' } },
		...extra,
	};
}

describe('runWorkflow', () => {
	it('sends the bearer header of the generic authenticate', async () => {
		const result = await runWorkflow({
			nodes: [callNode({ phone: '+15550001' })],
			credentials: [credential({ apiKey: 'key', sessionToken: 'tok-123' })],
			packageDir,
		});

		expect(result.status).toBe('success');
		expect(received).toEqual([
			{
				method: 'POST',
				url: '/calls',
				authorization: 'Bearer tok-123',
				body: { phone: '+15550001' },
			},
		]);
		expect(result.output('Call')).toEqual([{ json: { ok: true }, pairedItem: { item: 0 } }]);
	});

	it('makes one request per item, resolving expressions per item', async () => {
		answer = ({ body }) => ({ status: 200, body: { called: body.phone } });

		const result = await runWorkflow({
			nodes: [callNode({ phone: '={{ $json.number }}' })],
			inputItems: [{ json: { number: '+15550001' } }, { json: { number: '+15550002' } }],
			credentials: [credential({ apiKey: 'key', sessionToken: 'tok-123' })],
			packageDir,
		});

		expect(received.map(({ body }) => body.phone)).toEqual(['+15550001', '+15550002']);
		expect(result.output('Call').map(({ json }) => json.called)).toEqual([
			'+15550001',
			'+15550002',
		]);
	});

	it('on a 401 fetches a new token, retries with it and persists it', async () => {
		answer = ({ url, authorization }) => {
			if (url === '/token') return { status: 200, body: { token: 'fresh' } };
			return authorization === 'Bearer fresh'
				? { status: 200, body: { ok: true } }
				: { status: 401, body: { message: 'expired' } };
		};
		const stored = credential({ apiKey: 'key', sessionToken: 'stale' });

		const result = await runWorkflow({ nodes: [callNode()], credentials: [stored], packageDir });

		expect(result.status).toBe('success');
		expect(received.map(({ url, authorization }) => [url, authorization])).toEqual([
			['/calls', 'Bearer stale'],
			['/token', undefined],
			['/calls', 'Bearer fresh'],
		]);
		expect(received[1].body).toEqual({ apiKey: 'key' });
		expect(stored.data).toEqual({ baseUrl, apiKey: 'key', sessionToken: 'fresh' });
	});

	it('fetches a token first when the stored credential has none yet', async () => {
		answer = ({ url }) => ({ status: 200, body: url === '/token' ? { token: 'first' } : {} });
		const stored = credential({ apiKey: 'key' });

		await runWorkflow({ nodes: [callNode()], credentials: [stored], packageDir });

		expect(received.map(({ url, authorization }) => [url, authorization])).toEqual([
			['/token', undefined],
			['/calls', 'Bearer first'],
		]);
		expect(stored.data.sessionToken).toBe('first');
	});

	it('fails the run with the item index when a request fails without Continue On Fail', async () => {
		answer = ({ body }) =>
			body.phone === '+2' ? { status: 500, body: { message: 'boom' } } : { status: 200, body: {} };

		const result = await runWorkflow({
			nodes: [callNode({ phone: '={{ $json.phone }}' })],
			inputItems: [{ json: { phone: '+1' } }, { json: { phone: '+2' } }],
			credentials: [credential({ apiKey: 'key', sessionToken: 'tok' })],
			packageDir,
		});

		expect(result.status).toBe('error');
		expect(result.error).toBeDefined();
		const nodeError = result.nodeError('Call') as NodeOperationError;
		expect(nodeError.context.itemIndex).toBe(1);
		expect(result.output('Call')).toEqual([]);
	});

	it('turns a failed request into an output item with Continue On Fail', async () => {
		answer = () => ({ status: 500, body: { message: 'boom' } });

		const result = await runWorkflow({
			nodes: [callNode({}, { onError: 'continueRegularOutput' })],
			credentials: [credential({ apiKey: 'key', sessionToken: 'tok' })],
			packageDir,
		});

		expect(result.status).toBe('success');
		expect(result.output('Call')).toEqual([
			{ json: { error: expect.any(String) }, pairedItem: { item: 0 } },
		]);
	});

	it('runs connected nodes in order', async () => {
		const second = callNode(
			{ path: '/second' },
			{ id: 'node-2', name: 'Second', position: [200, 0] },
		);

		const result = await runWorkflow({
			nodes: [callNode({ path: '/first' }), second],
			connections: { Call: { main: [[{ node: 'Second', type: 'main', index: 0 }]] } },
			credentials: [credential({ apiKey: 'key', sessionToken: 'tok' })],
			packageDir,
		});

		expect(result.status).toBe('success');
		expect(received.map(({ url }) => url)).toEqual(['/first', '/second']);
		expect(result.output('Second')).toHaveLength(1);
	});

	it('explains that the package must be built when dist/ is missing', async () => {
		const unbuilt = mkdtempSync(path.join(tmpdir(), 'harness-unbuilt-'));
		writeFileSync(
			path.join(unbuilt, 'package.json'),
			JSON.stringify({ name: 'unbuilt', version: '1.0.0', n8n: { nodes: ['dist/A.node.js'] } }),
		);

		await expect(runWorkflow({ nodes: [callNode()], packageDir: unbuilt })).rejects.toThrow(
			'missing dist/A.node.js. Build it first (npm run build).',
		);
		rmSync(unbuilt, { recursive: true });
	});
});

describe('testCredential', () => {
	it('passes when the test request succeeds with a freshly fetched token', async () => {
		answer = ({ url, authorization }) =>
			url === '/token'
				? { status: 200, body: { token: 'test-token' } }
				: { status: authorization === 'Bearer test-token' ? 200 : 401, body: {} };

		const result = await testCredential(
			EXAMPLE_CREDENTIAL_TYPE,
			{ baseUrl, apiKey: 'key', sessionToken: 'old' },
			packageDir,
		);

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(received.map(({ method, url }) => `${method} ${url}`)).toEqual([
			'POST /token',
			'GET /me',
		]);
	});

	it('reports the message of a matching responseCode rule', async () => {
		answer = ({ url }) => ({ status: url === '/token' ? 200 : 403, body: { token: 't' } });

		const result = await testCredential(
			EXAMPLE_CREDENTIAL_TYPE,
			{ baseUrl, apiKey: 'key' },
			packageDir,
		);

		expect(result).toEqual({ status: 'Error', message: 'The API key was refused' });
	});

	it('reports the HTTP status text for other failures', async () => {
		answer = ({ url }) => ({ status: url === '/token' ? 200 : 500, body: { token: 't' } });

		const result = await testCredential(
			EXAMPLE_CREDENTIAL_TYPE,
			{ baseUrl, apiKey: 'key' },
			packageDir,
		);

		expect(result).toEqual({ status: 'Error', message: 'Internal Server Error' });
	});

	it('fails on a matching responseSuccessBody rule', async () => {
		answer = ({ url }) => ({
			status: 200,
			body: url === '/token' ? { token: 't' } : { account: { status: 'suspended' } },
		});

		const result = await testCredential(
			EXAMPLE_CREDENTIAL_TYPE,
			{ baseUrl, apiKey: 'key' },
			packageDir,
		);

		expect(result).toEqual({ status: 'Error', message: 'The account is suspended' });
	});

	it('applies the rules to a failed token exchange too, as n8n does', async () => {
		answer = () => ({ status: 403, body: {} });

		const result = await testCredential(
			EXAMPLE_CREDENTIAL_TYPE,
			{ baseUrl, apiKey: 'bad' },
			packageDir,
		);

		expect(result).toEqual({ status: 'Error', message: 'The API key was refused' });
		expect(received.map(({ url }) => url)).toEqual(['/token']);
	});

	it('reports the network error code when nothing listens', async () => {
		const result = await testCredential(
			EXAMPLE_CREDENTIAL_TYPE,
			{ baseUrl: 'http://127.0.0.1:1', apiKey: 'key' },
			packageDir,
		);

		expect(result).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
	});
});
