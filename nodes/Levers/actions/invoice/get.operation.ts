import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { simplify } from '../../fields/common';
import { invoiceLocator } from '../../fields/locators';
import { invoicePath } from '../../schemas/invoiceBody';
import { check, readItem } from '../../schemas/request';
import { SIMPLE_INVOICE, simplified } from '../../run/simplify';
import type { RecordOperation } from '../operation';

/** Get: GET /invoice/{uuid}, with its payments and history. */
export const get: RecordOperation = {
	noun: 'invoice',
	effect: 'read',
	description: updateDisplayOptions({ show: { resource: ['invoice'], operation: ['get'] } }, [
		invoiceLocator('The invoice to get'),
		simplify,
	]),
	prepare(context, itemIndex) {
		const parsed = check(invoicePath, readItem(context, itemIndex, ['invoiceUuid']));
		return parsed.ok
			? { ok: true, body: { method: 'GET', path: `/invoice/${parsed.body}` } }
			: parsed;
	},
	output(context, itemIndex, body) {
		return [simplified(context, itemIndex, body as IDataObject, SIMPLE_INVOICE)];
	},
};
