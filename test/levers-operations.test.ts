import type { INodeParameters } from 'n8n-workflow';

import { useSandbox } from './levers-support';
import { byId, errorOf, jsonOf, runLevers, seedInvoice } from './levers-records-support';
import type { RecordsRun } from './levers-records-support';

/**
 * Every operation of the Levers node through n8n's engine against the sandbox: the request that reaches it
 * (method, path, every field with its JSON type, nothing empty), and the items that come out.
 */
const sandbox = useSandbox();

const requests = () => sandbox().resourceRequests();
const sent = (index = 0) => {
	const request = requests()[index];
	return { route: `${request.method} ${request.path}`, body: request.json, status: request.status };
};
const API = '/api-service/v1';

async function ok(run: RecordsRun) {
	const result = await runLevers(sandbox(), run);
	expect(errorOf(result)).toBeUndefined();
	return jsonOf(result);
}

describe('contact', () => {
	test('Create sends the name and the additional fields with their types, and nothing empty', async () => {
		const [output] = await ok({
			resource: 'contact',
			operation: 'create',
			parameters: {
				name: 'John Doe',
				additionalFields: {
					nameAr: 'جون',
					phoneNumber: '+966 (12) 341-234',
					email: 'john.doe@example.com',
					lastName: '',
					city: '  Riyadh ',
					emailTone: 'NEUTRAL',
					sendSmsNotif: false,
					sendSmsNotifLang: 'ARABIC',
					remindersEnabled: true,
					customFields: '[{"name": "segment", "value": "B2B"}]',
					secondaryContacts: {
						contact: [{ name: 'Jane', phoneNumber: '+96612349999', email: '', cityAr: 'الرياض' }],
					},
					gender: 'female',
					role: 'PRIMARY',
				},
			},
		});

		expect(sent()).toEqual({
			route: `POST ${API}/contact`,
			status: 200,
			body: {
				name: 'John Doe',
				nameAr: 'جون',
				phoneNumber: '+96612341234',
				email: 'john.doe@example.com',
				city: 'Riyadh',
				secondaryContacts: [{ name: 'Jane', phoneNumber: '+96612349999', cityAr: 'الرياض' }],
				emailTone: 'NEUTRAL',
				sendSmsNotif: false,
				sendSmsNotifLang: 'ARABIC',
				remindersEnabled: true,
				customFields: [{ name: 'segment', value: 'B2B' }],
				gender: 'female',
				role: 'PRIMARY',
			},
		});
		expect(output.uuid).toMatch(/^[0-9a-f-]{36}$/);
		expect(sandbox().resources.store.contacts.get(String(output.uuid))).toMatchObject({
			name: 'John Doe',
			city: 'Riyadh',
		});
	});

	test('Create reads its fields from expressions, one contact per item', async () => {
		const output = await ok({
			resource: 'contact',
			operation: 'create',
			parameters: {
				name: '={{ $json.company }}',
				additionalFields: { phoneNumber: '={{ $json.phone }}', email: '={{ $json.mail }}' },
			},
			items: [
				{ company: 'Acme', phone: '+96611111111', mail: 'ar@acme.example' },
				{ company: 'Globex', phone: '+96622222222', mail: 'ap@globex.example' },
			],
		});

		expect(requests().map((request) => request.json)).toEqual([
			{ name: 'Acme', phoneNumber: '+96611111111', email: 'ar@acme.example' },
			{ name: 'Globex', phoneNumber: '+96622222222', email: 'ap@globex.example' },
		]);
		expect(output.map((record) => record.name)).toEqual(['Acme', 'Globex']);
	});

	test('Update sends the uuid and only the fields given; the contact keeps the others', async () => {
		const { contactUuid } = seedInvoice(sandbox());

		const [output] = await ok({
			resource: 'contact',
			operation: 'update',
			parameters: {
				contactUuid: byId(contactUuid),
				updateFields: { email: 'new@example.com', sendEmailNotif: true },
			},
		});

		expect(sent()).toMatchObject({
			route: `PUT ${API}/contact`,
			body: { uuid: contactUuid, email: 'new@example.com', sendEmailNotif: true },
		});
		expect(Object.keys(sent().body as object)).toEqual(['uuid', 'email', 'sendEmailNotif']);
		expect(output).toMatchObject({
			uuid: contactUuid,
			name: 'Seed Contact',
			email: 'new@example.com',
		});
	});

	test('Get: Simplify on keeps the fields a workflow needs; off returns the whole record', async () => {
		const { contactUuid } = seedInvoice(sandbox(), 500);
		const run = (simplify: boolean): RecordsRun => ({
			resource: 'contact',
			operation: 'get',
			parameters: { contactUuid: { __rl: true, mode: 'list', value: contactUuid }, simplify },
		});

		const [simple] = await ok(run(true));
		const [whole] = await ok(run(false));

		expect(sent()).toMatchObject({ route: `GET ${API}/contact/${contactUuid}`, body: undefined });
		expect(simple).toEqual({
			uuid: contactUuid,
			name: 'Seed Contact',
			phoneNumber: '+96612341234',
			totalAmount: 500,
			totalPaid: 0,
			outstandingAmount: 500,
			risk: 'LOW',
			promiseToPayDate: null,
			reminderStatus: null,
		});
		expect(whole).toMatchObject({ ...simple, remindersEnabled: true, reminderLabel: null });
		expect(Object.keys(whole).length).toBeGreaterThan(Object.keys(simple).length);
	});
});

