/**
 * One measured run in its own process (forked by main.ts), so its memory is its own and the sandbox in
 * the parent does not share its CPU time: a raw fetch loop, or Levers Call through n8n-core.
 */
import '../setup';

import http from 'node:http';

import type { INode, INodeExecutionData, INodeType } from 'n8n-workflow';

import { runWorkflow } from '../harness';
import type { StoredCredential } from '../harness';
import { BARE_HELPER_TYPE, bareHelperNodeType } from './bare-helper-node';
import { inFlight } from './in-flight';
import { accessTokenCredential, leversCallNode } from '../levers-support';
import type { LeversSandbox } from '../sandbox/levers-sandbox';
import { callBody, contacts, nodeParameters } from './workload';
import type { Contact } from './workload';

export interface RunRequest {
	kind: 'raw' | 'rawNewConnection' | 'bareHelper' | 'call' | 'callBulk';
	url: string;
	token: string;
	packageDir: string;
	count: number;
	concurrency: number;
}

export interface RunResult {
	wallMs: number;
	/** Resident memory before the run and its peak during the run, in bytes. */
	baselineRss: number;
	peakRss: number;
	/** CPU time (user + system) this process spent on the run: steadier than wall time on a busy machine. */
	cpuMs: number;
	/** Output items by outcome (placed, failed, ...); for raw runs, by HTTP status. */
	outcomes: Record<string, number>;
}

const callUrl = (request: RunRequest) => `${request.url}/api-service/v1/ai/phone-calls/action/call`;
const headers = (request: RunRequest) => ({
	authorization: `Bearer ${request.token}`,
	'content-type': 'application/json',
});

/** Sends the contacts with `post` (which reads the answer in full and gives its status): how many had each status. */
async function inFlightLoop(
	request: RunRequest,
	items: Contact[],
	post: (contact: Contact) => Promise<number>,
): Promise<Record<string, number>> {
	const statuses: string[] = [];
	await inFlight(items, request.concurrency, async (contact) => {
		statuses.push(String(await post(contact)));
	});
	return tally(statuses);
}

/** Node's fetch, on kept-alive connections: the best a client can do. */
const rawLoop = (request: RunRequest, items: Contact[]) =>
	inFlightLoop(request, items, async (contact) => {
		const response = await fetch(callUrl(request), {
			method: 'POST',
			headers: headers(request),
			body: JSON.stringify(callBody(contact)),
		});
		await response.text();
		return response.status;
	});

/**
 * Each request on a connection of its own, as n8n's request helper sends them (it builds a new http.Agent
 * per request): the floor for any node that must use that helper.
 */
const rawLoopNewConnections = (request: RunRequest, items: Contact[]) =>
	inFlightLoop(
		request,
		items,
		(contact) =>
			new Promise<number>((resolve, reject) => {
				const options = { method: 'POST', agent: new http.Agent(), headers: headers(request) };
				const sent = http.request(callUrl(request), options, (response) => {
					let text = '';
					response.setEncoding('utf8');
					response.on('data', (chunk: string) => (text += chunk));
					response.on('end', () => {
						JSON.parse(text);
						resolve(response.statusCode ?? 0);
					});
				});
				sent.on('error', reject);
				sent.end(JSON.stringify(callBody(contact)));
			}),
	);

/** How many times each value occurs. */
function tally(values: string[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
	return counts;
}

/** Runs one node over the contacts through n8n-core, with the sandbox's token, and returns its output. */
async function runNode(
	request: RunRequest,
	items: Contact[],
	makeNode: (credential: StoredCredential) => INode,
	nodeTypes?: INodeType[],
): Promise<INodeExecutionData[]> {
	// The sandbox runs in the parent: only its URL is needed here.
	const credential = accessTokenCredential({ url: request.url } as LeversSandbox, request.token);
	const node = makeNode(credential);
	const result = await runWorkflow({
		nodes: [node],
		inputItems: items.map((contact) => ({ json: { ...contact } })),
		credentials: [credential],
		packageDir: request.packageDir,
		nodeTypes,
	});
	if (result.status !== 'success') throw result.error ?? new Error(`run ended ${result.status}`);
	return result.output(node.name);
}

async function leversCall(request: RunRequest, items: Contact[]): Promise<Record<string, number>> {
	const kind = request.kind === 'callBulk' ? 'callBulk' : 'call';
	// Continue On Fail, so a run with failures still reports every item.
	const output = await runNode(request, items, (credential) =>
		leversCallNode(nodeParameters(kind, request.concurrency), credential, {
			onError: 'continueRegularOutput',
		}),
	);
	return tally(
		output.map(({ json }) => String(json.outcome ?? (json.success ? 'placed' : 'failed'))),
	);
}

/** The bare node of bare-helper-node.ts through n8n-core: what n8n's helper costs without Levers Call. */
async function bareHelper(request: RunRequest, items: Contact[]): Promise<Record<string, number>> {
	const parameters = { url: callUrl(request), concurrency: request.concurrency };
	const output = await runNode(
		request,
		items,
		(credential) => ({
			...leversCallNode(parameters, credential),
			name: 'Bare Helper Loop',
			type: BARE_HELPER_TYPE,
		}),
		[bareHelperNodeType],
	);
	return tally(output.map(({ json }) => String(json.statusCode)));
}

/** Messages between main.ts and this process. */
export type ToRunner = { type: 'run'; request: RunRequest } | { type: 'go' };
export type FromRunner = { type: 'ready' } | { type: 'result'; result: RunResult };

const send = (message: FromRunner) =>
	new Promise<void>((resolve) => process.send?.(message, () => resolve()));
const nextMessage = () => new Promise<ToRunner>((resolve) => process.once('message', resolve));

async function measure(request: RunRequest): Promise<RunResult> {
	const run =
		{ raw: rawLoop, rawNewConnection: rawLoopNewConnections, bareHelper }[request.kind as string] ??
		leversCall;
	// Warm up: load n8n-core and the package, open a connection, JIT the hot paths. The parent then
	// empties the sandbox, so the warm-up call is not counted.
	await run({ ...request, concurrency: 1 }, contacts(1));
	const items = contacts(request.count);
	global.gc?.();
	await send({ type: 'ready' });
	await nextMessage();
	// rss() alone: memoryUsage() also walks the heap spaces, a cost on every tick of a minute-long run.
	const baselineRss = process.memoryUsage.rss();
	let peakRss = baselineRss;
	const sampler = setInterval(() => {
		peakRss = Math.max(peakRss, process.memoryUsage.rss());
	}, 10);
	const cpuBefore = process.cpuUsage();
	const startedAt = performance.now();
	const outcomes = await run(request, items);
	const wallMs = performance.now() - startedAt;
	const cpu = process.cpuUsage(cpuBefore);
	clearInterval(sampler);
	// The kernel's high-water mark catches peaks between samples.
	peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
	return { wallMs, baselineRss, peakRss, cpuMs: (cpu.user + cpu.system) / 1000, outcomes };
}

nextMessage()
	.then(async (message) => {
		if (message.type !== 'run') throw new Error('expected a run request');
		await send({ type: 'result', result: await measure(message.request) });
		process.exit(0);
	})
	.catch((error: Error) => {
		process.stderr.write(`bench run failed: ${error.stack ?? error.message}\n`);
		process.exit(1);
	});
