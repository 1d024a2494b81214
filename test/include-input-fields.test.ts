import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { NODE_NAME, accessTokenCredential, runLeversCall, useSandbox } from './levers-support';

/**
 * Options → Include Input Fields: every output item carries its input row's fields beside the outcome's,
 * whatever the outcome, so a pipeline can mark its source row "called". Off (the default), items are as
 * before. Call and Wait's Call Ended is in test/call-and-wait.test.ts.
 */
const sandbox = useSandbox();

const ROWS = [
	{ rowId: 11, phone: '+966500000001', outcome: 'from the sheet' },
	{ rowId: 12, phone: '+966500000002' },
	{ rowId: 13, phone: '+966500000001' },
	{ rowId: 14, phone: 'not-a-number' },
];
const byNumber = { numberToCall: '={{ $json.phone }}' };

const json = (items: INodeExecutionData[]) => items.map((item) => item.json);

async function run(options: INodeParameters, operation = 'call') {
	return await runLeversCall({
		parameters: { operation, ...byNumber, options },
		credential: accessTokenCredential(sandbox()),
		items: ROWS,
		continueOnFail: true,
	});
}

test('placed, refused by Levers, skipped and invalid items all keep their row, the outcome winning a clash', async () => {
	sandbox().scriptFor('+966500000002', { status: 422, body: { detail: 'no' } });

	const result = await run({ includeInputFields: true, skipDuplicates: true, concurrency: 1 });

	const items = json(result.output(NODE_NAME));
	expect(items.map((item) => [item.rowId, item.phone, item.outcome])).toEqual([
		[11, '+966500000001', 'placed'],
		[12, '+966500000002', 'failed'],
		[13, '+966500000001', 'skipped'],
		[14, 'not-a-number', 'failed'],
	]);
	// The node's own fields are all there as without the option.
	expect(items[0]).toMatchObject({ success: true, statusCode: 201, request: expect.any(Object) });
	expect(items[2]).toMatchObject({ duplicateOf: 0 });
	expect(items[3]).toMatchObject({ field: 'numberToCall' });
});

test('a dry run and the bulk operation keep the rows too', async () => {
	const dry = json((await run({ includeInputFields: true, dryRun: true })).output(NODE_NAME));
	expect(dry.map((item) => [item.rowId, item.outcome])).toEqual([
		[11, 'dryRun'],
		[12, 'dryRun'],
		[13, 'dryRun'],
		[14, 'failed'],
	]);
	expect(sandbox().callRequests()).toHaveLength(0);

	const bulk = await runLeversCall({
		parameters: {
			operation: 'callBulk',
			...byNumber,
			bulkSettings: { aiSettingsTemplateId: '9bfa828a-3c2d-430c-bdc7-f74d90334524' },
			options: { includeInputFields: true },
		},
		credential: accessTokenCredential(sandbox()),
		items: ROWS.slice(0, 2),
	});
	expect(json(bulk.output(NODE_NAME)).map((item) => [item.rowId, item.outcome])).toEqual([
		[11, 'placed'],
		[12, 'placed'],
	]);
});

test('off by default: output items hold the outcome only, as before the option existed', async () => {
	const items = json((await run({})).output(NODE_NAME));

	expect(items.map((item) => item.rowId)).toEqual([undefined, undefined, undefined, undefined]);
	expect(items[0].outcome).toBe('placed');
});

test('an expression that does not give true or false is refused, naming the option, before anything is sent', async () => {
	const result = await runLeversCall({
		parameters: { ...byNumber, options: { includeInputFields: 'yes' } },
		credential: accessTokenCredential(sandbox()),
		items: ROWS.slice(0, 1),
	});

	expect(result.nodeError(NODE_NAME)?.message).toMatch(/^options\.includeInputFields: /);
	expect(sandbox().callRequests()).toHaveLength(0);
});
