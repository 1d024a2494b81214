import { z } from 'zod/v3';

import { required, uuid, withoutEmpty } from '../../shared/schema';
import {
	PAYMENT_AMOUNT,
	PAYMENT_DATE,
	PAYMENT_NOTES,
	PAYMENT_ORIGIN,
} from '../fields/paymentFields';
import { ruleOf, rulesOf } from './fieldSchema';
import { somethingToChange } from './request';

/** The bodies of the payment endpoints: the one place payment input is checked. */

export const createPaymentRequest = z
	.object({
		invoiceUuid: required(uuid, 'is empty — enter the UUID of the invoice that was paid'),
		amount: required(ruleOf(PAYMENT_AMOUNT), 'is empty — enter the amount paid, e.g. 250'),
		date: required(ruleOf(PAYMENT_DATE), 'is empty — enter the payment date, e.g. 2025-01-31'),
		...rulesOf([...PAYMENT_NOTES, ...PAYMENT_ORIGIN]),
	})
	.transform(({ invoiceUuid, ...fields }) => ({
		path: `/invoice/${invoiceUuid}/payment`,
		body: withoutEmpty(fields),
	}));

export const updatePaymentRequest = z
	.object({
		paymentUuid: required(uuid, "is empty — enter the payment's UUID (Create Payment returns it)"),
		...rulesOf([PAYMENT_AMOUNT, PAYMENT_DATE, ...PAYMENT_NOTES]),
	})
	.transform(({ paymentUuid, ...fields }) => ({
		path: `/invoice/payment/${paymentUuid}`,
		body: withoutEmpty(fields),
	}))
	.superRefine(({ body }, ctx) => somethingToChange(body, ctx));
