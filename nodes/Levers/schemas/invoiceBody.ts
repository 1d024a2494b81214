import { z } from 'zod/v3';

import { required, uuid, withoutEmpty } from '../../shared/schema';
import {
	CONTACT_UUID,
	DUE_DATE,
	INVOICE_DATE,
	INVOICE_DETAILS,
	INVOICE_NUMBER,
	OUTSTANDING_AMOUNT,
	TOTAL,
} from '../fields/invoiceFields';
import { ruleOf, rulesOf } from './fieldSchema';
import { somethingToChange } from './request';
import { oneOf, uuidList } from './values';

/** The bodies of the invoice endpoints: the one place invoice input is checked. */

const CHOOSE_CONTACT = 'is empty — choose the contact, or enter its UUID';
const CHOOSE_INVOICE = "is empty — enter the invoice's UUID";

/** The fields Create and Create or Update require, with what to enter when one is empty. */
const requiredFields = {
	number: required(
		ruleOf(INVOICE_NUMBER),
		'is empty — enter the invoice number, e.g. INV-2025-0042',
	),
	date: required(ruleOf(INVOICE_DATE), 'is empty — enter the invoice date, e.g. 2025-01-31'),
	dueDate: required(ruleOf(DUE_DATE), 'is empty — enter the due date, e.g. 2025-02-28'),
	total: required(ruleOf(TOTAL), 'is empty — enter the total, e.g. 500'),
	contactUuid: required(ruleOf(CONTACT_UUID), CHOOSE_CONTACT),
};

export const createInvoiceBody = z
	.object({ ...requiredFields, ...rulesOf(INVOICE_DETAILS) })
	.transform(withoutEmpty);

export const upsertInvoiceBody = z
	.object({
		uuid,
		...requiredFields,
		outstandingAmount: required(
			ruleOf(OUTSTANDING_AMOUNT),
			'is empty — enter the amount still unpaid, e.g. 500',
		),
		...rulesOf(INVOICE_DETAILS),
	})
	.transform(withoutEmpty);

/** Update: in the documented order, every field optional but the invoice. */
export const updateInvoiceBody = z
	.object({
		invoiceUuid: required(uuid, CHOOSE_INVOICE),
		...rulesOf([
			INVOICE_NUMBER,
			...INVOICE_DETAILS.slice(0, 3),
			INVOICE_DATE,
			DUE_DATE,
			TOTAL,
			CONTACT_UUID,
		]),
		...rulesOf(INVOICE_DETAILS.slice(3)),
	})
	.transform(({ invoiceUuid, ...fields }) => ({ uuid: invoiceUuid, ...withoutEmpty(fields) }))
	.superRefine((body, ctx) => somethingToChange(body, ctx, 1));

/** PATCH /invoice/status: several invoices in one request; the field is a list although it is named uuid. */
export const setStatusBody = z
	.object({
		status: required(oneOf('PAID', 'UNPAID'), 'is empty — choose Paid or Unpaid'),
		invoiceUuids: uuidList("is empty — enter one or more invoices' UUIDs, separated by commas"),
	})
	.transform(({ status, invoiceUuids }) => ({ status, uuid: invoiceUuids }));

export const invoicePath = z
	.object({ invoiceUuid: required(uuid, CHOOSE_INVOICE) })
	.transform(({ invoiceUuid }) => invoiceUuid);