describe('invoice', () => {
	test('Create sends dates as YYYY-MM-DD, the total as a number, and the contact as contactUuid', async () => {
		const { contactUuid } = seedInvoice(sandbox());

		const [output] = await ok({
			resource: 'invoice',
			operation: 'create',
			parameters: {
				number: 'INV-42',
				date: '2025-03-01T00:00:00',
				dueDate: '={{ $json.due }}',
				total: '={{ $json.amount }}',
				contactUuid: byId(contactUuid),
				additionalFields: {
					reference: 'REF-7',
					remindersEnabled: false,
					purchaseOrder: 'PO-9',
					customFields: '[]',
					extPlatformId: 'xero-42',
				},
			},
			items: [{ due: '2025-03-31', amount: '1250.50' }],
		});

		expect(sent()).toEqual({
			route: `POST ${API}/invoice`,
			status: 200,
			body: {
				number: 'INV-42',
				date: '2025-03-01',
				dueDate: '2025-03-31',
				total: 1250.5,
				contactUuid,
				reference: 'REF-7',
				remindersEnabled: false,
				purchaseOrder: 'PO-9',
				extPlatformId: 'xero-42',
			},
		});
		expect(output).toMatchObject({
			number: 'INV-42',
			status: 'UNPAID',
			outstandingAmount: 1250.5,
			level: 'OVER-DUE',
			contact: { uuid: contactUuid },
		});
	});

	test('Update sends the invoice uuid and the changed fields', async () => {
		const { invoiceUuid } = seedInvoice(sandbox(), 500);

		const [output] = await ok({
			resource: 'invoice',
			operation: 'update',
			parameters: {
				invoiceUuid: byId(invoiceUuid),
				updateFields: { total: 800, dueDate: '2030-01-15T00:00:00', notes: 'Extended' },
			},
		});

		expect(sent()).toMatchObject({
			route: `PUT ${API}/invoice`,
			body: { uuid: invoiceUuid, notes: 'Extended', dueDate: '2030-01-15', total: 800 },
		});
		expect(output).toMatchObject({ total: 800, outstandingAmount: 800, level: 'UPCOMING' });
	});

	test('Create or Update creates without a uuid and updates the invoice with it, outstandingAmount included', async () => {
		const { contactUuid } = seedInvoice(sandbox());
		const parameters = (extra: INodeParameters): INodeParameters => ({
			number: 'INV-9',
			date: '2025-01-05T00:00:00',
			dueDate: '2025-02-05T00:00:00',
			total: 900,
			outstandingAmount: 900,
			contactUuid: byId(contactUuid),
			...extra,
		});

		const [created] = await ok({
			resource: 'invoice',
			operation: 'upsert',
			parameters: parameters({}),
		});
		const [updated] = await ok({
			resource: 'invoice',
			operation: 'upsert',
			parameters: parameters({
				outstandingAmount: 400,
				additionalFields: { uuid: String(created.uuid) },
			}),
		});

		expect(sent(0).route).toBe(`POST ${API}/invoice/create-update`);
		expect(sent(0).body).toEqual({
			number: 'INV-9',
			date: '2025-01-05',
			dueDate: '2025-02-05',
			total: 900,
			contactUuid,
			outstandingAmount: 900,
		});
		expect(sent(1).body).toMatchObject({ uuid: created.uuid, outstandingAmount: 400 });
		expect(updated).toMatchObject({ uuid: created.uuid, totalPaid: 500, outstandingAmount: 400 });
		expect(sandbox().resources.store.invoices.size).toBe(2);
	});

	test('Get: Simplify on and off, the payments in the whole record', async () => {
		const { invoiceUuid } = seedInvoice(sandbox(), 500);
		sandbox().resources.store.createPayment(invoiceUuid, { amount: 100, date: '2025-01-10' });
		const run = (simplify: boolean): RecordsRun => ({
			resource: 'invoice',
			operation: 'get',
			parameters: { invoiceUuid: byId(invoiceUuid), simplify },
		});

		const [simple] = await ok(run(true));
		const [whole] = await ok(run(false));

		expect(sent().route).toBe(`GET ${API}/invoice/${invoiceUuid}`);
		expect(simple).toEqual({
			uuid: invoiceUuid,
			number: 'INV-1',
			date: '2025-01-01',
			dueDate: '2025-01-31',
			paidDate: null,
			total: 500,
			totalPaid: 100,
			outstandingAmount: 400,
			status: 'UNPAID',
			level: 'OVER-DUE',
		});
		expect(whole).toMatchObject({ ...simple, currencyCode: 'SAR', payment: [{ amount: 100 }] });
	});

	test('Set Status marks several invoices in one request, from a list or from text', async () => {
		const first = seedInvoice(sandbox()).invoiceUuid;
		const second = seedInvoice(sandbox()).invoiceUuid;

		const [output] = await ok({
			resource: 'invoice',
			operation: 'setStatus',
			parameters: { status: 'PAID', invoiceUuids: `${first}, ${second}` },
		});
		await ok({
			resource: 'invoice',
			operation: 'setStatus',
			parameters: { status: 'UNPAID', invoiceUuids: '={{ $json.ids }}' },
			items: [{ ids: [second] }],
		});

		expect(sent(0)).toMatchObject({
			route: `PATCH ${API}/invoice/status`,
			body: { status: 'PAID', uuid: [first, second] },
		});
		expect(sent(1).body).toEqual({ status: 'UNPAID', uuid: [second] });
		expect(output).toEqual({ success: true, status: 'PAID', uuid: [first, second] });
		const { store } = sandbox().resources;
		expect(store.invoiceView(first).status).toBe('PAID');
		expect(store.invoiceView(second).status).toBe('UNPAID');
	});
});

