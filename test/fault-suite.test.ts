import type { INodeExecutionData } from 'n8n-workflow';

import {
	ACCESS_TOKEN,
	NODE_NAME,
	accessTokenCredential,
	runLeversCall,
	useSandbox,
	visibleText,
} from './levers-support';
import type { LeversSandbox, ScriptedResponse } from './sandbox/levers-sandbox';
import { tooManyRequests } from './sandbox/levers-sandbox';

/**
 * Fault suite (issue 7): a batch at concurrency > 1 through n8n-core's real engine, once per fault the sandbox
 * can play. Whatever the fault, the same invariants hold: nothing lost, nothing dialled twice, and only what
 * certainly placed nothing (a 429) was ever sent again.
 */
const sandbox = useSandbox();

const ITEMS = Array.from({ length: 20 }, (_, index) => ({
	phone: `+9665770${String(index).padStart(5, '0')}`,
}));
const FAULTY = [2, 7, 8, 15].map((index) => ITEMS[index].phone);
const OUTCOMES = new Set(['placed', 'failed', 'unknown']);

/** How many items end placed / failed / unknown, so each mode is shown to have really played its fault. */
type Expected = { placed: number; failed: number; unknown: number; saw429?: boolean };
type Mode = [string, (box: LeversSandbox) => void, Expected, Record<string, unknown>?];

const ALL_PLACED_AFTER_429S: Expected = { placed: 20, failed: 0, unknown: 0, saw429: true };
const FAULTY_UNKNOWN: Expected = { placed: 16, failed: 0, unknown: 4 };

const byNumber =
	(...responses: ScriptedResponse[]) =>
	(box: LeversSandbox) =>
		FAULTY.forEach((phone) => box.scriptFor(phone, ...responses));

const rateLimit = (retryAfter: 'seconds' | 'http-date' | 'absent') => (box: LeversSandbox) =>
	box.setRateLimit({ perSecond: 40, burst: 4, retryAfter });
const refusal = { detail: [{ loc: ['body', 'numberToCall'], msg: 'bad', type: 'x' }] };

const MODES: Mode[] = [
	['rate limit, Retry-After in seconds', rateLimit('seconds'), ALL_PLACED_AFTER_429S],
	['rate limit, Retry-After as an HTTP date', rateLimit('http-date'), ALL_PLACED_AFTER_429S],
	['rate limit, no Retry-After', rateLimit('absent'), ALL_PLACED_AFTER_429S],
	['a 429 storm', (box) => box.stormNext(10, 0), ALL_PLACED_AFTER_429S],
	[
		'429 on some numbers until the attempts run out',
		byNumber(tooManyRequests(0), tooManyRequests(0), tooManyRequests(0)),
		{ placed: 16, failed: 4, unknown: 0, saw429: true },
		{ rateLimitAttempts: 3 },
	],
	['500 after placing the call', byNumber({ status: 500, place: true }), FAULTY_UNKNOWN],
	['502 after placing the call', byNumber({ status: 502, place: true }), FAULTY_UNKNOWN],
	['503 without placing it', byNumber({ status: 503 }), FAULTY_UNKNOWN],
	[
		'connection reset before the body is read',
		byNumber({ status: 201, resetBeforeBody: true }),
		FAULTY_UNKNOWN,
	],
	[
		'connection reset after the body is read (placed)',
		byNumber({ status: 201, destroySocket: true, place: true }),
		FAULTY_UNKNOWN,
	],
	[
		'an answer slower than the timeout (placed)',
		byNumber({ status: 201, delayMs: 1500, place: true }),
		FAULTY_UNKNOWN,
		{ timeout: 1000 },
	],
	[
		'422 for some numbers',
		byNumber({ status: 422, body: refusal }),
		{ placed: 16, failed: 4, unknown: 0 },
	],
];

describe.each(MODES)('%s', (_, arrange, expected, options = {}) => {
	let output: INodeExecutionData[];
	let text: string;

	beforeAll(async () => {
		sandbox().reset();
		arrange(sandbox());
		const result = await runLeversCall({
			parameters: { numberToCall: '={{ $json.phone }}', options: { concurrency: 5, ...options } },
			credential: accessTokenCredential(sandbox()),
			items: ITEMS,
			continueOnFail: true,
		});
		sandbox().setRateLimit(undefined);
		output = result.output(NODE_NAME);
		text = visibleText(result);
	}, 60_000);

	// useSandbox empties the sandbox before each test: read what the run left in beforeAll's closure instead.
	let requests: LeversSandbox['requests'];
	let accepted: string[];
	beforeAll(() => {
		requests = [...sandbox().requests];
		accepted = sandbox()
			.acceptedCalls()
			.map((call) => String(call.body.numberToCall));
	});

	const numberOf = (item: INodeExecutionData) =>
		(item.json.request as { numberToCall: string }).numberToCall;
	const withOutcome = (outcome: string) =>
		output.filter((item) => item.json.outcome === outcome).map(numberOf);

	test('the fault was really played: the expected outcomes', () => {
		const count = (outcome: string) => withOutcome(outcome).length;
		expect({ placed: count('placed'), failed: count('failed'), unknown: count('unknown') }).toEqual(
			{
				placed: expected.placed,
				failed: expected.failed,
				unknown: expected.unknown,
			},
		);
		expect(requests.some((request) => request.status === 429)).toBe(expected.saw429 === true);
	});

	test('items in = items out, in order, each with exactly one outcome', () => {
		expect(output.map((item) => item.pairedItem)).toEqual(ITEMS.map((__, item) => ({ item })));
		expect(output.every((item) => OUTCOMES.has(String(item.json.outcome)))).toBe(true);
		expect(output.map(numberOf)).toEqual(ITEMS.map((item) => item.phone));
	});

	test('placed items are calls the sandbox accepted; what else it accepted is reported unknown; none twice', () => {
		const placed = withOutcome('placed');
		expect(placed.every((phone) => accepted.includes(phone))).toBe(true);
		const unknown = new Set(withOutcome('unknown'));
		expect(
			accepted.filter((phone) => !placed.includes(phone)).every((phone) => unknown.has(phone)),
		).toBe(true);
		expect(new Set(accepted).size).toBe(accepted.length);
	});

	test('only requests answered 429 were ever sent again', () => {
		const perNumber = new Map<string, number[]>();
		for (const request of requests) {
			const phone = (request.json as { numberToCall?: string } | undefined)?.numberToCall ?? '';
			perNumber.set(phone, [...(perNumber.get(phone) ?? []), request.status]);
		}
		for (const statuses of perNumber.values()) {
			expect(statuses.slice(0, -1).every((status) => status === 429)).toBe(true);
		}
	});

	test('the token appears nowhere', () => {
		expect(text).not.toContain(ACCESS_TOKEN);
	});
});
