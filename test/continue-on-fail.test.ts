import {
	ACCESS_TOKEN,
	NODE_NAME,
	accessTokenCredential,
	rows,
	runLeversCall,
	useSandbox,
	visibleText,
} from './levers-support';

/** One output item per input item, whatever happens; nothing is lost and nothing is dialled twice. */
const sandbox = useSandbox();

const PARAMETERS = {
	numberToCall: '={{ $json.phone }}',
	additionalFields: { firstName: '={{ $json.name }}' },
	metadata: rows({ row: '={{ $itemIndex }}' }),
	// One at a time: these tests script the sandbox's answers in arrival order.
	options: { concurrency: 1 },
};
const CONTACTS = [
	{ phone: '+966 12 341 2341', name: 'Ann' },
	{ phone: '0501234567', name: 'Bad Number' },
	{ phone: '+96612341243', name: 'Cem' },
	{ phone: '+96612341244', name: 'Dee' },
];

test('with Continue On Fail, bad items become error items in place and the others are called', async () => {
	sandbox().respondNext(
		{ status: 201, body: { message: 'ok' } }, // Ann
		{ status: 503, body: { detail: 'busy' } }, // Cem
		{ status: 201, body: { message: 'ok' } }, // Dee
	);

	const result = await runLeversCall({
		parameters: PARAMETERS,
		credential: accessTokenCredential(sandbox()),
		items: CONTACTS,
		continueOnFail: true,
	});

	expect(result.status).toBe('success');
	const output = result.output(NODE_NAME);
	expect(output.map((item) => item.pairedItem)).toEqual([
		{ item: 0 },
		{ item: 1 },
		{ item: 2 },
		{ item: 3 },
	]);
	expect(output.map((item) => item.json.success)).toEqual([true, false, false, true]);
	expect(output[1].json).toEqual({
		outcome: 'failed',
		success: false,
		error: expect.stringMatching(
			/^numberToCall: "0501234567" is not an international phone number .* \[item 1\]$/,
		),
		description: 'No call was placed for this item.',
		field: 'numberToCall',
	});
	expect(output[2].json).toMatchObject({
		success: false,
		error: 'Levers could not process the call request (HTTP 503) [item 2]',
		statusCode: 503,
		request: { numberToCall: '+96612341243', firstName: 'Cem', metadata: { row: 2 } }, // metadata keeps the type the expression gave
	});
	// The bad number never reached Levers; the three others did, once each, in order.
	expect(
		sandbox()
			.callRequests()
			.map((request) => (request.json as { firstName: string }).firstName),
	).toEqual(['Ann', 'Cem', 'Dee']);
	expect(visibleText(result)).not.toContain(ACCESS_TOKEN);
});

test('a 422 from Levers names the field in the error item', async () => {
	sandbox().respondNext({
		status: 422,
		body: { detail: [{ loc: ['body', 'firstName'], msg: 'too long', type: 'value_error' }] },
	});

	const result = await runLeversCall({
		parameters: PARAMETERS,
		credential: accessTokenCredential(sandbox()),
		items: [CONTACTS[0]],
		continueOnFail: true,
	});

	expect(result.output(NODE_NAME)[0].json).toMatchObject({
		success: false,
		field: 'firstName',
		statusCode: 422,
	});
});

test('without Continue On Fail, one bad item stops the run before anyone is called', async () => {
	const result = await runLeversCall({
		parameters: PARAMETERS,
		credential: accessTokenCredential(sandbox()),
		items: CONTACTS,
	});

	expect(result.status).toBe('error');
	expect(result.nodeError(NODE_NAME)?.message).toMatch(
		/^numberToCall: "0501234567" .* \[item 1\]$/,
	);
	expect(sandbox().requests).toHaveLength(0);
});

test('without Continue On Fail, an API failure stops at that item and says who was already called', async () => {
	const valid = [CONTACTS[0], CONTACTS[2], CONTACTS[3]];
	sandbox().respondNext(
		{ status: 201, body: {} },
		{ status: 400, body: { detail: 'bad request' } },
	);

	const result = await runLeversCall({
		parameters: PARAMETERS,
		credential: accessTokenCredential(sandbox()),
		items: valid,
	});

	const error = result.nodeError(NODE_NAME) as Error & { description?: string };
	expect(error.message).toBe('Levers rejected the call request (HTTP 400) [item 1]');
	expect(error.description).toContain('1 other call(s) of this run were placed (or may have been)');
	expect(sandbox().callRequests()).toHaveLength(2); // item 2 was not attempted
});

describe('when items are read', () => {
	// Each request carries the time its item's expressions were resolved.
	const parameters = {
		...PARAMETERS,
		metadata: rows({ readAt: '={{ $now.toMillis() }}' }),
		options: { concurrency: 5 },
	};
	const items = Array.from({ length: 400 }, (_, row) => ({
		phone: `+1555${String(row).padStart(7, '0')}`,
		name: `Contact ${row}`,
	}));
	const readTimes = () => {
		const calls = sandbox().callRequests();
		expect(calls).toHaveLength(items.length);
		const readAt = calls.map((call) =>
			Number((call.json as { metadata: { readAt: unknown } }).metadata.readAt),
		);
		return {
			firstCallArrived: Math.min(...calls.map((call) => call.receivedAt)),
			lastItemRead: Math.max(...readAt),
		};
	};

	test('with Continue On Fail, the first calls go out while later items are still being read', async () => {
		const result = await runLeversCall({
			parameters,
			credential: accessTokenCredential(sandbox()),
			items,
			continueOnFail: true,
		});

		expect(result.output(NODE_NAME).every((item) => item.json.outcome === 'placed')).toBe(true);
		const { firstCallArrived, lastItemRead } = readTimes();
		expect(firstCallArrived).toBeLessThan(lastItemRead);
	});

	test('without Continue On Fail, every item is read before the first call', async () => {
		const result = await runLeversCall({
			parameters,
			credential: accessTokenCredential(sandbox()),
			items,
		});

		expect(result.output(NODE_NAME).every((item) => item.json.outcome === 'placed')).toBe(true);
		const { firstCallArrived, lastItemRead } = readTimes();
		expect(lastItemRead).toBeLessThanOrEqual(firstCallArrived);
	});
});
