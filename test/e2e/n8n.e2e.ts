import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { LeversSandbox } from '../sandbox/levers-sandbox';
import type { RecordedRequest } from '../sandbox/levers-sandbox';
import {
	executionJson,
	installPackage,
	n8nCommand,
	newN8nInstance,
	nodeOutput,
	startN8nServer,
	succeeded,
} from './n8n-process';
import type { N8nInstance, N8nServer } from './n8n-process';

/**
 * The packed package installed into a real n8n 2.41 the way Settings → Community Nodes does, the example
 * workflows imported and run headless (CLI) and as a live webhook (server), against the local sandbox.
 */
const REPO_ROOT = path.resolve(__dirname, '../..');
const EXAMPLES = path.join(REPO_ROOT, 'examples');
const ACCESS_TOKEN = 'e2e-access-token-7c41d9';
const CLIENT = { clientId: 'e2e-client', clientSecret: 'e2e-secret-2b8f6e' };
const TOKEN_CREDENTIAL_ID = 'LeversSandbox001'; // the ids the example workflows refer to
const WEBHOOK_KEY_CREDENTIAL_ID = 'LeversWebhookKey';
const WEBHOOK_KEY = { name: 'X-Webhook-Key', value: 'e2e-webhook-key-5e0a71' };
const CLIENT_CREDENTIAL_ID = 'LeversClient0001';
const CLIENT_WORKFLOW_ID = 'LeversE2EClient1';

const phases: Array<[string, number]> = [];
async function phase<T>(name: string, work: () => Promise<T>): Promise<T> {
	const started = Date.now();
	try {
		return await work();
	} finally {
		phases.push([name, Date.now() - started]);
	}
}

let sandbox: LeversSandbox;
let n8n: N8nInstance;
let packageFolder: string;
let server: N8nServer | undefined;
const issuedTokens: string[] = [];

const calls = () => sandbox.callRequests();

const bodies = (requests: RecordedRequest[]) => requests.map((request) => request.rawBody);

beforeAll(async () => {
	sandbox = await LeversSandbox.start({ accessTokens: [ACCESS_TOKEN], clients: [CLIENT] });
	n8n = await newN8nInstance('levers-e2e-');
	const { userFolder } = n8n;

	await phase('install the packed tarball', async () => {
		packageFolder = installPackage(n8n);
	});

	await phase('import credentials and workflows', async () => {
		const credentials = [
			{
				id: TOKEN_CREDENTIAL_ID,
				name: 'Levers sandbox',
				type: 'leversApi',
				data: { authType: 'accessToken', accessToken: ACCESS_TOKEN, baseUrl: sandbox.url },
			},
			{
				id: CLIENT_CREDENTIAL_ID,
				name: 'Levers sandbox (client)',
				type: 'leversApi',
				data: { authType: 'clientCredentials', ...CLIENT, baseUrl: sandbox.url },
			},
			{
				id: WEBHOOK_KEY_CREDENTIAL_ID,
				name: 'Levers webhook key',
				type: 'httpHeaderAuth',
				data: WEBHOOK_KEY,
			},
		];
		writeFileSync(path.join(userFolder, 'credentials.json'), JSON.stringify(credentials));
		succeeded(
			await n8nCommand(n8n, 'import:credentials', `--input=${userFolder}/credentials.json`),
		);

		// The examples as shipped, plus the contacts example on the Client ID and Secret credential.
		const workflows = path.join(userFolder, 'workflows');
		execFileSync('cp', ['-r', EXAMPLES, workflows]);
		const contacts = JSON.parse(
			readFileSync(path.join(EXAMPLES, 'call-contacts-from-rows.json'), 'utf8'),
		);
		contacts.id = CLIENT_WORKFLOW_ID;
		contacts.name += ' (client credentials)';
		for (const node of contacts.nodes) {
			if (!node.credentials) continue;
			node.credentials = {
				leversApi: { id: CLIENT_CREDENTIAL_ID, name: 'Levers sandbox (client)' },
			};
			// As the example was saved before the error branch: failures stay on the one output.
			node.onError = 'continueRegularOutput';
		}
		writeFileSync(path.join(workflows, 'client-credentials.json'), JSON.stringify(contacts));
		const imported = succeeded(
			await n8nCommand(n8n, 'import:workflow', '--separate', `--input=${workflows}`),
		);
		expect(imported.output).toContain(
			`Successfully imported ${readdirSync(workflows).length} workflows`,
		);
	});
}, 180_000);

