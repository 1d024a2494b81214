import { useSandbox } from './levers-support';
import { byId, errorOf, jsonOf, runLevers, seedInvoice } from './levers-records-support';

/** Every operation of the Levers node, through n8n's engine against the sandbox: what reaches it, what comes back. */
const sandbox = useSandbox();

const bodyOf = (index = 0) => sandbox().resourceRequests()[index].json as Record<string, unknown>;

describe('contact', () => {
	test('Create sends the name and every additional field with its type, nothing empty', async () => {
		const result = await runLevers(sandbox(), {
			resource: 'contact',
			operation: 'create',
			parameters: {
				name: 'John Doe',
				additionalFields: {
					nameAr: 'جون',
					phoneNumber: '+966 (12) 341-234',
					email: 'john.doe@example.com',
					lastName: '',
					emailTone: 'NEUTRAL',
					sendSmsNotif: false,
					remindersEnabled: true,
					customFields: '[{"name": "segment", "value": "B2B"}]',
					secondaryContacts: {
						contact: [{ name: 'Jane', phoneNumber: '+96612349999', email: '' }],
					},
					role: 'PRIMARY',
				},
			},
		});

		expect(errorOf(result)).toBeUndefined();
		const [request] = sandbox().resourceRequests();
		expect(`${request.method} ${request.path}`).toBe('POST /api-service/v1/contact');
		expect(request.status).toBe(200);
		expect(bodyOf()).toEqual({
			name: 'John Doe',
			nameAr: 'جون',
			phoneNumber: '+9661234123' + '4',
			email: 'john.doe@example.com',
			secondaryContacts: [{ name: 'Jane', phoneNumber: '+96612349999' }],
			emailTone: 'NEUTRAL',
			sendSmsNotif: false,
			remindersEnabled: true,
			customFields: [{ name: 'segment', value: 'B2B' }],
			role: 'PRIMARY',
		});
		const [output] = jsonOf(result);
		expect(output.uuid).toMatch(/^[0-9a-f-]{36}$/);
		expect(sandbox().resources.store.contacts.get(String(output.uuid))?.name).toBe('John Doe');
	});
});

describe('invoice and payment', () => {
	test('Create Payment lowers the outstanding amount that Get then shows', async () => {
		const { invoiceUuid } = seedInvoice(sandbox(), 500);
		const paid = await runLevers(sandbox(), {
			resource: 'payment',
			operation: 'create',
			parameters: { invoiceUuid: byId(invoiceUuid), amount: 200, date: '2025-02-01T00:00:00' },
		});
		expect(errorOf(paid)).toBeUndefined();
		expect(bodyOf()).toEqual({ amount: 200, date: '2025-02-01' });

		const got = await runLevers(sandbox(), {
			resource: 'invoice',
			operation: 'get',
			parameters: { invoiceUuid: byId(invoiceUuid) },
		});
		expect(jsonOf(got)).toEqual([
			expect.objectContaining({
				uuid: invoiceUuid,
				totalPaid: 200,
				outstandingAmount: 300,
				status: 'UNPAID',
			}),
		]);
	});
});
