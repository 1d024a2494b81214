import type { RunRequest, RunResult } from './runner';

/** One measured run (or, once merged, the median of its rounds) and what the sandbox saw of it. */
export interface Row {
	group: 'timed' | 'rate' | 'memory' | 'bulk';
	label: string;
	kind: RunRequest['kind'];
	count: number;
	concurrency: number;
	result: RunResult;
	sandbox: {
		requests: number;
		tooMany: number;
		accepted: number;
		duplicates: number;
		connections: number;
		maxInFlight: number;
	};
	/** The wall times of every round of this run, after mergeRounds. */
	wallsMs?: number[];
}

interface Context {
	date: string;
	machine: string;
	latencyMs: number;
	features: { bulk: boolean; concurrency: boolean };
}

export const RATE = { perSecond: 20, burst: 20 };

type Column = [header: string, cell: (row: Row) => string];

const fixed = (value: number, digits: number) => value.toFixed(digits);
const seconds = (ms: number) => fixed(ms / 1000, 2);
const megabytes = (bytes: number) => fixed(bytes / 2 ** 20, 0);
const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');
/** The lowest and highest of sorted values, shown with `show`. */
const range = (sorted: number[], show: (value: number) => string) =>
	sorted.length > 1 ? `${show(sorted[0])}–${show(sorted[sorted.length - 1])}` : show(sorted[0]);

