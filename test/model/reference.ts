import { INVALID_PHONE } from './scenario';
import type { Answer, Scenario } from './scenario';

/**
 * The reference model of the run engine: what must become of every item, computed by walking the items one at a
 * time. It is exact when nothing depends on timing: at concurrency 1, and with Continue On Fail and no call
 * limit at any concurrency (repeated numbers pass from carrier to carrier in input order). Otherwise only the
 * invariants hold (invariants.ts).
 */

export type ModelOutcome = 'placed' | 'failed' | 'unknown' | 'skipped' | 'dryRun';

export interface ItemExpectation {
	outcome: ModelOutcome;
	/** Requests answered by this item's script (bulk: counted on the request's first contact only). */
	requests: number;
	duplicateOf?: number;
	/** Refused before sending: by its checks, or by the call limit. */
	refusedBy?: 'numberToCall' | 'options.maxCallsPerExecution';
}

export interface RunExpectation {
	/** Each item's fate; after a stop, the items never reached have no outcome and made no request. */
	items: ItemExpectation[];
	/** The item named by the error that stops the run (without Continue On Fail). */
	errorItem?: number;
}

/** What a request sequence ends in: a 429 with Retry-After is sent again while attempts are left. */
export function fateOf(
	answers: Answer[],
	rateLimitAttempts: number,
): { outcome: 'placed' | 'failed' | 'unknown'; requests: number } {
	for (let index = 0; index < answers.length; index++) {
		const requests = index + 1;
		const answer = answers[index];
		if (answer === 'rateLimitedRetryAfter') {
			if (requests >= rateLimitAttempts) return { outcome: 'failed', requests };
			continue;
		}
		if (answer === 'created') return { outcome: 'placed', requests };
		if (answer === 'badRequest' || answer === 'unprocessable' || answer === 'rateLimited')
			return { outcome: 'failed', requests };
		return { outcome: 'unknown', requests };
	}
	throw new Error('a scenario item ends in a final answer');
}

/** Whether a reply may have placed a call (the node must then never send that request again). */
export function mayHavePlaced(answer: Answer): boolean {
	return !['badRequest', 'unprocessable', 'rateLimited', 'rateLimitedRetryAfter'].includes(answer);
}

export const isExact = (scenario: Scenario) =>
	scenario.concurrency === 1 || (scenario.continueOnFail && scenario.maxCallsPerExecution === 0);

interface Job {
	itemIndexes: number[];
	/** The item whose script answers the job's requests. */
	scriptedBy: number;
}

/** The jobs in input order, and the items a bulk run leaves to an earlier carrier of the same number. */
function jobsOf(scenario: Scenario, valid: number[]) {
	if (scenario.operation === 'call')
		return {
			jobs: valid.map((index) => ({ itemIndexes: [index], scriptedBy: index })),
			repeats: new Map<number, number>(),
		};
	const carriers = new Map<string, number>();
	const repeats = new Map<number, number>();
	const contacts = valid.filter((index) => {
		const carrier = carriers.get(scenario.items[index].phone);
		if (carrier === undefined) carriers.set(scenario.items[index].phone, index);
		else repeats.set(index, carrier);
		return carrier === undefined;
	});
	const jobs: Job[] = [];
	for (let start = 0; start < contacts.length; start += scenario.contactsPerRequest) {
		const itemIndexes = contacts.slice(start, start + scenario.contactsPerRequest);
		jobs.push({ itemIndexes, scriptedBy: itemIndexes[0] });
	}
	return { jobs, repeats };
}

export function expectRun(scenario: Scenario): RunExpectation {
	const { items, continueOnFail } = scenario;
	const invalid = items.flatMap((item, index) => (item.phone === INVALID_PHONE ? [index] : []));
	const valid = items.flatMap((item, index) => (item.phone === INVALID_PHONE ? [] : [index]));
	const expected: ItemExpectation[] = items.map((item) =>
		item.phone === INVALID_PHONE
			? { outcome: 'failed', requests: 0, refusedBy: 'numberToCall' }
			: { outcome: 'failed', requests: 0 },
	);
	if (invalid.length > 0 && !continueOnFail) return { items: expected, errorItem: invalid[0] };
	const { jobs, repeats } = jobsOf(scenario, valid);
	// Skip Repeated Numbers (single calls): the item that carried each number, once it placed or may have.
	const called = new Map<string, number>();
	let calls = 0;
	const limit = scenario.maxCallsPerExecution;
	for (const job of jobs) {
		const [first] = job.itemIndexes;
		const phone = items[first].phone;
		const carrier =
			scenario.operation === 'call' && scenario.skipDuplicates ? called.get(phone) : undefined;
		if (carrier !== undefined) {
			expected[first] = { outcome: 'skipped', requests: 0, duplicateOf: carrier };
			continue;
		}
		if (limit > 0 && calls + job.itemIndexes.length > limit) {
			for (const index of job.itemIndexes)
				expected[index] = {
					outcome: 'failed',
					requests: 0,
					refusedBy: 'options.maxCallsPerExecution',
				};
			if (!continueOnFail) return { items: expected, errorItem: first };
			continue;
		}
		const fate = scenario.dryRun
			? { outcome: 'dryRun' as const, requests: 0 }
			: fateOf(items[job.scriptedBy].answers, scenario.rateLimitAttempts);
		if (fate.outcome !== 'failed') calls += job.itemIndexes.length;
		// A request is counted on the item whose script answers it: the first contact of a bulk request.
		for (const index of job.itemIndexes)
			expected[index] = { ...fate, requests: index === job.scriptedBy ? fate.requests : 0 };
		if (fate.outcome !== 'failed') called.set(phone, first);
		if (!continueOnFail && (fate.outcome === 'failed' || fate.outcome === 'unknown'))
			return { items: expected, errorItem: first };
	}
	// Bulk: a repeated number follows its carrier's request: skipped if it placed (or may have), else failed.
	for (const [index, carrier] of repeats) {
		const outcome = expected[carrier].outcome;
		expected[index] =
			outcome === 'failed'
				? { outcome: 'failed', requests: 0 }
				: { outcome: 'skipped', requests: 0, duplicateOf: carrier };
	}
	return { items: expected };
}
