import type { INodeParameters } from 'n8n-workflow';

import { useSandbox } from './levers-support';
import { byId, errorOf, jsonOf, runLevers, seedInvoice } from './levers-records-support';
import type { RecordsRun } from './levers-records-support';

/**
 * Every bad input is refused before anything is sent, with a message naming the field, the problem and the
 * item. The bad value is in the second item (by expression), so the index is checked too, and the good first
 * item is not sent either.
 */
const sandbox = useSandbox();

const UUID = '9bfa828a-3c2d-430c-bdc7-f74d90334524';
const NOT_UUID = 'is not a UUID, e.g. 9bfa828a-3c2d-430c-bdc7-f74d90334524';
const contactCreate = (additionalFields: INodeParameters = {}, name = 'Acme'): RecordsRun => ({
	resource: 'contact',
	operation: 'create',
	parameters: { name, additionalFields },
});
const invoiceCreate = (overrides: INodeParameters = {}): RecordsRun => ({
	resource: 'invoice',
	operation: 'create',
	parameters: {
		number: 'INV-1',
		date: '2025-01-01T00:00:00',
		dueDate: '2025-01-31T00:00:00',
		total: 100,
		contactUuid: byId(UUID),
		...overrides,
	},
});
const paymentCreate = (overrides: INodeParameters = {}): RecordsRun => ({
	resource: 'payment',
	operation: 'create',
	parameters: { invoiceUuid: byId(UUID), amount: 10, date: '2025-01-01T00:00:00', ...overrides },
});
/** A bad value for the second item only; the first item gets `good` (empty by default). */
const second = (value: string, good = 'undefined') =>
	`={{ $itemIndex === 1 ? ${value} : ${good} }}`;

const BAD_INPUTS: Array<[string, RecordsRun, string]> = [
	[
		'contact name empty',
		contactCreate({}, second('""', '"Acme"')),
		`name: is empty — enter the contact's name, e.g. John Doe`,
	],
	[
		'contact name over 255 characters',
		contactCreate({}, second('"x".repeat(256)', '"Acme"')),
		'name: is 256 characters long — Levers accepts at most 255',
	],
	[
		'phone not E.164',
		contactCreate({ phoneNumber: second('"0501234567"') }),
		'phoneNumber: "0501234567" is not an international phone number — use E.164: "+" then 8 to 15 digits, e.g. +96612341234',
	],
	[
		'email without domain',
		contactCreate({ email: second('"john@"') }),
		'email: "john@" is not an email address, e.g. john.doe@example.com',
	],
	[
		'emailTone not documented',
		contactCreate({ emailTone: second('"ANGRY"') }),
		'emailTone: "ANGRY" is not one of FRIENDLY, NEUTRAL, REALESTATE',
	],
	[
		'remindersEnabled as text',
		contactCreate({ remindersEnabled: second('"yes"') }),
		'remindersEnabled: must be true or false',
	],
	[
		'customFields not a list',
		contactCreate({ customFields: second('\'{"a": 1}\'') }),
		'customFields: must be a JSON list, e.g. [{"name": "segment", "value": "B2B"}], got an object',
	],
	[
		'customFields not JSON',
		contactCreate({ customFields: second('"[oops"') }),
		'customFields: is not valid JSON',
	],
	[
		'secondary contact with a bad email',
		contactCreate({ secondaryContacts: { contact: [{ name: 'Jane', email: second('"jane"') }] } }),
		'secondaryContacts.0.email: "jane" is not an email address, e.g. john.doe@example.com',
	],
	[
		'contact update with nothing to change',
		{
			resource: 'contact',
			operation: 'update',
			parameters: { contactUuid: byId(UUID), updateFields: { email: second('""', '"a@b.co"') } },
		},
		'updateFields: is empty — add at least one field to change',
	],
	[
		'contact uuid not a UUID',
		{
			resource: 'contact',
			operation: 'get',
			parameters: { contactUuid: byId(second('"contact-42"', `"${UUID}"`)) },
		},
		`contactUuid: "contact-42" ${NOT_UUID}`,
	],
	[
		'invoice number empty',
		invoiceCreate({ number: second('""', '"INV-1"') }),
		'number: is empty — enter the invoice number, e.g. INV-2025-0042',
	],
	[
		'invoice date not a date',
		invoiceCreate({ date: second('"31/01/2025"', '"2025-01-01"') }),
		'date: "31/01/2025" is not a date — use YYYY-MM-DD, e.g. 2025-01-31',
	],
	[
		'due date not a calendar day',
		invoiceCreate({ dueDate: second('"2025-02-30"', '"2025-01-31"') }),
		'dueDate: "2025-02-30" is not a date — use YYYY-MM-DD, e.g. 2025-01-31',
	],
	[
		'total below 0',
		invoiceCreate({ total: second('-5', '1') }),
		'total: is -5 — it cannot be below 0',
	],
	[
		'total as words',
		invoiceCreate({ total: second('"five"', '1') }),
		'total: must be a number, got "five"',
	],
	[
		'invoice contact empty',
		invoiceCreate({ contactUuid: byId(second('""', `"${UUID}"`)) }),
		'contactUuid: is empty — choose the contact, or enter its UUID',
	],
	[
		'upsert without outstanding amount',
		{ ...invoiceCreate({ outstandingAmount: second('""', '5') }), operation: 'upsert' },
		'outstandingAmount: is empty — enter the amount still unpaid, e.g. 500',
	],
	[
		'set status with a bad UUID in the list',
		{
			resource: 'invoice',
			operation: 'setStatus',
			parameters: { status: 'PAID', invoiceUuids: second(`"${UUID}, INV-1"`, `"${UUID}"`) },
		},
		`invoiceUuids: "INV-1" ${NOT_UUID}`,
	],
	[
		'set status with an unknown status',
		{
			resource: 'invoice',
			operation: 'setStatus',
			parameters: { status: second('"OVERDUE"', '"PAID"'), invoiceUuids: UUID },
		},
		'status: "OVERDUE" is not one of PAID, UNPAID',
	],
	[
		'payment amount empty',
		paymentCreate({ amount: second('""', '5') }),
		'amount: is empty — enter the amount paid, e.g. 250',
	],
	[
		'payment type not documented',
		paymentCreate({ additionalFields: { paymentType: second('"CASH"') } }),
		'paymentType: "CASH" is not one of PAYMENT, CREDIT_MEMO, OTHER_PAYMENT, JOURNAL_ENTRY',
	],
	[
		'payment update by a bad UUID',
		{
			resource: 'payment',
			operation: 'update',
			parameters: { paymentUuid: second('"p-1"', `"${UUID}"`), updateFields: { amount: 5 } },
		},
		`paymentUuid: "p-1" ${NOT_UUID}`,
	],
];

