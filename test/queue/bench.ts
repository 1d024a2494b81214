/**
 * `npm run bench:queue`: calls per second through n8n's queue mode (main, two webhook processors, workers
 * over Postgres and Redis, scripts/queue-services.sh) against the sandbox answering after 50 ms, with two
 * workers and then with one: twenty executions of 50 calls at once, and one execution of 1,000 calls.
 * Every run must place each of its numbers once; it asserts nothing else.
 */
import os from 'node:os';

import { LeversSandbox } from '../sandbox/levers-sandbox';
import { ACCESS_TOKEN, campaignNumbers, runCampaign } from './cluster';
import type { Cluster } from './cluster';
import { startCluster, stopCluster } from './queue-setup';
import { CAMPAIGN_PATH } from './workflows';

const LATENCY_MS = 50;
const ROUNDS = Number(process.env.LEVERS_BENCH_ROUNDS ?? 3);

interface Row {
	workers: number;
	workload: string;
	callsPerSecond: number[];
}

let next = 100_000;

/** Runs `executions` campaigns of `calls` at once; calls per second from the first request to the last answer. */
async function measure(
	cluster: Cluster,
	sandbox: LeversSandbox,
	executions: number,
	calls: number,
): Promise<number> {
	sandbox.reset();
	const first = next;
	next += executions * calls;
	const started = performance.now();
	const runs = await Promise.all(
		Array.from({ length: executions }, (_, index) =>
			runCampaign(cluster, CAMPAIGN_PATH, first + index * calls, calls),
		),
	);
	const seconds = (performance.now() - started) / 1000;
	const placed = sandbox
		.acceptedCalls()
		.map((call) => String(call.body.numberToCall))
		.sort();
	const expected = campaignNumbers(first, executions * calls);
	if (
		runs.some((run) => run.summary?.outcomes.placed !== calls) ||
		placed.join() !== expected.join()
	)
		throw new Error(`a run did not place each of its numbers once: ${runs.map((run) => run.body)}`);
	return (executions * calls) / seconds;
}

async function measureAll(cluster: Cluster, sandbox: LeversSandbox, workers: number, rows: Row[]) {
	await measure(cluster, sandbox, 2, 10); // warm-up: node code loaded, connections open
	for (const [executions, calls, workload] of [
		[20, 50, '20 executions × 50 calls at once'],
		[1, 1000, '1 execution × 1,000 calls'],
	] as const) {
		const row: Row = { workers, workload, callsPerSecond: [] };
		for (let round = 0; round < ROUNDS; round++) {
			row.callsPerSecond.push(await measure(cluster, sandbox, executions, calls));
		}
		rows.push(row);
		process.stdout.write(`[bench] ${workers} worker(s), ${workload}: ${format(row)}\n`);
	}
}

/** The median round and every round, in calls per second. */
function stats(row: Row) {
	const sorted = [...row.callsPerSecond].sort((a, b) => a - b);
	return {
		median: sorted[Math.floor(sorted.length / 2)].toFixed(0),
		rounds: row.callsPerSecond.map((value) => value.toFixed(0)).join(', '),
	};
}

const format = (row: Row) => `${stats(row).median} calls/s (rounds ${stats(row).rounds})`;

async function main() {
	const rows: Row[] = [];
	const { cluster, running } = await startCluster();
	const sandbox = await LeversSandbox.start({
		port: cluster.sandboxPort,
		accessTokens: [ACCESS_TOKEN],
		latencyMs: LATENCY_MS,
	});
	try {
		await measureAll(cluster, sandbox, 2, rows);
		// One worker: the second one stopped (its jobs all go to the first).
		await running.processes.find((process) => process.label === 'worker-2')!.stop();
		await measureAll(cluster, sandbox, 1, rows);
	} finally {
		await sandbox.close();
		await stopCluster();
	}
	process.stdout.write(
		`\nQueue mode, Levers Call at Concurrency 10, sandbox latency ${LATENCY_MS} ms, ` +
			`${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), load average at the end ${os.loadavg()[0].toFixed(1)}:\n\n` +
			'| workers | workload | calls/s (median of rounds) | rounds |\n| --- | --- | --- | --- |\n' +
			rows
				.map(
					(row) =>
						`| ${row.workers} | ${row.workload} | ${stats(row).median} | ${stats(row).rounds} |`,
				)
				.join('\n') +
			'\n',
	);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exitCode = 1;
});
