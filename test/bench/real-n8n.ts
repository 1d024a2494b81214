/**
 * `npm run bench:n8n`: the benchmark's workload in a real n8n 2.41 (the package installed the Community
 * Nodes way, each run a CLI `execute`), against the sandbox in this process with 50 ms latency. Prints how
 * long the Levers Call node ran (n8n's own executionTime) next to the latency-bound minimum. Asserts nothing.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import {
	executionJson,
	installPackage,
	n8nCommand,
	newN8nInstance,
	succeeded,
	workflowNode,
} from '../e2e/n8n-process';
import type { N8nInstance } from '../e2e/n8n-process';
import { LeversSandbox } from '../sandbox/levers-sandbox';
import { contacts, nodeParameters } from './workload';

const TOKEN = 'real-n8n-bench-token';
const LATENCY_MS = 50;
const CONCURRENCY = 10;
const CREDENTIAL = { id: 'LeversBenchCred1', name: 'Levers sandbox' };
const RUNS = [
	{ calls: 200, onError: 'stopWorkflow' },
	{ calls: 200, onError: 'continueRegularOutput' },
	{ calls: 1000, onError: 'stopWorkflow' },
	{ calls: 1000, onError: 'continueRegularOutput' },
] as const;
const REPEATS = 2;
const workflowId = (run: number) => `LeversBench${String(run).padStart(5, '0')}`;

/** Manual trigger → a Code node making the contacts → Levers Call, as in `npm run bench`. */
function workflow(id: string, calls: number, onError: string) {
	const jsCode = `return ${JSON.stringify(contacts(calls))}.map((json) => ({ json }));`;
	const node = (name: string, type: string, typeVersion: number, parameters: object, extra = {}) =>
		workflowNode('bench', name, type, typeVersion, parameters, extra);
	return {
		id,
		name: id,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', 1, {}),
			node('Contacts', 'n8n-nodes-base.code', 2, { jsCode }),
			node('Levers Call', 'n8n-nodes-levers.leversCall', 1, nodeParameters('call', CONCURRENCY), {
				credentials: { leversApi: CREDENTIAL },
				onError,
			}),
		],
		connections: {
			Start: { main: [[{ node: 'Contacts', type: 'main', index: 0 }]] },
			Contacts: { main: [[{ node: 'Levers Call', type: 'main', index: 0 }]] },
		},
	};
}

async function setUp(sandbox: LeversSandbox): Promise<N8nInstance> {
	const n8n = await newN8nInstance('levers-bench-n8n-');
	const { userFolder } = n8n;
	installPackage(n8n);
	const data = { authType: 'accessToken', accessToken: TOKEN, baseUrl: sandbox.url };
	const credentials = path.join(userFolder, 'credentials.json');
	writeFileSync(credentials, JSON.stringify([{ ...CREDENTIAL, type: 'leversApi', data }]));
	succeeded(await n8nCommand(n8n, 'import:credentials', `--input=${credentials}`));
	const workflows = path.join(userFolder, 'workflows');
	mkdirSync(workflows);
	RUNS.forEach(({ calls, onError }, index) => {
		const id = workflowId(index);
		writeFileSync(path.join(workflows, `${id}.json`), JSON.stringify(workflow(id, calls, onError)));
	});
	succeeded(await n8nCommand(n8n, 'import:workflow', '--separate', `--input=${workflows}`));
	return n8n;
}

async function main(): Promise<void> {
	const sandbox = await LeversSandbox.start({ accessTokens: [TOKEN], latencyMs: LATENCY_MS });
	const n8n = await setUp(sandbox);
	const lines = [
		`Real n8n 2.41.1, Node ${process.version}; sandbox latency ${LATENCY_MS} ms; concurrency ${CONCURRENCY}.`,
		'',
		'| Calls | On Error | Levers Call ran (s) | × latency-bound minimum | Placed | Duplicates |',
		'| --- | --- | --- | --- | --- | --- |',
	];
	try {
		for (const [index, { calls, onError }] of RUNS.entries()) {
			for (let repeat = 0; repeat < REPEATS; repeat++) {
				sandbox.reset();
				process.stderr.write(`bench:n8n: ${calls} calls, ${onError}…\n`);
				const run = succeeded(
					await n8nCommand(n8n, 'execute', `--id=${workflowId(index)}`, '--rawOutput'),
				);
				const execution = executionJson(run) as unknown as {
					data: { resultData: { runData: Record<string, Array<{ executionTime: number }>> } };
				};
				const ms = execution.data.resultData.runData['Levers Call'][0].executionTime;
				const minimumMs = (calls / CONCURRENCY) * LATENCY_MS;
				const numbers = sandbox.acceptedCalls().map((call) => call.body.numberToCall);
				lines.push(
					`| ${calls} | ${onError} | ${(ms / 1000).toFixed(2)} | ${(ms / minimumMs).toFixed(2)} | ${numbers.length} | ${numbers.length - new Set(numbers).size} |`,
				);
			}
		}
	} finally {
		await sandbox.close();
		rmSync(n8n.userFolder, { recursive: true, force: true });
	}
	process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: Error) => {
	process.stderr.write(`bench:n8n failed: ${error.stack ?? error.message}\n`);
	process.exit(1);
});