afterAll(async () => {
	await server?.stop();
	await sandbox?.close();
	rmSync(n8n.userFolder, { recursive: true, force: true });
	const width = Math.max(...phases.map(([name]) => name.length));
	process.stdout.write(
		`\nEnd-to-end phases:\n${phases.map(([name, ms]) => `  ${name.padEnd(width)}  ${(ms / 1000).toFixed(1)} s`).join('\n')}\n`,
	);
}, 60_000);

beforeEach(() => sandbox.reset());

test('contacts example with an access token: good rows called once each, the bad row stopped before Levers', async () => {
	const run = await phase('execute the contacts example', () =>
		n8nCommand(n8n, 'execute', '--id=LeversExample001', '--rawOutput'),
	);

	succeeded(run);
	expect(bodies(calls())).toEqual([
		'{"numberToCall":"+966123412345","firstName":"Sara","lastName":"Al-Harbi","metadata":{"crm_id":"crm-1001","campaign":"payment-reminders"},"promptTags":{"amount":"$500.00","due_date":"January 15, 2026"}}',
		'{"numberToCall":"+14155550100","firstName":"John","lastName":"Doe","metadata":{"crm_id":"crm-1002","campaign":"payment-reminders"},"promptTags":{"amount":"$1,200.00","due_date":"February 1, 2026"}}',
	]);
	expect(calls().map((request) => request.headers.authorization)).toEqual([
		`Bearer ${ACCESS_TOKEN}`,
		`Bearer ${ACCESS_TOKEN}`,
	]);

	// The example routes failures to a visible branch (On Error → Continue (using error output)).
	const [called, notCalled] =
		executionJson(run).data.resultData.runData['Levers Call'][0].data!.main;
	expect(called.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	expect(called[0].json).toMatchObject({
		outcome: 'placed',
		success: true,
		statusCode: 201,
		response: { message: 'Phone call initiated' },
	});
	expect(called[1].json).toMatchObject({ outcome: 'placed', success: true, statusCode: 201 });
	expect(nodeOutput(executionJson(run), 'Called')).toHaveLength(2);
	// n8n's error shape: the input row, the message as `error`, what happened under `details`.
	// The message is the zod schema's: the validation runs inside n8n on n8n's zod (see the next test).
	expect(notCalled.map((item) => item.pairedItem)).toEqual([{ item: 2 }]);
	expect(notCalled[0].json).toMatchObject({
		firstName: 'Omar',
		error: expect.stringMatching(
			/^numberToCall: "0501234567" is not an international phone number .* \[item 2\]$/,
		),
		details: {
			outcome: 'failed',
			success: false,
			description: 'No call was placed for this item.',
			field: 'numberToCall',
		},
	});
	expect(nodeOutput(executionJson(run), 'Not called: check these')).toHaveLength(1);
}, 60_000);

test('zod comes from n8n: the installed package has no copy of its own, and n8n resolves the one it ships', () => {
	expect(packageFolder).toBe(path.join(n8n.userFolder, '.n8n/nodes/node_modules/n8n-nodes-levers'));
	expect(existsSync(path.join(packageFolder, 'node_modules/zod'))).toBe(false);
	expect(existsSync(path.join(n8n.userFolder, '.n8n/nodes/node_modules/zod'))).toBe(false);

	// Before loading community packages n8n puts its own module paths on NODE_PATH
	// (load-nodes-and-credentials.js): resolve 'zod' from the package folder the same way, on Node 24.
	const runtime = execFileSync(
		'bash',
		['-c', 'source scripts/n8n-runtime.sh && echo "$NODE24_BIN" && readlink -f "$N8N_BIN"'],
		{ cwd: REPO_ROOT, encoding: 'utf8' },
	)
		.trim()
		.split('\n');
	const n8nPackage = path.resolve(runtime[1], '../..');
	const resolve = `
		const Module = require('node:module'), path = require('node:path');
		const [folder, n8nDist] = process.argv.slice(1);
		process.env.NODE_PATH = Module._nodeModulePaths(n8nDist).join(path.delimiter);
		Module._initPaths();
		const file = require.resolve('zod', { paths: [folder] });
		const { version } = require(require.resolve('zod/package.json', { paths: [folder] }));
		console.log(JSON.stringify({ file, version }));`;
	const zod = JSON.parse(
		execFileSync(
			path.join(runtime[0], 'node'),
			['-e', resolve, packageFolder, path.join(n8nPackage, 'dist')],
			{ encoding: 'utf8' },
		),
	);

	// n8n's own zod (a dependency of the n8n package), at the version this package is built and tested with.
	expect(zod).toEqual({
		file: path.resolve(n8nPackage, '../zod/index.cjs'),
		version: JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).devDependencies
			.zod,
	});
});

