import { updateDisplayOptions } from 'n8n-workflow';

import { collectionOf, toProperty } from '../../fields/fieldSpec';
import { invoiceLocator } from '../../fields/locators';
import {
	PAYMENT_AMOUNT,
	PAYMENT_DATE,
	PAYMENT_NOTES,
	PAYMENT_ORIGIN,
} from '../../fields/paymentFields';
import { createPaymentRequest } from '../../schemas/paymentBody';
import { check, readItem } from '../../schemas/request';
import type { RecordOperation } from '../operation';

/** Create: POST /invoice/{uuid}/payment, a payment recorded against an invoice. */
export const create: RecordOperation = {
	noun: 'payment',
	effect: 'created',
	description: updateDisplayOptions({ show: { resource: ['payment'], operation: ['create'] } }, [
		invoiceLocator('The invoice that was paid'),
		toProperty(PAYMENT_AMOUNT, true),
		toProperty(PAYMENT_DATE, true),
		collectionOf(
			'additionalFields',
			[...PAYMENT_NOTES, ...PAYMENT_ORIGIN].map((spec) => toProperty(spec)),
		),
	]),
	prepare(context, itemIndex) {
		const values = readItem(
			context,
			itemIndex,
			['invoiceUuid', 'amount', 'date'],
			'additionalFields',
		);
		const parsed = check(createPaymentRequest, values);
		return parsed.ok ? { ok: true, body: { method: 'POST', ...parsed.body } } : parsed;
	},
};
