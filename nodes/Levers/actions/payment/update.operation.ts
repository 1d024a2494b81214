import { collectionOf, toProperty } from '../../fields/fieldSpec';
import { PAYMENT_AMOUNT, PAYMENT_DATE, PAYMENT_NOTES } from '../../fields/paymentFields';
import { updatePaymentRequest } from '../../schemas/paymentBody';
import { oneRequest } from '../operation';

/** Update: PUT /invoice/payment/{uuid}, the payment's own UUID (not the invoice's). */
export const update = oneRequest({
	resource: 'payment',
	operation: 'update',
	noun: 'payment',
	effect: 'changed',
	properties: [
		{
			displayName: 'Payment UUID',
			name: 'paymentUuid',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 9bfa828a-3c2d-430c-bdc7-f74d90334524',
			description: 'The UUID of the payment to change, as Create Payment returns it',
		},
		collectionOf(
			'updateFields',
			[PAYMENT_AMOUNT, PAYMENT_DATE, ...PAYMENT_NOTES].map((spec) => toProperty(spec)),
		),
	],
	parameters: ['paymentUuid'],
	collection: 'updateFields',
	schema: updatePaymentRequest,
	method: 'PUT',
	to: (checked: ReturnType<typeof updatePaymentRequest.parse>) => checked,
});