test('Client ID and Secret: one token exchange, then bearer calls; an expired token is renewed once', async () => {
	const first = await phase('execute with client credentials', () =>
		n8nCommand(n8n, 'execute', `--id=${CLIENT_WORKFLOW_ID}`, '--rawOutput'),
	);

	succeeded(first);
	expect(sandbox.tokenExchanges()).toHaveLength(1);
	const issued = (calls()[0].headers.authorization ?? '').replace('Bearer ', '');
	issuedTokens.push(issued);
	expect(issued).toMatch(/\S{8,}/);
	expect(calls().map((request) => [request.headers.authorization, request.status])).toEqual([
		[`Bearer ${issued}`, 201],
		[`Bearer ${issued}`, 201],
	]);

	// n8n stored the token: the next run reuses it until Levers says it has expired.
	const exchangesBefore = sandbox.tokenExchanges().length;
	sandbox.expireIssuedTokens();
	const second = await phase('execute after the token expired', () =>
		n8nCommand(n8n, 'execute', `--id=${CLIENT_WORKFLOW_ID}`, '--rawOutput'),
	);

	succeeded(second);
	expect(sandbox.tokenExchanges()).toHaveLength(exchangesBefore + 1);
	const secondRun = calls().slice(2);
	const rejected = secondRun.filter((request) => request.status === 401);
	const placedRequests = secondRun.filter((request) => request.status === 201);
	const renewed = (placedRequests[0]?.headers.authorization ?? '').replace('Bearer ', '');
	issuedTokens.push(renewed);
	expect(renewed).not.toBe(issued);
	// Only the expired token was refused (a 401 places nothing), and only before the renewal; every
	// call after it carries the renewed token. (Real n8n sends the first contact twice with the old token.)
	expect(rejected.length).toBeGreaterThan(0);
	expect(rejected.map((request) => request.headers.authorization)).toEqual(
		rejected.map(() => `Bearer ${issued}`),
	);
	expect(secondRun.slice(rejected.length)).toEqual(placedRequests);
	expect(placedRequests.map((request) => request.headers.authorization)).toEqual([
		`Bearer ${renewed}`,
		`Bearer ${renewed}`,
	]);
	// Each contact was placed exactly once in this run.
	const placed = bodies(secondRun.filter((request) => request.status === 201));
	expect(new Set(placed).size).toBe(2);
	expect(nodeOutput(executionJson(second), 'Levers Call').map((item) => item.json.success)).toEqual(
		[true, true, false],
	);
}, 60_000);

