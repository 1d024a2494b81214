import type { RunRequest, RunResult } from './runner';

/** One measured run and what the sandbox saw of it. */
export interface Row {
	group: 'timed' | 'rate' | 'memory' | 'bulk';
	label: string;
	kind: RunRequest['kind'];
	count: number;
	concurrency: number;
	result: RunResult;
	sandbox: { requests: number; tooMany: number; accepted: number; duplicates: number };
}

interface Context {
	date: string;
	machine: string;
	latencyMs: number;
	features: { bulk: boolean; concurrency: boolean };
}

const RATE = { perSecond: 20, burst: 20 };

const fixed = (value: number, digits: number) => value.toFixed(digits);
const seconds = (ms: number) => fixed(ms / 1000, 2);
const megabytes = (bytes: number) => fixed(bytes / 2 ** 20, 0);
const table = (header: string[], lines: string[][]) =>
	[header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`).join('\n');

/** Time per item beyond what the latency forces at this concurrency. */
const overheadMs = (row: Row, latencyMs: number) =>
	row.result.wallMs / row.count - latencyMs / row.concurrency;

const notPlaced = (row: Row) => row.count - row.sandbox.accepted;

const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');

export function printReport(rows: Row[], context: Context): void {
	const { latencyMs } = context;
	const raw = (concurrency: number) =>
		rows.find((row) => row.kind === 'raw' && row.concurrency === concurrency);
	const out: string[] = [];
	out.push(`Measured ${context.date} on ${context.machine}; sandbox latency ${latencyMs} ms.`);
	out.push(
		`Node under test: options.concurrency ${context.features.concurrency ? 'present' : 'absent (runs one call at a time)'}, callBulk ${context.features.bulk ? 'present' : 'absent'}.`,
	);

	const timed = rows.filter((row) => row.group === 'timed');
	out.push(
		'',
		table(
			[
				'Run',
				'Concurrency',
				'Calls',
				'Wall (s)',
				'Calls/s',
				'× raw',
				'Overhead ms/item',
				'Overhead × raw',
				'Not placed',
				'Duplicates',
			],
			timed.map((row) => {
				const base = raw(row.concurrency);
				return [
					row.label,
					String(row.concurrency),
					String(row.count),
					seconds(row.result.wallMs),
					fixed((row.count / row.result.wallMs) * 1000, 0),
					base ? fixed(row.result.wallMs / base.result.wallMs, 2) : '–',
					fixed(overheadMs(row, latencyMs), 2),
					base ? fixed(overheadMs(row, latencyMs) / overheadMs(base, latencyMs), 2) : '–',
					String(notPlaced(row)),
					String(row.sandbox.duplicates),
				];
			}),
		),
	);

	const rate = rows.find((row) => row.group === 'rate');
	const minimumMs = rate ? ((rate.count - RATE.burst) / RATE.perSecond) * 1000 : 0;
	if (rate) {
		out.push(
			'',
			table(
				[
					'Rate-limited run',
					'Calls',
					'Concurrency',
					'Wall (s)',
					`× minimum (${seconds(minimumMs)} s)`,
					'429s seen',
					'Not placed',
					'Duplicates',
				],
				[
					[
						rate.label,
						String(rate.count),
						String(rate.concurrency),
						seconds(rate.result.wallMs),
						fixed(rate.result.wallMs / minimumMs, 2),
						String(rate.sandbox.tooMany),
						String(notPlaced(rate)),
						String(rate.sandbox.duplicates),
					],
				],
			),
		);
	}

	const big = rows.filter((row) => row.group === 'memory' || row.group === 'bulk');
	out.push(
		'',
		table(
			[
				'Large run',
				'Items',
				'Requests',
				'Wall (s)',
				'Peak RSS (MB)',
				'Growth over idle (MB)',
				'Not placed',
				'Duplicates',
			],
			big.map((row) => [
				row.label,
				String(row.count),
				String(row.sandbox.requests),
				seconds(row.result.wallMs),
				megabytes(row.result.peakRss),
				megabytes(row.result.peakRss - row.result.baselineRss),
				String(notPlaced(row)),
				String(row.sandbox.duplicates),
			]),
		),
	);

	const node = (concurrency: number) =>
		timed.find((row) => row.kind === 'call' && row.concurrency === concurrency);
	const targets: string[] = [];
	const [node1, node10, raw1, raw10] = [node(1), node(10), raw(1), raw(10)];
	if (node10 && raw10) {
		const ratio = node10.result.wallMs / raw10.result.wallMs;
		targets.push(
			`- Concurrency 10 within 1.15× the raw loop at 10: ${fixed(ratio, 2)}×, ${verdict(ratio <= 1.15)}`,
		);
	}
	for (const [n, r] of [
		[node1, raw1],
		[node10, raw10],
	]) {
		if (!n || !r) continue;
		const ratio = overheadMs(n, latencyMs) / overheadMs(r, latencyMs);
		targets.push(
			`- Overhead per item at most 1.5× the raw loop's (concurrency ${n.concurrency}): ${fixed(ratio, 2)}×, ${verdict(ratio <= 1.5)}`,
		);
	}
	if (rate) {
		const ratio = rate.result.wallMs / minimumMs;
		const ok = ratio <= 1.2 && notPlaced(rate) === 0 && rate.sandbox.duplicates === 0;
		targets.push(
			`- Rate-limited run within 1.2× of ${seconds(minimumMs)} s with 0 failures and 0 duplicates: ${fixed(ratio, 2)}×, ${notPlaced(rate)} not placed, ${rate.sandbox.duplicates} duplicates, ${verdict(ok)}`,
		);
	}
	out.push('', 'Targets (issue 7):', ...targets);
	process.stdout.write(`${out.join('\n')}\n`);
}
