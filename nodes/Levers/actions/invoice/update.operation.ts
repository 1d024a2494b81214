import { updateDisplayOptions } from 'n8n-workflow';

import { invoiceLocator } from '../../fields/locators';
import { updateInvoiceBody } from '../../schemas/invoiceBody';
import { check, readItem } from '../../schemas/request';
import type { RecordOperation } from '../operation';
import { invoiceUpdateFields } from './invoiceProperties';

/** Update: PUT /invoice, the invoice's UUID in the body; only the fields given are sent. */
export const update: RecordOperation = {
	noun: 'invoice',
	effect: 'changed',
	description: updateDisplayOptions({ show: { resource: ['invoice'], operation: ['update'] } }, [
		invoiceLocator('The invoice to change'),
		invoiceUpdateFields,
	]),
	prepare(context, itemIndex) {
		const values = readItem(context, itemIndex, ['invoiceUuid'], 'updateFields');
		const parsed = check(updateInvoiceBody, values);
		return parsed.ok
			? { ok: true, body: { method: 'PUT', path: '/invoice', body: parsed.body } }
			: parsed;
	},
};
