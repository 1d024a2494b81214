import type { ScriptedResponse } from '../sandbox/fault-script';
import { tooManyRequests } from '../sandbox/fault-script';
import { seededRandom } from '../seeded-random';

/** A generated run of the engine: the items, the options, and what Levers answers each request of each item. */

/** One reply of the sandbox, by what it means for the node. */
export type Answer =
	| 'created'
	| 'badRequest'
	| 'unprocessable'
	| 'rateLimitedRetryAfter'
	| 'rateLimited'
	| 'serverError'
	| 'resetBeforeBody'
	| 'resetAfterBody'
	| 'timeout';

export interface ScenarioItem {
	/** E.164, or a text the node must refuse before sending. */
	phone: string;
	/** The replies to this item's requests, in order: a few 429s with Retry-After, then one final answer. */
	answers: Answer[];
}

export interface Scenario {
	seed: number;
	operation: 'call' | 'callBulk';
	items: ScenarioItem[];
	concurrency: number;
	skipDuplicates: boolean;
	continueOnFail: boolean;
	dryRun: boolean;
	/** 0: no limit. */
	maxCallsPerExecution: number;
	rateLimitAttempts: number;
	contactsPerRequest: number;
}

export const INVALID_PHONE = 'call me later';
/** The node's timeout in these runs; a 'timeout' answer comes later than this. */
export const TIMEOUT_MS = 1000;

export const random = seededRandom;

const FINAL_ANSWERS: Array<[Answer, number]> = [
	['created', 50],
	['badRequest', 6],
	['unprocessable', 10],
	['rateLimited', 5],
	['serverError', 8],
	['resetBeforeBody', 4],
	['resetAfterBody', 4],
	['timeout', 2],
];

function weighted<T>(next: () => number, choices: Array<[T, number]>): T {
	const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
	let pick = next() * total;
	for (const [choice, weight] of choices) {
		pick -= weight;
		if (pick < 0) return choice;
	}
	return choices[choices.length - 1][0];
}

export function generateScenario(seed: number): Scenario {
	const next = random(seed);
	const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
	const count = int(1, 40);
	// Few distinct numbers, so that repeats are common.
	const numbers = Array.from(
		{ length: int(1, Math.max(1, Math.ceil(count / 2))) },
		(_, index) => `+9665${String(10_000_000 + index * 7919)}`,
	);
	const items = Array.from({ length: count }, (): ScenarioItem => {
		const answers: Answer[] = [];
		while (next() < 0.15 && answers.length < 3) answers.push('rateLimitedRetryAfter');
		answers.push(weighted(next, FINAL_ANSWERS));
		const phone = next() < 0.05 ? INVALID_PHONE : numbers[int(0, numbers.length - 1)];
		return { phone, answers };
	});
	return {
		seed,
		operation: next() < 0.25 ? 'callBulk' : 'call',
		items,
		concurrency: int(1, 10),
		skipDuplicates: next() < 0.6,
		continueOnFail: next() < 0.7,
		dryRun: next() < 0.08,
		maxCallsPerExecution: next() < 0.25 ? int(1, count) : 0,
		rateLimitAttempts: int(1, 3),
		contactsPerRequest: int(1, 5),
	};
}

/** What the sandbox does for an answer; a few milliseconds of jitter shuffle the order answers arrive in. */
export function scripted(answer: Answer, jitterMs: number): ScriptedResponse {
	const delayMs = jitterMs;
	switch (answer) {
		case 'created':
			return { status: 201, body: { status: 'queued' }, delayMs };
		case 'badRequest':
			return { status: 400, body: { detail: 'Bad request' }, delayMs };
		case 'unprocessable':
			return {
				status: 422,
				body: { detail: [{ loc: ['body'], msg: 'refused', type: 'value_error' }] },
				delayMs,
			};
		case 'rateLimitedRetryAfter':
			return { ...tooManyRequests(0), delayMs };
		case 'rateLimited':
			return { ...tooManyRequests(), delayMs };
		case 'serverError':
			// Half of them placed the call before failing, as a real 5xx may have.
			return { status: 503, body: { detail: 'busy' }, place: jitterMs % 2 === 0, delayMs };
		case 'resetBeforeBody':
			return { status: 0, resetBeforeBody: true, delayMs };
		case 'resetAfterBody':
			return { status: 201, destroySocket: true, place: true, delayMs };
		case 'timeout':
			return { status: 201, place: true, delayMs: TIMEOUT_MS + 400 };
	}
}

/** The item's own key in the sandbox's script (metadata.scriptKey). */
export const scriptKey = (itemIndex: number) => `item-${itemIndex}`;