function table(rows: Row[], columns: Column[]): string {
	const lines = [
		columns.map(([header]) => header),
		columns.map(() => '---'),
		...rows.map((row) => columns.map(([, cell]) => cell(row))),
	];
	return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/**
 * One row per run measured in several rounds: the round with the median wall time stands for it, and the
 * counts that must be zero keep their worst round, so a duplicate in any round shows.
 */
export function mergeRounds(rows: Row[]): Row[] {
	const rounds = new Map<string, Row[]>();
	for (const row of rows) {
		const key = `${row.group} ${row.label} ${row.concurrency} ${row.count}`;
		rounds.set(key, [...(rounds.get(key) ?? []), row]);
	}
	return [...rounds.values()].map((runs) => {
		const byWall = [...runs].sort((a, b) => a.result.wallMs - b.result.wallMs);
		const median = byWall[Math.floor((byWall.length - 1) / 2)];
		return {
			...median,
			sandbox: {
				...median.sandbox,
				accepted: Math.min(...runs.map((run) => run.sandbox.accepted)),
				duplicates: Math.max(...runs.map((run) => run.sandbox.duplicates)),
			},
			wallsMs: byWall.map((run) => run.result.wallMs),
		};
	});
}

const notPlaced = (row: Row) => row.count - row.sandbox.accepted;
const common: Record<string, Column> = {
	wall: ['Wall (s)', (row) => seconds(row.result.wallMs)],
	cpu: ['Client CPU ms/item', (row) => fixed(row.result.cpuMs / row.count, 2)],
	connections: ['Connections', (row) => String(row.sandbox.connections)],
	inFlight: ['Max in flight', (row) => String(row.sandbox.maxInFlight)],
	notPlaced: ['Not placed', (row) => String(notPlaced(row))],
	duplicates: ['Duplicates', (row) => String(row.sandbox.duplicates)],
};

export function printReport(measured: Row[], context: Context): void {
	const { latencyMs } = context;
	const rows = mergeRounds(measured);
	const rounds = Math.max(...rows.map((row) => row.wallsMs?.length ?? 1));
	/** Time per item beyond what the latency forces at this concurrency. */
	const overheadMs = (row: Row) => row.result.wallMs / row.count - latencyMs / row.concurrency;
	const raw = (concurrency: number) =>
		rows.find((row) => row.kind === 'raw' && row.concurrency === concurrency);
	const node = (concurrency: number) =>
		rows.find(
			(row) => row.kind === 'call' && row.group === 'timed' && row.concurrency === concurrency,
		);
	const againstRaw = (row: Row, value: (row: Row) => number) => {
		const base = raw(row.concurrency);
		return base ? fixed(value(row) / value(base), 2) : '–';
	};
	const rateRows = rows.filter((row) => row.group === 'rate');
	const rate = rateRows[0];
	const minimumMs = rate ? ((rate.count - RATE.burst) / RATE.perSecond) * 1000 : 0;

	const out = [
		`Measured ${context.date} on ${context.machine}; sandbox latency ${latencyMs} ms.`,
		`Node under test: options.concurrency ${context.features.concurrency ? 'present' : 'absent'}, callBulk ${context.features.bulk ? 'present' : 'absent'}.`,
		`Timed runs: ${rounds} round(s); each figure is the median round's, and the range is over all rounds.`,
		'',
		table(
			rows.filter((row) => row.group === 'timed'),
			[
				['Run', (row) => row.label],
				['Concurrency', (row) => String(row.concurrency)],
				['Calls', (row) => String(row.count)],
				common.wall,
				['Wall range (s)', (row) => range(row.wallsMs ?? [row.result.wallMs], seconds)],
				['Calls/s', (row) => fixed((row.count / row.result.wallMs) * 1000, 0)],
				['× raw', (row) => againstRaw(row, (r) => r.result.wallMs)],
				['Overhead ms/item', (row) => fixed(overheadMs(row), 2)],
				[
					'Overhead range',
					(row) =>
						range(row.wallsMs ?? [row.result.wallMs], (wallMs) =>
							fixed(overheadMs({ ...row, result: { ...row.result, wallMs } }), 2),
						),
				],
				['Overhead × raw', (row) => againstRaw(row, overheadMs)],
				common.cpu,
				common.connections,
				common.inFlight,
				common.notPlaced,
				common.duplicates,
			],
		),
	];
	if (rate) {
		out.push(
			'',
			table(rateRows, [
				['Rate-limited run', (row) => row.label],
				['Calls', (row) => String(row.count)],
				['Concurrency', (row) => String(row.concurrency)],
				common.wall,
				[`× minimum (${seconds(minimumMs)} s)`, (row) => fixed(row.result.wallMs / minimumMs, 2)],
				['429s seen', (row) => String(row.sandbox.tooMany)],
				common.notPlaced,
				common.duplicates,
			]),
		);
	}
	out.push(
		'',
		table(
			rows.filter((row) => row.group === 'memory' || row.group === 'bulk'),
			[
				['Large run', (row) => row.label],
				['Items', (row) => String(row.count)],
				['Requests', (row) => String(row.sandbox.requests)],
				common.wall,
				['Peak RSS (MB)', (row) => megabytes(row.result.peakRss)],
				['Growth over idle (MB)', (row) => megabytes(row.result.peakRss - row.result.baselineRss)],
				common.cpu,
				common.notPlaced,
				common.duplicates,
			],
		),
		'',
		rounds > 1 ? `Targets (issue 7), on the medians of ${rounds} rounds:` : 'Targets (issue 7):',
	);

	const [node10, raw10] = [node(10), raw(10)];
	if (node10 && raw10) {
		const ratio = node10.result.wallMs / raw10.result.wallMs;
		out.push(
			`- Concurrency 10 within 1.15× the raw loop at 10: ${fixed(ratio, 2)}×, ${verdict(ratio <= 1.15)}`,
		);
	}
	for (const concurrency of [1, 10]) {
		const [n, r] = [node(concurrency), raw(concurrency)];
		if (!n || !r) continue;
		const ratio = overheadMs(n) / overheadMs(r);
		out.push(
			`- Overhead per item at most 1.5× the raw loop's (concurrency ${concurrency}): ${fixed(ratio, 2)}×, ${verdict(ratio <= 1.5)}`,
		);
	}
	// Not targets: the floors any node sending through n8n's helper stands on, for comparison.
	const references = [
		{
			kind: 'rawNewConnection',
			name: "a raw loop with a connection per request (as n8n's helper sends)",
		},
		{ kind: 'bareHelper', name: "a bare node sending through n8n's helper" },
	];
	for (const concurrency of [1, 10]) {
		const [n, r] = [node(concurrency), raw(concurrency)];
		for (const { kind, name } of references) {
			const floor = rows.find((row) => row.kind === kind && row.concurrency === concurrency);
			if (!floor || !n || !r) continue;
			out.push(
				`- For reference, at concurrency ${concurrency} ${name} is ${fixed(floor.result.wallMs / r.result.wallMs, 2)}× the raw fetch loop with ${fixed(overheadMs(floor) / overheadMs(r), 2)}× its overhead per item; Levers Call is ${fixed(n.result.wallMs / floor.result.wallMs, 2)}× it with ${fixed(overheadMs(n) / overheadMs(floor), 2)}× its overhead.`,
			);
		}
	}
	if (rate) {
		const ratio = rate.result.wallMs / minimumMs;
		const ok = ratio <= 1.2 && notPlaced(rate) === 0 && rate.sandbox.duplicates === 0;
		out.push(
			`- Rate-limited run (Retry-After in seconds) within 1.2× of ${seconds(minimumMs)} s with 0 failures and 0 duplicates: ${fixed(ratio, 2)}×, ${notPlaced(rate)} not placed, ${rate.sandbox.duplicates} duplicates, ${verdict(ok)}`,
		);
	}
	process.stdout.write(`${out.join('\n')}\n`);
}
