import { ACCESS_TOKEN, useSandbox } from './levers-support';

/** The sandbox's contact, invoice and payment endpoints answer as FastAPI + pydantic would. */
const sandbox = useSandbox();

async function send(method: string, path: string, body?: unknown, token = ACCESS_TOKEN) {
	const response = await fetch(`${sandbox().url}/api-service/v1${path}`, {
		method,
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

test('a contact without a name, with a long city and a bad email: one 422 with every problem', async () => {
	const answer = await send('POST', '/contact', {
		city: 'x'.repeat(256),
		email: 'nope',
		role: 'BOSS',
	});

	expect(answer.status).toBe(422);
	expect(answer.json.detail).toEqual([
		{ loc: ['body', 'name'], msg: 'Field required', type: 'missing' },
		{
			loc: ['body', 'city'],
			msg: 'String should have at most 255 characters',
			type: 'string_too_long',
		},
		{ loc: ['body', 'email'], msg: 'value is not a valid email address', type: 'value_error' },
		{ loc: ['body', 'role'], msg: "Input should be 'PRIMARY' or 'SECONDARY'", type: 'enum' },
	]);
});

test('an invoice with a negative total, a total as text and a date with a time', async () => {
	const contact = await send('POST', '/contact', { name: 'A' });
	const base = {
		number: 'I-1',
		date: '2025-01-01',
		dueDate: '2025-01-31',
		contactUuid: contact.json.uuid,
	};

	const negative = await send('POST', '/invoice', { ...base, total: -1 });
	const text = await send('POST', '/invoice', { ...base, total: '5' });
	const dated = await send('POST', '/invoice', { ...base, total: 5, date: '2025-01-01T00:00:00' });

	expect(negative.json.detail).toEqual([
		{
			loc: ['body', 'total'],
			msg: 'Input should be greater than or equal to 0',
			type: 'greater_than_equal',
		},
	]);
	expect(text.json.detail).toEqual([
		{ loc: ['body', 'total'], msg: 'Input should be a valid number', type: 'float_type' },
	]);
	expect(dated.json.detail).toEqual([
		{
			loc: ['body', 'date'],
			msg: 'Input should be a valid date in the format YYYY-MM-DD',
			type: 'date_parsing',
		},
	]);
});

test('unknown records are 404s, a bad path UUID a 422, a page size over 100 a 422, and no token a 401', async () => {
	const uuid = '9bfa828a-3c2d-430c-bdc7-f74d90334524';

	expect(await send('GET', `/invoice/${uuid}`)).toEqual({
		status: 404,
		json: { detail: 'Invoice not found' },
	});
	expect((await send('GET', '/contact/42')).json.detail).toEqual([
		{ loc: ['path', 'uuid'], msg: 'Input should be a valid UUID', type: 'uuid_parsing' },
	]);
	expect((await send('GET', '/contact?page=1&size=101')).status).toBe(422);
	expect((await send('GET', '/contact', undefined, 'wrong')).status).toBe(401);
	expect(sandbox().resources.store.contacts.size).toBe(0);
});

test('payments move the invoice: partly paid stays UNPAID, fully paid is PAID; Set Status overrides', async () => {
	const contact = await send('POST', '/contact', { name: 'A' });
	const invoice = await send('POST', '/invoice', {
		number: 'I-1',
		date: '2025-01-01',
		dueDate: '2099-01-31',
		total: 100,
		contactUuid: contact.json.uuid,
	});
	const path = `/invoice/${invoice.json.uuid}`;

	await send('POST', `${path}/payment`, { amount: 40, date: '2025-01-02' });
	const partly = (await send('GET', path)).json;
	await send('POST', `${path}/payment`, { amount: 60, date: '2025-01-03' });
	const fully = (await send('GET', path)).json;
	await send('PATCH', '/invoice/status', { status: 'UNPAID', uuid: [invoice.json.uuid] });
	const reopened = (await send('GET', path)).json;

	expect(partly).toMatchObject({
		totalPaid: 40,
		outstandingAmount: 60,
		status: 'UNPAID',
		level: 'UPCOMING',
	});
	expect(fully).toMatchObject({
		totalPaid: 100,
		outstandingAmount: 0,
		status: 'PAID',
		level: 'PAID',
		paidDate: '2025-01-03',
	});
	expect(reopened).toMatchObject({ status: 'UNPAID', outstandingAmount: 0 });
	expect((await send('GET', `/contact/${contact.json.uuid}`)).json).toMatchObject({
		totalAmount: 100,
		totalPaid: 100,
	});
});
