/**
 * `npm run bench` (scripts/bench.sh compiles this with tsc and runs it): the Levers sandbox in this
 * process, each measured run in a fresh child process (runner.ts). Prints a Markdown table; asserts
 * nothing. Options: --n=<calls per timed run> (default 1000), --big=<items in the big runs> (10000),
 * --timed=<concurrencies> (e.g. 1,10: only the timed runs at those, for a quick comparison),
 * --repeat=<rounds of the timed runs> (3): the table shows each timed run's median and range, because one
 * run's overhead per item at concurrency 10 (a few tenths of a millisecond) moves by half between runs.
 */
import { fork } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';

import { LeversSandbox } from '../sandbox/levers-sandbox';
import type { RecordedRequest } from '../sandbox/levers-sandbox';
import type { FromRunner, RunRequest, RunResult, ToRunner } from './runner';
import { RATE, printReport } from './report';
import type { Row } from './report';

const TOKEN = 'bench-token';
const LATENCY_MS = 50;
const REPO_ROOT = path.resolve(process.env.LEVERS_BENCH_REPO ?? process.cwd());

/** The text of `--<name>=<text>`, if given. */
const argument = (name: string) =>
	process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

function integers(name: string, fallback: number[]): number[] {
	const text = argument(name);
	const values = text === undefined ? fallback : text.split(',').map(Number);
	if (values.length === 0 || values.some((value) => !Number.isInteger(value) || value < 1))
		throw new Error(`--${name} must be positive integers`);
	return values;
}

const integer = (name: string, fallback: number) => integers(name, [fallback])[0];

/** The most requests the sandbox held at once: whether the client kept its concurrency busy. */
function maxInFlight(requests: RecordedRequest[]): number {
	const events = requests.flatMap((request) => [
		[request.receivedAt, 1],
		[request.answeredAt ?? Infinity, -1],
	]);
	// At equal times, an answer goes before an arrival: a slot freed and reused is not two in flight.
	events.sort(([timeA, deltaA], [timeB, deltaB]) => timeA - timeB || deltaA - deltaB);
	let current = 0;
	let max = 0;
	for (const [, delta] of events) {
		current += delta;
		max = Math.max(max, current);
	}
	return max;
}

/** Runs one measurement in a fresh process; `beforeRun` runs once it has warmed up. */
function runInChild(request: RunRequest, beforeRun: () => void): Promise<RunResult> {
	return new Promise((resolve, reject) => {
		const child = fork(path.join(__dirname, 'runner.js'), [], { execArgv: ['--expose-gc'] });
		child.on('message', (message: FromRunner) => {
			if (message.type === 'result') return resolve(message.result);
			beforeRun();
			child.send({ type: 'go' } satisfies ToRunner);
		});
		child.once('exit', (code) => reject(new Error(`bench run exited with ${code}`)));
		child.send({ type: 'run', request } satisfies ToRunner);
	});
}

/** Which operations and options the built node has: the benchmark runs what exists. */
async function nodeFeatures(): Promise<{ bulk: boolean; concurrency: boolean }> {
	const file = path.join(REPO_ROOT, 'dist/nodes/LeversCall/LeversCall.node.js');
	const { LeversCall } = (await import(file)) as { LeversCall: new () => { description: unknown } };
	const text = JSON.stringify(new LeversCall().description);
	return { bulk: text.includes('"callBulk"'), concurrency: text.includes('"concurrency"') };
}

async function main(): Promise<void> {
	const n = integer('n', 1000);
	const big = integer('big', 10_000);
	const timedOnly = argument('timed') !== undefined;
	const timed = integers('timed', [1, 5, 10, 25]);
	const repeat = integer('repeat', 3);
	const features = await nodeFeatures();
	const sandbox = await LeversSandbox.start({ accessTokens: [TOKEN], latencyMs: LATENCY_MS });
	const rows: Row[] = [];

	const measure = async (row: Omit<Row, 'result' | 'sandbox'>, setUp?: () => void, round = '') => {
		sandbox.reset();
		process.stderr.write(`bench: ${row.label} ×${row.count} at ${row.concurrency}${round}…\n`);
		const request = {
			kind: row.kind,
			url: sandbox.url,
			token: TOKEN,
			packageDir: REPO_ROOT,
			count: row.count,
			concurrency: row.concurrency,
		};
		const result = await runInChild(request, () => {
			sandbox.reset();
			setUp?.();
		});
		const numbers = sandbox.acceptedCalls().map((call) => call.body.numberToCall);
		rows.push({
			...row,
			result,
			sandbox: {
				requests: sandbox.callRequests().length + sandbox.bulkRequests().length,
				tooMany: sandbox.requests.filter((request) => request.status === 429).length,
				accepted: numbers.length,
				duplicates: numbers.length - new Set(numbers).size,
				connections: sandbox.connectionsOpened(),
				maxInFlight: maxInFlight(sandbox.requests),
			},
		});
	};

	try {
		// Rounds rather than runs back to back, so a slow minute of the machine hits every row alike.
		for (let round = 1; round <= repeat; round++) {
			const ofRounds = repeat > 1 ? `, round ${round} of ${repeat}` : '';
			const timedRow = (label: string, kind: Row['kind'], concurrency: number) =>
				measure({ group: 'timed', label, kind, count: n, concurrency }, undefined, ofRounds);
			for (const concurrency of timed) await timedRow('raw fetch', 'raw', concurrency);
			// The floor for a node that must send through n8n's helper: one connection per request.
			// And n8n's helper in a node that does nothing else: the floor for Levers Call itself.
			for (const concurrency of timed.filter((c) => c === 1 || c === 10)) {
				await timedRow('raw http, a connection per request', 'rawNewConnection', concurrency);
				await timedRow("bare node, n8n's helper only", 'bareHelper', concurrency);
			}
			for (const concurrency of timed) await timedRow('Levers Call', 'call', concurrency);
		}
		if (!timedOnly) {
			// The target run tells Retry-After in seconds; the other two show the date form and the back-off.
			for (const retryAfter of ['seconds', 'http-date', 'absent'] as const) {
				await measure(
					{
						group: 'rate',
						label: `Levers Call, Retry-After ${retryAfter}`,
						kind: 'call',
						count: 200,
						concurrency: 10,
					},
					() => sandbox.setRateLimit({ ...RATE, retryAfter }),
				);
			}
			// Memory, not time: without latency, so a node without concurrency still finishes in a minute.
			await measure(
				{
					group: 'memory',
					label: 'Levers Call, no latency',
					kind: 'call',
					count: big,
					concurrency: 10,
				},
				() => sandbox.setLatency(0),
			);
			if (features.bulk) {
				await measure({
					group: 'bulk',
					label: 'Levers Call bulk',
					kind: 'callBulk',
					count: big,
					concurrency: 1,
				});
			}
		}
	} finally {
		await sandbox.close();
	}
	printReport(rows, {
		date: new Date().toISOString(),
		machine: `${cpus().length} cores (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`,
		latencyMs: LATENCY_MS,
		features,
	});
}

main().catch((error: Error) => {
	process.stderr.write(`bench failed: ${error.stack ?? error.message}\n`);
	process.exit(1);
});
