import { clientCredential, useSandbox } from './levers-support';
import { errorOf, jsonOf, runLevers } from './levers-records-support';
import type { RecordsRun } from './levers-records-support';

/**
 * A write that may have landed is never sent again (5xx, timeout, dropped connection), also not by n8n's
 * Retry On Fail; a 429 changed nothing, so it waits and sends again; a read is retried on 5xx and resets.
 */
const sandbox = useSandbox();

const createContacts = (settings: RecordsRun['settings'] = {}, timeout?: number): RecordsRun => ({
	resource: 'contact',
	operation: 'create',
	parameters: { name: '={{ $json.name }}', ...(timeout ? { options: { timeout } } : {}) },
	items: [{ name: 'First' }, { name: 'Second' }, { name: 'Third' }],
	settings,
});
const MAY_HAVE_BEEN_CREATED =
	'The contact may have been created in Levers: check it there before running this item again.';
const names = () =>
	sandbox()
		.resourceRequests()
		.map((request) => (request.json as { name: string }).name);
const stored = () =>
	[...sandbox().resources.store.contacts.values()].map((contact) => contact.name);

test('a 503 after the contact was created: not sent again, the item says it may have been created', async () => {
	sandbox().respondNextResource({
		status: 503,
		body: { detail: 'Service Unavailable' },
		place: true,
	});

	const result = await runLevers(sandbox(), { ...createContacts(), items: [{ name: 'First' }] });

	expect(errorOf(result)?.message).toBe(
		'Levers could not process the contact request (HTTP 503) [item 0]',
	);
	expect(errorOf(result)?.description).toBe(
		`${MAY_HAVE_BEEN_CREATED} Levers says: Service Unavailable`,
	);
	expect(names()).toEqual(['First']);
	expect(stored()).toEqual(['First']);
});

test.each([
	[
		'a timeout',
		{ status: 200, body: {}, delayMs: 2_000 },
		'Levers did not answer within 1 s [item 0]',
	],
	[
		'a dropped connection',
		{ status: 200, destroySocket: true, place: true },
		'The connection to Levers closed before an answer (ECONNRESET) [item 0]',
	],
])('%s on a create is not sent again', async (_, scripted, message) => {
	sandbox().respondNextResource(scripted);

	const result = await runLevers(sandbox(), {
		...createContacts({}, 1_000),
		items: [{ name: 'First' }],
	});

	expect(errorOf(result)?.message).toBe(message);
	expect(errorOf(result)?.description).toContain(MAY_HAVE_BEEN_CREATED);
	expect(names()).toEqual(['First']);
});

test('with Continue On Fail the uncertain item gets its error and the others are written once', async () => {
	sandbox().respondNextResource({ status: 200, body: { uuid: 'scripted' }, place: true });
	sandbox().respondNextResource({ status: 502, body: 'Bad Gateway', place: true });

	const result = await runLevers(sandbox(), createContacts({ onError: 'continueRegularOutput' }));

	const [, uncertain, third] = jsonOf(result);
	expect(uncertain).toMatchObject({
		error: 'Levers could not process the contact request (HTTP 502) [item 1]',
		statusCode: 502,
	});
	expect(uncertain.description).toContain(MAY_HAVE_BEEN_CREATED);
	expect(third).toMatchObject({ name: 'Third' });
	expect(names()).toEqual(['First', 'Second', 'Third']);
});

test('Retry On Fail sends nothing again that was created or may have been', async () => {
	sandbox().respondNextResource({ status: 200, body: { uuid: 'scripted' }, place: true });
	sandbox().respondNextResource({ status: 503, place: true });

	const result = await runLevers(
		sandbox(),
		createContacts({ retryOnFail: true, maxTries: 3, waitBetweenTries: 10 }),
	);

	expect(errorOf(result)?.message).toBe(
		'Levers could not process the contact request (HTTP 503) [item 1]',
	);
	expect(errorOf(result)?.description).toContain('1 earlier item(s) of this run were written');
	// Each try answers item 0 and item 1 from the first try; item 2 is never reached.
	expect(names()).toEqual(['First', 'Second']);
	expect(stored()).toEqual(['First', 'Second']);
});

