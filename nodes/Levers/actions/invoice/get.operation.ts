import type { IDataObject } from 'n8n-workflow';

import { simplify } from '../../fields/common';
import { invoiceLocator } from '../../fields/locators';
import { SIMPLE_INVOICE, simplified } from '../../run/simplify';
import { invoicePath } from '../../schemas/invoiceBody';
import { oneRequest } from '../operation';

/** Get: GET /invoice/{uuid}, with its payments and history. */
export const get = oneRequest({
	resource: 'invoice',
	operation: 'get',
	noun: 'invoice',
	effect: 'read',
	properties: [invoiceLocator('The invoice to get'), simplify],
	parameters: ['invoiceUuid'],
	schema: invoicePath,
	method: 'GET',
	to: (invoiceUuid: string) => ({ path: `/invoice/${invoiceUuid}` }),
	output: (context, itemIndex, body) => [
		simplified(context, itemIndex, body as IDataObject, SIMPLE_INVOICE),
	],
});
