import { collectionOf, toProperty } from '../../fields/fieldSpec';
import { invoiceLocator } from '../../fields/locators';
import {
	PAYMENT_AMOUNT,
	PAYMENT_DATE,
	PAYMENT_NOTES,
	PAYMENT_ORIGIN,
} from '../../fields/paymentFields';
import { createPaymentRequest } from '../../schemas/paymentBody';
import { oneRequest } from '../operation';

/** Create: POST /invoice/{uuid}/payment, a payment recorded against an invoice. */
export const create = oneRequest({
	resource: 'payment',
	operation: 'create',
	noun: 'payment',
	effect: 'created',
	properties: [
		invoiceLocator('The invoice that was paid'),
		toProperty(PAYMENT_AMOUNT, true),
		toProperty(PAYMENT_DATE, true),
		collectionOf(
			'additionalFields',
			[...PAYMENT_NOTES, ...PAYMENT_ORIGIN].map((spec) => toProperty(spec)),
		),
	],
	parameters: ['invoiceUuid', 'amount', 'date'],
	collection: 'additionalFields',
	schema: createPaymentRequest,
	method: 'POST',
	to: (checked: ReturnType<typeof createPaymentRequest.parse>) => checked,
});