describe('n8n server', () => {
	/** The owner's session, for the editor's REST API. */
	let cookie = '';

	beforeAll(async () => {
		await phase('publish the webhook example', async () => {
			succeeded(await n8nCommand(n8n, 'publish:workflow', '--id=LeversExample002'));
		});
		server = await phase('start n8n', () => startN8nServer(n8n, Number(n8n.env.N8N_PORT)));
		const owner = {
			email: 'e2e@levers.local',
			firstName: 'E2e',
			lastName: 'Owner',
			password: 'Levers-e2e-1',
		};
		const setup = await fetch(`${server.url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(owner),
		});
		expect(`${setup.status} ${await setup.clone().text()}`).toMatch(/^200 /);
		cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];
	}, 120_000);

	test('lists the Levers Call node (and its AI tool variant) and the Levers API credential', async () => {
		const nodes = await (
			await fetch(`${server!.url}/types/nodes.json`, { headers: { cookie } })
		).text();
		const credentials = await (
			await fetch(`${server!.url}/types/credentials.json`, { headers: { cookie } })
		).text();

		expect(nodes).toContain('"name":"n8n-nodes-levers.leversCall"');
		expect(nodes).toContain('"name":"n8n-nodes-levers.leversCallTool"');
		expect(credentials).toContain('"name":"leversApi"');
		// The codex file shipped and read: searching the nodes panel for "phone call" finds the node.
		const leversCall = (
			JSON.parse(nodes) as Array<{ name: string; codex?: { alias?: string[] } }>
		).find((node) => node.name === 'n8n-nodes-levers.leversCall');
		expect(leversCall?.codex?.alias).toEqual(expect.arrayContaining(['Phone Call', 'AI Call']));
	});

	test("the credential's Test button: a good token passes; with nothing at the Base URL it says what to do", async () => {
		// What the editor sends for an unsaved credential (the owner may test one without an id).
		const testCredential = async (data: Record<string, unknown>) => {
			const response = await fetch(`${server!.url}/rest/credentials/test`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', cookie },
				body: JSON.stringify({ credentials: { id: '', name: 'Levers', type: 'leversApi', data } }),
			});
			return ((await response.json()) as { data: unknown }).data;
		};

		const good = await testCredential({
			authType: 'accessToken',
			accessToken: ACCESS_TOKEN,
			baseUrl: sandbox.url,
		});
		const unreachable = await testCredential({
			authType: 'clientCredentials',
			...CLIENT,
			baseUrl: 'http://127.0.0.1:1',
		});

		expect(good).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sandbox.requests.map((request) => request.path)).toEqual(['/api-service/v1/contact']);
		expect(unreachable).toEqual({
			status: 'Error',
			message:
				'Could not connect to Levers at http://127.0.0.1:1 — check the Base URL of the credential (the Levers API host, e.g. https://api.dev.uselevers.com) and that this n8n can reach it',
		});
	});

	/** POSTs a JSON body to the webhook example, with its header key unless other headers are given. */
	const postToWebhook = (
		body: unknown,
		headers: Record<string, string> = { [WEBHOOK_KEY.name]: WEBHOOK_KEY.value },
	) =>
		fetch(`${server!.url}/webhook/levers-call`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...headers },
			body: JSON.stringify(body),
		});

	test('webhook example: answers with the call outcome, and refuses a bad or not allowed number without calling', async () => {
		const request = {
			numberToCall: '+966 12 341 2345',
			firstName: 'Sara',
			email: 'sara@example.com',
			metadata: { crm_id: 'crm-77', attempt: 1 },
			promptTags: { amount: '$80.00' },
		};

		const placed = await phase('webhook call', () => postToWebhook(request));

		expect(`${placed.status} ${await placed.clone().text()}`).toMatch(/^200 /);
		expect(await placed.json()).toMatchObject({
			success: true,
			statusCode: 201,
			response: { message: 'Phone call initiated' },
		});
		expect(bodies(calls())).toEqual([
			'{"numberToCall":"+966123412345","firstName":"Sara","email":"sara@example.com","metadata":{"crm_id":"crm-77","attempt":1},"promptTags":{"amount":"$80.00"}}',
		]);

		// Not a phone number, and a valid number outside the example's Allowed Number Prefixes (+966, +1415).
		for (const [numberToCall, problem] of [
			['12345', '"12345" is not an international phone number'],
			['+14255550100', '"+14255550100" is not allowed'],
		]) {
			const refused = await postToWebhook({ ...request, numberToCall });

			expect(refused.status).toBe(422);
			expect(await refused.json()).toMatchObject({
				success: false,
				field: 'numberToCall',
				error: expect.stringContaining(problem),
			});
		}
		expect(calls()).toHaveLength(1);
	});

	test('webhook example: a request without the key, or with a wrong one, is refused (403) and nobody is called', async () => {
		const request = { numberToCall: '+966123412345', firstName: 'Sara' };

		const withoutKey = await postToWebhook(request, {});
		const wrongKey = await postToWebhook(request, { [WEBHOOK_KEY.name]: 'guessed-key' });

		expect(withoutKey.status).toBe(403);
		expect(wrongKey.status).toBe(403);
		expect(sandbox.requests).toEqual([]);
	});
});

test('no token or secret appears in anything n8n printed', async () => {
	await server?.stop();
	server = undefined;
	const printed = n8n.log.join('\n');
	expect(printed.length).toBeGreaterThan(1000);
	for (const secret of [ACCESS_TOKEN, CLIENT.clientSecret, WEBHOOK_KEY.value, ...issuedTokens]) {
		expect(printed).not.toContain(secret);
	}
});