test.each(BAD_INPUTS)(
	'%s: refused with the field, the problem and [item 1]; nothing sent',
	async (_, run, message) => {
		const result = await runLevers(sandbox(), { ...run, items: [{}, {}] });

		const error = errorOf(result);
		expect(error?.message.startsWith(message)).toBe(true);
		expect(error?.message).toMatch(/ \[item 1\]$/);
		expect(error?.description).toMatch(/^Nothing (was written to|was changed in) Levers/);
		expect(sandbox().resourceRequests()).toHaveLength(0);
	},
);

test('with Continue On Fail the bad item gets its error and the others are sent', async () => {
	const result = await runLevers(sandbox(), {
		...contactCreate({ email: '={{ $json.email }}' }, '={{ $json.name }}'),
		items: [
			{ name: 'Good One', email: 'one@example.com' },
			{ name: 'Bad', email: 'not-an-email' },
			{ name: 'Good Two', email: 'two@example.com' },
		],
		settings: { onError: 'continueRegularOutput' },
	});

	const [first, bad, third] = jsonOf(result);
	expect(first).toMatchObject({ name: 'Good One' });
	expect(bad).toEqual({
		error: 'email: "not-an-email" is not an email address, e.g. john.doe@example.com [item 1]',
		description: 'Nothing was written to Levers for this item.',
		field: 'email',
	});
	expect(third).toMatchObject({ name: 'Good Two' });
	expect(
		sandbox()
			.resourceRequests()
			.map((request) => (request.json as { name: string }).name),
	).toEqual(['Good One', 'Good Two']);
	expect(result.output('Levers').map((item) => item.pairedItem)).toEqual([
		{ item: 0 },
		{ item: 1 },
		{ item: 2 },
	]);
});

test('with "Continue (using error output)" the bad item goes to the error output', async () => {
	const { contactUuid } = seedInvoice(sandbox());
	const result = await runLevers(sandbox(), {
		...invoiceCreate({ total: '={{ $json.total }}', contactUuid: byId(contactUuid) }),
		items: [{ total: 10 }, { total: -1 }],
		settings: { onError: 'continueErrorOutput' },
	});

	const main = result.runData.Levers[0].data?.main ?? [];
	expect(main[0]?.map((item) => item.json.total)).toEqual([10]);
	expect(main[1]?.map((item) => item.json)).toEqual([
		expect.objectContaining({
			error: 'total: is -1 — it cannot be below 0 [item 1]',
			details: { description: 'Nothing was written to Levers for this item.', field: 'total' },
		}),
	]);
});

test('a 422 from Levers names the field it gives, and nothing is sent again', async () => {
	sandbox().respondNextResource({
		status: 422,
		body: {
			detail: [{ loc: ['body', 'vatNumber'], msg: 'VAT number already used', type: 'value_error' }],
		},
	});
	const refused = await runLevers(sandbox(), contactCreate({ vatNumber: '300000000000003' }));

	expect(errorOf(refused)?.message).toBe('Levers rejected the contact request (HTTP 422) [item 0]');
	expect(errorOf(refused)?.description).toBe(
		'Nothing was written to Levers for this item. Levers says: vatNumber: VAT number already used\nCorrect the fields named above.',
	);
	expect(sandbox().resourceRequests()).toHaveLength(1);
});