describe('payment', () => {
	test('Create records a payment against the invoice: its totalPaid, outstandingAmount and status follow', async () => {
		const { invoiceUuid } = seedInvoice(sandbox(), 500);

		const [first] = await ok({
			resource: 'payment',
			operation: 'create',
			parameters: {
				invoiceUuid: byId(invoiceUuid),
				amount: 200,
				date: '2025-02-01T00:00:00',
				additionalFields: {
					paymentType: 'CREDIT_MEMO',
					reference: 'TRX-1',
					extInvoiceId: 'xero-1',
				},
			},
		});
		await ok({
			resource: 'payment',
			operation: 'create',
			parameters: { invoiceUuid: byId(invoiceUuid), amount: 300, date: '2025-02-03T00:00:00' },
		});

		expect(sent(0)).toEqual({
			route: `POST ${API}/invoice/${invoiceUuid}/payment`,
			status: 200,
			body: {
				amount: 200,
				date: '2025-02-01',
				reference: 'TRX-1',
				paymentType: 'CREDIT_MEMO',
				extInvoiceId: 'xero-1',
			},
		});
		expect(first).toMatchObject({ amount: 200, paymentType: 'CREDIT_MEMO', onlinePaymentId: null });
		expect(sandbox().resources.store.invoiceView(invoiceUuid)).toMatchObject({
			totalPaid: 500,
			outstandingAmount: 0,
			status: 'PAID',
			level: 'PAID',
			paidDate: '2025-02-03',
		});
	});

	test('Update changes a payment by its own uuid, and the invoice follows', async () => {
		const { invoiceUuid } = seedInvoice(sandbox(), 500);
		const payment = sandbox().resources.store.createPayment(invoiceUuid, {
			amount: 100,
			date: '2025-01-10',
		});

		const [output] = await ok({
			resource: 'payment',
			operation: 'update',
			parameters: {
				paymentUuid: String(payment.uuid),
				updateFields: { amount: 150, notes: 'corrected' },
			},
		});

		expect(sent()).toMatchObject({
			route: `PUT ${API}/invoice/payment/${payment.uuid}`,
			body: { amount: 150, notes: 'corrected' },
		});
		expect(output).toMatchObject({ uuid: payment.uuid, amount: 150, notes: 'corrected' });
		expect(sandbox().resources.store.invoiceView(invoiceUuid).outstandingAmount).toBe(350);
	});
});
