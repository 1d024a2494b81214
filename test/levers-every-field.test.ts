import type { INodeParameters } from 'n8n-workflow';

import {
	CONTACT_NAME,
	CONTACT_SETTINGS,
	PERSON_FIELDS,
} from '../nodes/Levers/fields/contactFields';
import type { FieldSpec } from '../nodes/Levers/fields/fieldSpec';
import { INVOICE_DETAILS } from '../nodes/Levers/fields/invoiceFields';
import { PAYMENT_NOTES, PAYMENT_ORIGIN } from '../nodes/Levers/fields/paymentFields';
import { useSandbox } from './levers-support';
import { byId, errorOf, runLevers, seedInvoice } from './levers-records-support';
import type { RecordsRun } from './levers-records-support';

/**
 * Every optional field of every write, all filled at once from the node's own field tables: each reaches the
 * sandbox under its API name with its JSON type, and the sandbox (pydantic's rules) accepts the body.
 */
const sandbox = useSandbox();

/** A value for the UI parameter, and what must arrive on the wire. */
function sample(spec: FieldSpec): [unknown, unknown] {
	if (typeof spec.kind === 'object') {
		const value = spec.kind.options.at(-1)?.value;
		return [value, value];
	}
	const samples: Record<string, [unknown, unknown]> = {
		text: [`${spec.name} value`, `${spec.name} value`],
		phone: ['+966 12 345 6789', '+966123456789'],
		email: ['someone@example.com', 'someone@example.com'],
		uuid: [sandbox().resources.store.createContact({ name: 'x' }).uuid, undefined],
		date: ['2025-04-30T00:00:00', '2025-04-30'],
		amount: [12.5, 12.5],
		flag: [true, true],
		jsonList: ['[{"name": "k", "value": 1}]', [{ name: 'k', value: 1 }]],
	};
	const [value, wire] = samples[spec.kind];
	return [value, wire ?? value];
}

function filled(specs: FieldSpec[]): {
	parameters: INodeParameters;
	wire: Record<string, unknown>;
} {
	const parameters: INodeParameters = {};
	const wire: Record<string, unknown> = {};
	for (const spec of specs) {
		const [value, sent] = sample(spec);
		parameters[spec.name] = value as never;
		wire[spec.name] = sent;
	}
	return { parameters, wire };
}

async function expectSent(run: RecordsRun, wire: Record<string, unknown>) {
	const result = await runLevers(sandbox(), run);

	expect(errorOf(result)).toBeUndefined();
	const [request] = sandbox().resourceRequests();
	expect(request.status).toBe(200);
	expect(request.json).toEqual(expect.objectContaining(wire));
	for (const [name, value] of Object.entries(wire))
		expect(typeof (request.json as Record<string, unknown>)[name]).toBe(typeof value);
}

test('contact Create: all 36 optional fields and a secondary contact with every person field', async () => {
	const contact = filled([...PERSON_FIELDS, ...CONTACT_SETTINGS]);
	const person = filled([CONTACT_NAME, ...PERSON_FIELDS]);

	await expectSent(
		{
			resource: 'contact',
			operation: 'create',
			parameters: {
				name: 'Every Field Co',
				additionalFields: {
					...contact.parameters,
					secondaryContacts: { contact: [person.parameters] },
				},
			},
		},
		{ name: 'Every Field Co', ...contact.wire, secondaryContacts: [person.wire] },
	);
	expect(Object.keys(contact.wire)).toHaveLength(36);
});

test('contact Update: the name and every other field, beside the uuid', async () => {
	const { contactUuid } = seedInvoice(sandbox());
	const fields = filled([CONTACT_NAME, ...PERSON_FIELDS, ...CONTACT_SETTINGS]);

	await expectSent(
		{
			resource: 'contact',
			operation: 'update',
			parameters: { contactUuid: byId(contactUuid), updateFields: fields.parameters },
		},
		{ uuid: contactUuid, ...fields.wire },
	);
});

test('invoice Create and Create or Update: every additional field', async () => {
	const { contactUuid } = seedInvoice(sandbox());
	const details = filled(INVOICE_DETAILS);
	const required = {
		number: 'INV-ALL',
		date: '2025-01-01T00:00:00',
		dueDate: '2025-01-31T00:00:00',
		total: 10,
		contactUuid: byId(contactUuid),
	};

	await expectSent(
		{
			resource: 'invoice',
			operation: 'create',
			parameters: { ...required, additionalFields: details.parameters },
		},
		{
			number: 'INV-ALL',
			date: '2025-01-01',
			dueDate: '2025-01-31',
			total: 10,
			contactUuid,
			...details.wire,
		},
	);
	sandbox().requests.length = 0;
	await expectSent(
		{
			resource: 'invoice',
			operation: 'upsert',
			parameters: { ...required, outstandingAmount: 4, additionalFields: details.parameters },
		},
		{ outstandingAmount: 4, ...details.wire },
	);
});

test('payment Create: every additional field', async () => {
	const { invoiceUuid } = seedInvoice(sandbox());
	const fields = filled([...PAYMENT_NOTES, ...PAYMENT_ORIGIN]);

	await expectSent(
		{
			resource: 'payment',
			operation: 'create',
			parameters: {
				invoiceUuid: byId(invoiceUuid),
				amount: 5,
				date: '2025-02-01T00:00:00',
				additionalFields: fields.parameters,
			},
		},
		{ amount: 5, date: '2025-02-01', ...fields.wire },
	);
});
