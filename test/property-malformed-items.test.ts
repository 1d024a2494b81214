import type { INodeExecutionData } from 'n8n-workflow';

import { NODE_NAME, accessTokenCredential, runLeversCall, useSandbox } from './levers-support';
import { generateItems, seedFromEnv } from './property/malformed-items';
import type { GeneratedItem } from './property/malformed-items';

/**
 * Property test (issue 7): hundreds of generated items, most of them malformed in one field, mixed with
 * good ones, run through Levers Call with Continue On Fail. Whether an item is bad is what the generator
 * meant (what the documented API accepts), never what the node answered. PROPERTY_SEED=<n> replays a run.
 */
const sandbox = useSandbox();
const seed = seedFromEnv(process.env.PROPERTY_SEED);
const items = generateItems(seed, { bad: 240, good: 120 });
const bad = items.filter((item) => item.badField !== undefined);
const good = items.filter((item) => item.badField === undefined);

// Every field of an item comes from its JSON, through expressions, as in a real campaign sheet.
const PARAMETERS = {
	numberToCall: '={{ $json.numberToCall }}',
	additionalFields: {
		firstName: '={{ $json.firstName }}',
		lastName: '={{ $json.lastName }}',
		email: '={{ $json.email }}',
		contactUuid: '={{ $json.contactUuid }}',
		aiSettingsTemplateId: '={{ $json.aiSettingsTemplateId }}',
		updateExisting: '={{ $json.updateExisting }}',
	},
	specifyMetadata: 'json',
	metadataJson: '={{ $json.metadata }}',
	specifyPromptTags: 'json',
	promptTagsJson: '={{ $json.promptTags }}',
};


/** C0 control characters, raw (JSON escapes them). DEL (U+007F) is not escaped by JSON, so it is not checked. */
const hasControlCharacter = (text: string) => [...text].some((c) => c.charCodeAt(0) < 0x20);

let output: INodeExecutionData[];
let status: string;
let accepted: Array<Record<string, unknown>>;
let callRequestCount: number;

beforeAll(async () => {
	// Printed so a failure can be replayed with PROPERTY_SEED.
	process.stdout.write(
		`property-malformed-items: seed ${seed}, ${bad.length} bad and ${good.length} good items\n`,
	);
	sandbox().reset();
	const result = await runLeversCall({
		parameters: PARAMETERS,
		credential: accessTokenCredential(sandbox()),
		items: items.map((item) => item.json),
		continueOnFail: true,
	});
	status = result.status;
	output = result.output(NODE_NAME);
	// useSandbox empties the sandbox before each test: keep what this run left behind.
	accepted = sandbox()
		.acceptedCalls()
		.map((call) => call.body);
	callRequestCount = sandbox().callRequests().length;
}, 120_000);

const where = (item: GeneratedItem) => `seed ${seed}, item ${item.index}: ${item.description}`;

test('the generator covers every malformed kind the issue names, with at least 200 bad items', () => {
	expect(bad.length).toBeGreaterThanOrEqual(200);
	const kinds = new Set(bad.map((item) => item.kind));
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

test('nothing crashes: the run succeeds with one output item per input item, in order', () => {
	expect(status).toBe('success');
	expect(output).toHaveLength(items.length);
	expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
});

test('each bad item fails with a clear error naming its field and index, and was never sent', () => {
	for (const item of bad) {
		const json = output[item.index].json;
		const context = where(item);
		expect({ context, outcome: json.outcome }).toEqual({ context, outcome: 'failed' });
		const error = String(json.error);
		expect({ context, error }).toEqual({
			context,
			error: expect.stringMatching(new RegExp(`^${item.badField}[.:].* \\[item ${item.index}\\]$`)),
		});
		// The field the error points at: the parameter, or one entry of it (promptTags.amount).
		expect({ context, field: String(json.field).split('.')[0] }).toEqual({
			context,
			field: item.badField,
		});
		// Clear: short, and no raw control characters even when the value had them.
		expect({ context, long: error.length > 400, raw: hasControlCharacter(error) }).toEqual({
			context,
			long: false,
			raw: false,
		});
		expect({ context, statusCode: json.statusCode }).toEqual({ context, statusCode: undefined });
	}
});

test('each good item is placed exactly once with exactly the body it meant', () => {
	for (const item of good) {
		const json = output[item.index].json;
		const context = where(item);
		expect({ context, outcome: json.outcome, request: json.request }).toEqual({
			context,
			outcome: 'placed',
			request: item.expectedBody,
		});
	}
	const sentNumbers = accepted.map((body) => body.numberToCall);
	expect([...sentNumbers].sort()).toEqual(
		good.map((item) => item.expectedBody?.numberToCall).sort(),
	);
	// No request for a bad item reached the sandbox, not even one it refused.
	expect(callRequestCount).toBe(good.length);
	const acceptedByNumber = new Map(accepted.map((body) => [body.numberToCall, body]));
	for (const item of good) {
		expect(acceptedByNumber.get(item.expectedBody?.numberToCall)).toEqual(item.expectedBody);
	}
});
