import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { NODE_NAME, accessTokenCredential, runLeversCall, useSandbox } from './levers-support';
import { tooManyRequests } from './sandbox/levers-sandbox';

/** Operation "Call Many Numbers (Bulk)": all items of a run as contacts of a few call-bulk requests (issue 8). */
const sandbox = useSandbox();

const TEMPLATE = '9bfa828a-3c2d-430c-bdc7-f74d90334524';
const CONTACT = {
	numberToCall: '={{ $json.phone }}',
	additionalFields: { firstName: '={{ $json.first }}' },
};
const phones = (count: number) =>
	Array.from({ length: count }, (_, index) => ({
		phone: `+9665${String(index).padStart(8, '0')}`,
	}));
const outcomes = (items: INodeExecutionData[]) => items.map((item) => item.json.outcome);
const contactsOf = (index: number) =>
	(sandbox().bulkRequests()[index].json as { contacts: Array<{ numberToCall: string }> }).contacts;

async function bulk(
	items: Array<Record<string, unknown>>,
	parameters: Record<string, unknown> = {},
	continueOnFail = true,
) {
	return await runLeversCall({
		parameters: { operation: 'callBulk', ...CONTACT, ...parameters },
		credential: accessTokenCredential(sandbox()),
		items,
		continueOnFail,
	});
}

test('the documented fields reach call-bulk byte for byte: per-contact fields, then the shared ones', async () => {
	const result = await runLeversCall({
		parameters: {
			operation: 'callBulk',
			numberToCall: '={{ $json.phone }}',
			additionalFields: { firstName: '={{ $json.first }}', lastName: '={{ $json.last }}' },
			specifyMetadata: 'json',
			metadataJson: '={{ $json.meta }}',
			specifyPromptTags: 'json',
			promptTagsJson: '={{ $json.tags }}',
			bulkSettings: {
				aiSettingsTemplateId: TEMPLATE,
				updateExisting: true,
				countryCode: 'sa',
				batchSize: 50,
			},
		},
		credential: accessTokenCredential(sandbox()),
		items: [
			{
				phone: '+966512345678',
				first: 'John',
				last: 'Doe',
				meta: { project_id: 'proj_123' },
				tags: { amount: '$500.00' },
			},
			{ phone: '0501234567', first: 'Sara', meta: {}, tags: {} },
		],
	});

	expect(result.status).toBe('success');
	expect(
		sandbox()
			.bulkRequests()
			.map((request) => request.rawBody),
	).toEqual([
		'{"contacts":[{"numberToCall":"+966512345678","firstName":"John","lastName":"Doe","metadata":{"project_id":"proj_123"},"promptTags":{"amount":"$500.00"}},{"numberToCall":"0501234567","firstName":"Sara"}],' +
			`"aiSettingsTemplateId":"${TEMPLATE}","updateExisting":true,"countryCode":"SA","batchSize":50}`,
	]);
	const output = result.output(NODE_NAME);
	expect(output[0].json).toMatchObject({
		outcome: 'placed',
		success: true,
		statusCode: 201,
		bulkRequest: 1,
		contact: { numberToCall: '+966512345678', firstName: 'John' },
	});
	expect(output[1].json).toMatchObject({
		outcome: 'placed',
		bulkRequest: 1,
		contact: { numberToCall: '0501234567' },
	});
});

test('2,500 items at 1,000 per request: 3 requests, every contact exactly once and in order', async () => {
	const items = phones(2500);

	const result = await bulk(items, { bulkSettings: { contactsPerRequest: 1000 } });

	expect(
		sandbox()
			.bulkRequests()
			.map((_, index) => contactsOf(index).length),
	).toEqual([1000, 1000, 500]);
	const sent = [0, 1, 2].flatMap((index) =>
		contactsOf(index).map((contact) => contact.numberToCall),
	);
	expect(sent).toEqual(items.map((item) => item.phone));
	const output = result.output(NODE_NAME);
	expect(output).toHaveLength(2500);
	expect(output.every((item, index) => (item.pairedItem as { item: number }).item === index)).toBe(
		true,
	);
	expect(new Set(outcomes(output))).toEqual(new Set(['placed']));
	expect(
		[output[0], output[999], output[1000], output[2499]].map((item) => item.json.bulkRequest),
	).toEqual([1, 1, 2, 3]);
	// The whole request is shown once, on its first item, not 2,500 times.
	expect(output.filter((item) => item.json.request !== undefined)).toHaveLength(3);
	expect(sandbox().acceptedCalls()).toHaveLength(2500);
});

test('a bad item is in no request and gets its own error; a repeated number is sent once, the other item skipped', async () => {
	const items = [
		{ phone: '+966500000001' },
		{ phone: 'call me' },
		{ phone: '+966 50 000 0001' },
		{ phone: '+966500000002' },
	];

	const result = await bulk(items);

	expect(contactsOf(0).map((contact) => contact.numberToCall)).toEqual([
		'+966500000001',
		'+966500000002',
	]);
	const output = result.output(NODE_NAME);
	expect(outcomes(output)).toEqual(['placed', 'failed', 'skipped', 'placed']);
	expect(output[1].json).toMatchObject({
		field: 'numberToCall',
		error: expect.stringContaining('[item 1]'),
	});
	expect(output[2].json).toMatchObject({
		duplicateOf: 0,
		reason: expect.stringContaining('item 0'),
	});
});

