import {
	NODE_NAME,
	accessTokenCredential,
	rows,
	runLeversCall,
	useSandbox,
} from './levers-support';

/** Parameters are resolved per item by n8n's real expression engine. */
const sandbox = useSandbox();

test('each item is called with its own values, normalised', async () => {
	const result = await runLeversCall({
		credential: accessTokenCredential(sandbox()),
		parameters: {
			numberToCall: '={{ $json.phone }}',
			additionalFields: {
				firstName: '={{ $json.first }}',
				email: '={{ $json.email }}',
				updateExisting: '={{ $json.update }}',
			},
			metadata: rows({ crm_id: '={{ $json.id }}', source: 'n8n' }),
			promptTags: rows({ amount: '={{ $json.amount }}' }),
		},
		items: [
			{
				phone: '+966 (12) 341-2341',
				first: ' Ann ',
				email: 'ann@example.com',
				update: true,
				id: 'c-1',
				amount: 500,
			},
			{
				phone: '+1.415.555.0100',
				first: 'Bo',
				email: '',
				update: false,
				id: 'c-2',
				amount: '$7.50',
			},
		],
	});

	expect(result.status).toBe('success');
	expect(
		sandbox()
			.callRequests()
			.map((request) => request.json),
	).toEqual([
		{
			numberToCall: '+966123412341',
			firstName: 'Ann',
			email: 'ann@example.com',
			updateExisting: true,
			metadata: { crm_id: 'c-1', source: 'n8n' },
			promptTags: { amount: '500' }, // a number becomes text, as Levers requires
		},
		{
			numberToCall: '+14155550100',
			firstName: 'Bo',
			metadata: { crm_id: 'c-2', source: 'n8n' },
			promptTags: { amount: '$7.50' },
		},
	]);
	expect(result.output(NODE_NAME).map((item) => item.pairedItem)).toEqual([
		{ item: 0 },
		{ item: 1 },
	]);
});

test('JSON mode takes a whole object from an earlier node, values of any type for metadata', async () => {
	await runLeversCall({
		credential: accessTokenCredential(sandbox()),
		parameters: {
			numberToCall: '+96612341234',
			specifyMetadata: 'json',
			metadataJson: '={{ $json.meta }}',
			specifyPromptTags: 'json',
			promptTagsJson: '={{ $json.tags }}',
		},
		items: [
			{
				meta: { project_id: 'p-9', attempt: 2, vip: true, nested: { a: 1 } },
				tags: { due_date: 'Jan 5' },
			},
		],
	});

	expect(sandbox().callRequests()[0].json).toEqual({
		numberToCall: '+96612341234',
		metadata: { project_id: 'p-9', attempt: 2, vip: true, nested: { a: 1 } },
		promptTags: { due_date: 'Jan 5' },
	});
});

test('empty optional fields, an empty JSON object and no rows send nothing for those fields', async () => {
	await runLeversCall({
		credential: accessTokenCredential(sandbox()),
		parameters: {
			numberToCall: '+96612341234',
			additionalFields: {
				firstName: '  ',
				lastName: '',
				email: '={{ $json.missing }}',
				contactUuid: '',
			},
			specifyMetadata: 'json',
			metadataJson: '{}',
			promptTags: { values: [] },
		},
	});

	expect(sandbox().callRequests()[0].rawBody).toBe('{"numberToCall":"+96612341234"}');
});

test('an expression that fails for one item names that item and sends nothing', async () => {
	const result = await runLeversCall({
		credential: accessTokenCredential(sandbox()),
		parameters: { numberToCall: '={{ $json.phone.trim() }}' },
		items: [{ phone: '+96612341234' }, { other: 1 }],
	});

	expect(result.status).toBe('error');
	expect(
		(result.nodeError(NODE_NAME) as Error & { context?: { itemIndex?: number } }).context
			?.itemIndex,
	).toBe(1);
	expect(sandbox().requests).toHaveLength(0);
});