test('Retry On Fail sends again what surely failed, and only that', async () => {
	sandbox().respondNextResource({ status: 200, body: { uuid: 'kept-from-try-1' }, place: true });
	sandbox().respondNextResource({ status: 400, body: { detail: 'try later' }, place: false });

	const result = await runLevers(
		sandbox(),
		createContacts({ retryOnFail: true, maxTries: 3, waitBetweenTries: 10 }),
	);

	expect(result.status).toBe('success');
	expect(names()).toEqual(['First', 'Second', 'Second', 'Third']);
	expect(stored()).toEqual(['First', 'Second', 'Third']);
	const output = jsonOf(result);
	expect(output[0]).toEqual({ uuid: 'kept-from-try-1' });
	expect(output.slice(1).map((contact) => contact.name)).toEqual(['Second', 'Third']);
});

test('a 429 changed nothing: the create waits for Retry-After and is sent again', async () => {
	sandbox().respondNextResource({
		status: 429,
		body: { detail: 'Too Many Requests' },
		headers: { 'retry-after': '1' },
	});

	const started = Date.now();
	const result = await runLevers(sandbox(), { ...createContacts(), items: [{ name: 'First' }] });

	expect(errorOf(result)).toBeUndefined();
	expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
	expect(
		sandbox()
			.resourceRequests()
			.map((request) => request.status),
	).toEqual([429, 200]);
	expect(stored()).toEqual(['First']);
});

test('a read is sent again after a 503 and a dropped connection', async () => {
	sandbox().resources.store.createContact({ name: 'Only' });
	sandbox().respondNextResource({ status: 503 }, { status: 200, destroySocket: true });

	const result = await runLevers(sandbox(), {
		resource: 'contact',
		operation: 'getAll',
		parameters: { returnAll: true },
	});

	expect(errorOf(result)).toBeUndefined();
	expect(jsonOf(result).map((contact) => contact.name)).toEqual(['Only']);
	expect(sandbox().resourceRequests()).toHaveLength(3);
});

test('a read that keeps failing stops after three tries, saying nothing was changed', async () => {
	const uuid = '9bfa828a-3c2d-430c-bdc7-f74d90334524';
	sandbox().respondNextResource({ status: 500 }, { status: 500 }, { status: 500 });

	const result = await runLevers(sandbox(), {
		resource: 'contact',
		operation: 'get',
		parameters: { contactUuid: { __rl: true, mode: 'id', value: uuid } },
	});

	expect(errorOf(result)?.message).toBe(
		'Levers could not process the contact request (HTTP 500) [item 0]',
	);
	expect(errorOf(result)?.description).toBe(
		'Nothing was changed in Levers: this operation only reads.',
	);
	expect(sandbox().resourceRequests()).toHaveLength(3);
});

test('an unknown record is a 404 that names the request, sent once', async () => {
	const result = await runLevers(sandbox(), {
		resource: 'invoice',
		operation: 'get',
		parameters: {
			invoiceUuid: { __rl: true, mode: 'id', value: '9bfa828a-3c2d-430c-bdc7-f74d90334524' },
		},
	});

	expect(errorOf(result)?.message).toBe(
		'Levers found nothing for this invoice request (HTTP 404) [item 0]',
	);
	expect(errorOf(result)?.description).toContain('Levers says: Invoice not found');
	expect(sandbox().resourceRequests()).toHaveLength(1);
});

test('with Client ID and Secret a 401 renews the token and sends once more; the secret stays out of the output', async () => {
	sandbox().respondNextResource({ status: 401, body: { detail: 'Invalid or expired token' } });
	const credential = clientCredential(sandbox());

	const result = await runLevers(sandbox(), {
		...createContacts(),
		items: [{ name: 'First' }],
		credential,
	});

	expect(errorOf(result)).toBeUndefined();
	expect(
		sandbox()
			.resourceRequests()
			.map((request) => request.status),
	).toEqual([401, 200]);
	expect(sandbox().tokenExchanges().length).toBeGreaterThanOrEqual(1);
	expect(JSON.stringify(result.runData)).not.toContain(String(credential.data.clientSecret));
});