test('a repeated number whose request placed nothing is not "skipped": it failed with its carrier, named', async () => {
	const items = [
		{ phone: '+966500000001' },
		{ phone: '+966500000002' },
		{ phone: '+966500000001' },
	];
	sandbox().respondNext({ status: 422, body: { detail: 'refused' } });

	const result = await bulk(items, { bulkSettings: { contactsPerRequest: 2 } });

	const output = result.output(NODE_NAME);
	expect(outcomes(output)).toEqual(['failed', 'failed', 'failed']);
	expect(output[2].json).toMatchObject({
		error: 'Not called: this number went in the request of item 0, which placed nothing [item 2]',
		contact: { numberToCall: '+966500000001' },
	});
	expect(sandbox().bulkRequests()).toHaveLength(1);
	expect(sandbox().acceptedCalls()).toHaveLength(0);
});

test('without Continue On Fail a bad item stops the run before the first request', async () => {
	const result = await bulk([...phones(3), { phone: '12' }], {}, false);

	expect(result.status).toBe('error');
	expect(result.nodeError(NODE_NAME)?.message).toMatch(/^numberToCall: "12" .* \[item 3\]$/);
	expect(sandbox().requests).toHaveLength(0);
});

test('local numbers need a Country Code; the code is checked against ISO 3166-1', async () => {
	const local = [{ phone: '0501234567' }];

	const withoutCode = await bulk(local);
	expect(withoutCode.output(NODE_NAME)[0].json).toMatchObject({
		outcome: 'failed',
		field: 'numberToCall',
	});

	const badCode = await bulk(local, { bulkSettings: { countryCode: 'XX' } });
	expect(badCode.nodeError(NODE_NAME)?.message).toBe(
		'bulkSettings.countryCode: "XX" is not an ISO 3166-1 alpha-2 country code, e.g. SA or US [item 0]',
	);

	const withCode = await bulk(local, { bulkSettings: { countryCode: 'SA' } });
	expect(withCode.output(NODE_NAME)[0].json.outcome).toBe('placed');
	expect(sandbox().bulkRequests()).toHaveLength(1);
});

test.each([
	['a 4xx fails all its contacts', { status: 400, body: { detail: 'no' } }, 'failed', 1],
	[
		'a 5xx makes all its contacts unknown, never re-sent',
		{ status: 503, place: true },
		'unknown',
		1,
	],
	[
		'a dropped connection makes them unknown, never re-sent',
		{ status: 201, destroySocket: true },
		'unknown',
		1,
	],
	['a 429 is retried, then placed', tooManyRequests(0), 'placed', 2],
])('%s; the other request is unaffected', async (_, fault, outcome, requestsForFirst) => {
	sandbox().respondNext(fault);

	const result = await bulk(phones(4), {
		bulkSettings: { contactsPerRequest: 2 },
		options: { concurrency: 1 },
	});

	expect(outcomes(result.output(NODE_NAME))).toEqual([outcome, outcome, 'placed', 'placed']);
	expect(sandbox().bulkRequests()).toHaveLength(requestsForFirst + 1);
	const first = result.output(NODE_NAME)[0].json;
	if (outcome !== 'placed') expect(first.error).toEqual(expect.stringContaining('[item 0]'));
	expect(result.output(NODE_NAME)[1].json.error ?? '').toEqual(
		outcome === 'placed' ? '' : expect.stringContaining('[item 1]'),
	);
});

test('Dry Run shows the exact requests and sends nothing', async () => {
	const result = await bulk(phones(3), {
		bulkSettings: { contactsPerRequest: 2, batchSize: 10 },
		options: { dryRun: true },
	});

	const output = result.output(NODE_NAME);
	expect(outcomes(output)).toEqual(['dryRun', 'dryRun', 'dryRun']);
	expect(output[0].json).toMatchObject({
		method: 'POST',
		url: `${sandbox().url}/api-service/v1/ai/phone-calls/action/call-bulk`,
		bulkRequest: 1,
		request: {
			contacts: [{ numberToCall: phones(3)[0].phone }, { numberToCall: phones(3)[1].phone }],
			batchSize: 10,
		},
	});
	expect((output[2].json.request as IDataObject).contacts).toEqual([
		{ numberToCall: phones(3)[2].phone },
	]);
	expect(sandbox().requests).toHaveLength(0);
});

test('Contacts per Request and Batch Size outside the documented range are refused before sending', async () => {
	const tooSmall = await bulk(phones(1), { bulkSettings: { batchSize: 5 } });
	expect(tooSmall.nodeError(NODE_NAME)?.message).toBe(
		'bulkSettings.batchSize: must be at least 10 (Levers accepts 10 to 1000) [item 0]',
	);
	const tooMany = await bulk(phones(1), { bulkSettings: { contactsPerRequest: 5000 } });
	expect(tooMany.nodeError(NODE_NAME)?.message).toBe(
		'bulkSettings.contactsPerRequest: must be at most 1000 [item 0]',
	);
	expect(sandbox().requests).toHaveLength(0);
});
