import { callResultsTable } from '../e2e/call-results-table';
import { callEndedPayload, post, signDelivery } from '../sandbox/webhook-delivery';
import type { SignedRequest } from '../sandbox/webhook-delivery';
import { COLLECT_WORKFLOW_ID, MainRest, TRIGGER_WEBHOOK_ID, readCluster } from './cluster';
import type { ExecutionSummary } from './cluster';

/**
 * Check 3: one result, one effect. Deliveries that race each other, as Svix's retries and two webhook
 * processors make them: the collect-results example must record each event exactly once (one row in its
 * Data Table, upserted on eventId), whatever number of executions the trigger started.
 */
const cluster = readCluster();
const rest = new MainRest(cluster.main.url, cluster.cookie);
const table = callResultsTable(rest, cluster.callResults.base, cluster.callResults.id);
const PAIRS = 20;
const triggerOn = (index: number) =>
	`${cluster.webhooks[index % cluster.webhooks.length].url}/webhook/${TRIGGER_WEBHOOK_ID}/webhook`;

let serial = 0;
function newEvent(): SignedRequest {
	serial += 1;
	const crmId = `crm-race-${serial}`;
	return signDelivery(
		cluster.signingSecret,
		JSON.stringify(
			callEndedPayload({
				callId: `call-race-${serial}`,
				body: { numberToCall: '+966123412345', metadata: { crm_id: crmId } },
			}),
		),
	);
}

const eventIdOf = (request: SignedRequest) => request.headers['svix-id'];

/** Once every execution the deliveries started has finished: how many rows each event id has in the table. */
async function rowsPerEvent(
	before: Set<string>,
	ids: string[],
): Promise<{ executions: number; rows: Record<string, number> }> {
	let settled: ExecutionSummary[] = [];
	let previous = -1;
	// Settled when two reads a second apart agree and nothing is still running.
	for (;;) {
		await new Promise((resolve) => setTimeout(resolve, 1000));
		const fresh = (await rest.executionsOf(COLLECT_WORKFLOW_ID)).filter(
			(execution) => !before.has(execution.id),
		);
		const running = fresh.some((execution) => ['new', 'running'].includes(execution.status));
		if (!running && fresh.length === previous) {
			settled = fresh;
			break;
		}
		previous = fresh.length;
	}
	const wanted = new Set(ids);
	const rows: Record<string, number> = {};
	for (const row of await table.rows()) {
		if (wanted.has(row.eventId)) rows[row.eventId] = (rows[row.eventId] ?? 0) + 1;
	}
	return { executions: settled.length, rows };
}

const existing = async () =>
	new Set((await rest.executionsOf(COLLECT_WORKFLOW_ID)).map((execution) => execution.id));

/** Pairs of different events at the same instant, each repeated 1 s later (as Svix retries). */
async function pairsThenRepeats(processorOf: (pair: number, member: number) => number) {
	const events = Array.from({ length: PAIRS }, () => [newEvent(), newEvent()] as const);
	const deliver = () =>
		Promise.all(
			events.flatMap((pair, index) =>
				pair.map((event, member) => post(triggerOn(processorOf(index, member)), event)),
			),
		);
	const first = await deliver();
	await new Promise((resolve) => setTimeout(resolve, 1000));
	const repeats = await deliver();
	return { ids: events.flat().map(eventIdOf), answers: [...first, ...repeats] };
}

const once = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, 1]));

/** Settles first, so a failed check leaves no executions running into the next one. */
async function expectOneRowEach(
	label: string,
	before: Set<string>,
	ids: string[],
	answers: Array<{ status: number }>,
) {
	const { executions, rows } = await rowsPerEvent(before, ids);
	const doubled = Object.values(rows).filter((count) => count > 1).length;
	process.stdout.write(
		`[queue] ${label}: ${answers.length} deliveries of ${ids.length} events, ${executions} executions, ` +
			`${doubled} events recorded more than once\n`,
	);
	expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
	expect(rows).toEqual(once(ids));
}

test.each([
	['to one processor', () => 0],
	['split over both processors', (member: number) => member],
])(
	'20 pairs of different events at once %s, each repeated 1 s later: one row per event',
	async (label, processorOf) => {
		const before = await existing();
		const { ids, answers } = await pairsThenRepeats((_, member) => processorOf(member));
		await expectOneRowEach(`pairs ${label}`, before, ids, answers);
	},
	180_000,
);

test('20 identical deliveries racing the two processors: one row per event', async () => {
	const before = await existing();
	const events = Array.from({ length: PAIRS }, newEvent);

	const answers = await Promise.all(
		events.flatMap((event) => [post(triggerOn(0), event), post(triggerOn(1), event)]),
	);

	await expectOneRowEach('identical racing', before, events.map(eventIdOf), answers);
}, 180_000);
