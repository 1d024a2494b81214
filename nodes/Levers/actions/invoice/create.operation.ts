import { updateDisplayOptions } from 'n8n-workflow';

import { createInvoiceBody } from '../../schemas/invoiceBody';
import { check, readItem } from '../../schemas/request';
import type { RecordOperation } from '../operation';
import {
	INVOICE_REQUIRED,
	invoiceAdditionalFields,
	requiredInvoiceProperties,
} from './invoiceProperties';

/** Create: POST /invoice, for an existing contact. */
export const create: RecordOperation = {
	noun: 'invoice',
	effect: 'created',
	description: updateDisplayOptions({ show: { resource: ['invoice'], operation: ['create'] } }, [
		...requiredInvoiceProperties,
		invoiceAdditionalFields(false),
	]),
	prepare(context, itemIndex) {
		const values = readItem(context, itemIndex, INVOICE_REQUIRED, 'additionalFields');
		const parsed = check(createInvoiceBody, values);
		return parsed.ok
			? { ok: true, body: { method: 'POST', path: '/invoice', body: parsed.body } }
			: parsed;
	},
};
