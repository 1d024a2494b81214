import { updateDisplayOptions } from 'n8n-workflow';

import { toProperty } from '../../fields/fieldSpec';
import { OUTSTANDING_AMOUNT } from '../../fields/invoiceFields';
import { upsertInvoiceBody } from '../../schemas/invoiceBody';
import { check, readItem } from '../../schemas/request';
import type { RecordOperation } from '../operation';
import {
	INVOICE_REQUIRED,
	invoiceAdditionalFields,
	requiredInvoiceProperties,
} from './invoiceProperties';

/** Create or Update: POST /invoice/create-update, the one endpoint that sets outstandingAmount. */
export const upsert: RecordOperation = {
	noun: 'invoice',
	effect: 'changed',
	description: updateDisplayOptions({ show: { resource: ['invoice'], operation: ['upsert'] } }, [
		...requiredInvoiceProperties,
		toProperty(OUTSTANDING_AMOUNT, true),
		invoiceAdditionalFields(true),
	]),
	prepare(context, itemIndex) {
		const names = [...INVOICE_REQUIRED, 'outstandingAmount'];
		const parsed = check(
			upsertInvoiceBody,
			readItem(context, itemIndex, names, 'additionalFields'),
		);
		return parsed.ok
			? { ok: true, body: { method: 'POST', path: '/invoice/create-update', body: parsed.body } }
			: parsed;
	},
};
