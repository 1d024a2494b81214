import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { NODE_NAME, accessTokenCredential, runLeversCall, useSandbox } from './levers-support';
import {
	BULK_CONTACT_FIELDS,
	CALL_FIELDS,
	generateItems,
	seedFromEnv,
} from './property/malformed-items';
import type { GeneratedItem } from './property/malformed-items';

/**
 * Property test (issue 7): hundreds of generated items, most of them malformed in one field, mixed with
 * good ones, run through Levers Call with Continue On Fail. Whether an item is bad is what the generator
 * meant (what the documented API accepts), never what the node answered. PROPERTY_SEED=<n> replays a run.
 */
const sandbox = useSandbox();
const seed = seedFromEnv(process.env.PROPERTY_SEED);
const COUNTS = { bad: 240, good: 120 };

// Every field of an item comes from its JSON, through expressions, as in a real campaign sheet.
const FROM_JSON = {
	numberToCall: '={{ $json.numberToCall }}',
	specifyMetadata: 'json',
	metadataJson: '={{ $json.metadata }}',
	specifyPromptTags: 'json',
	promptTagsJson: '={{ $json.promptTags }}',
};
/** The item's other fields, as Additional Fields (the node reads metadata and prompt tags on their own). */
const additionalFields = (fields: readonly string[]) =>
	Object.fromEntries(
		fields
			.filter((name) => !['numberToCall', 'metadata', 'promptTags'].includes(name))
			.map((name) => [name, `={{ $json.${name} }}`]),
	);

/** The non-printing C0 characters and DEL, raw: a message shows them escaped. */
const hasControlCharacter = (text: string) =>
	[...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

interface PropertyRun {
	items: GeneratedItem[];
	status: string;
	output: INodeExecutionData[];
	/** Bodies of the calls the sandbox placed (bulk: one per contact). */
	accepted: Array<Record<string, unknown>>;
	/** Every request that reached a placing endpoint, whatever its answer. */
	placingRequests: number;
}

/** Runs the items through the node once, before the tests that read what it left behind. */
function propertyRun(
	operation: string,
	parameters: INodeParameters,
	fields?: string[],
): PropertyRun {
	const run = { items: generateItems(seed, COUNTS, fields) } as PropertyRun;
	beforeAll(async () => {
		process.stdout.write(
			`property-malformed-items (${operation}): seed ${seed}, ${COUNTS.bad} bad and ${COUNTS.good} good items\n`,
		);
		sandbox().reset();
		const result = await runLeversCall({
			parameters,
			credential: accessTokenCredential(sandbox()),
			items: run.items.map((item) => item.json),
			continueOnFail: true,
		});
		run.status = result.status;
		run.output = result.output(NODE_NAME);
		// useSandbox empties the sandbox before each test: keep what this run left behind.
		run.accepted = sandbox()
			.acceptedCalls()
			.map((call) => call.body);
		run.placingRequests = sandbox().callRequests().length + sandbox().bulkRequests().length;
	}, 120_000);
	return run;
}

const where = (item: GeneratedItem) => `seed ${seed}, item ${item.index}: ${item.description}`;
const badOf = (run: PropertyRun) => run.items.filter((item) => item.badField !== undefined);
const goodOf = (run: PropertyRun) => run.items.filter((item) => item.badField === undefined);

/** Shared by both operations: in = out, bad items refused clearly, good items placed exactly once. */
function itBehavesOnMalformedItems(
	run: PropertyRun,
	placedBody: (json: INodeExecutionData['json']) => unknown,
) {
	test('nothing crashes: the run succeeds with one output item per input item, in order', () => {
		expect(run.status).toBe('success');
		expect(run.output).toHaveLength(run.items.length);
		expect(run.output.map((item) => item.pairedItem)).toEqual(
			run.items.map((_, item) => ({ item })),
		);
	});

	test('each bad item fails with a clear error naming its field and index', () => {
		expect(badOf(run).length).toBeGreaterThanOrEqual(200);
		for (const item of badOf(run)) {
			const json = run.output[item.index].json;
			const context = where(item);
			expect({ context, outcome: json.outcome }).toEqual({ context, outcome: 'failed' });
			const error = String(json.error);
			expect({ context, error }).toEqual({
				context,
				error: expect.stringMatching(
					new RegExp(`^${item.badField}[.:].* \\[item ${item.index}\\]$`),
				),
			});
			// The field the error points at: the parameter, or one entry of it (promptTags.amount).
			expect({ context, field: String(json.field).split('.')[0] }).toEqual({
				context,
				field: item.badField,
			});
			// Clear: short, and no raw control characters even when the value had them.
			expect({
				context,
				long: error.length > 400,
				raw: hasControlCharacter(error),
			}).toEqual({ context, long: false, raw: false });
			expect({ context, statusCode: json.statusCode }).toEqual({ context, statusCode: undefined });
		}
	});

	test('each good item is placed exactly once with exactly the body it meant; no bad one is sent', () => {
		const good = goodOf(run);
		for (const item of good) {
			const json = run.output[item.index].json;
			const context = where(item);
			expect({ context, outcome: json.outcome, body: placedBody(json) }).toEqual({
				context,
				outcome: 'placed',
				body: item.expectedBody,
			});
		}
		const wanted = good.map((item) => item.expectedBody?.numberToCall);
		expect(run.accepted.map((body) => body.numberToCall).sort()).toEqual(wanted.sort());
		const acceptedByNumber = new Map(run.accepted.map((body) => [body.numberToCall, body]));
		for (const item of good) {
			expect(acceptedByNumber.get(item.expectedBody?.numberToCall)).toEqual(item.expectedBody);
		}
	});
}

describe('Call', () => {
	const run = propertyRun('call', {
		...FROM_JSON,
		additionalFields: additionalFields(CALL_FIELDS),
	});

	test('the generator covers every malformed kind the issue names', () => {
		const kinds = new Set(badOf(run).map((item) => item.kind));
		for (const kind of [
			'wrong type',
			'bad phone',
			'bad UUID',
			'100 KB string',
			'nested prompt tag',
			'Arabic text',
			'emoji',
			'control character',
		]) {
			expect(kinds).toContain(kind);
		}
	});

	itBehavesOnMalformedItems(run, (json) => json.request);

	test('one request per good item: a bad item never reaches Levers, not even to be refused', () => {
		expect(run.placingRequests).toBe(goodOf(run).length);
	});
});

describe('Call Many Numbers (Bulk)', () => {
	const CONTACTS_PER_REQUEST = 50;
	const run = propertyRun(
		'callBulk',
		{
			...FROM_JSON,
			operation: 'callBulk',
			additionalFields: additionalFields(BULK_CONTACT_FIELDS),
			bulkSettings: { contactsPerRequest: CONTACTS_PER_REQUEST },
		},
		BULK_CONTACT_FIELDS,
	);

	itBehavesOnMalformedItems(run, (json) => json.contact);

	test('the good contacts fill the fewest requests; a bad item is in none of them', () => {
		expect(run.placingRequests).toBe(Math.ceil(goodOf(run).length / CONTACTS_PER_REQUEST));
	});
});
