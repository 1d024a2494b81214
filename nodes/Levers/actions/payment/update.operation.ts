import { updateDisplayOptions } from 'n8n-workflow';

import { collectionOf, toProperty } from '../../fields/fieldSpec';
import { PAYMENT_AMOUNT, PAYMENT_DATE, PAYMENT_NOTES } from '../../fields/paymentFields';
import { updatePaymentRequest } from '../../schemas/paymentBody';
import { check, readItem } from '../../schemas/request';
import type { RecordOperation } from '../operation';

/** Update: PUT /invoice/payment/{uuid}, the payment's own UUID (not the invoice's). */
export const update: RecordOperation = {
	noun: 'payment',
	effect: 'changed',
	description: updateDisplayOptions({ show: { resource: ['payment'], operation: ['update'] } }, [
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
	]),
	prepare(context, itemIndex) {
		const values = readItem(context, itemIndex, ['paymentUuid'], 'updateFields');
		const parsed = check(updatePaymentRequest, values);
		return parsed.ok ? { ok: true, body: { method: 'PUT', ...parsed.body } } : parsed;
	},
};
