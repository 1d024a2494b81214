import { invoiceLocator } from '../../fields/locators';
import { updateInvoiceBody } from '../../schemas/invoiceBody';
import { oneRequest } from '../operation';
import { invoiceUpdateFields } from './invoiceProperties';

/** Update: PUT /invoice, the invoice's UUID in the body; only the fields given are sent. */
export const update = oneRequest({
	resource: 'invoice',
	operation: 'update',
	noun: 'invoice',
	effect: 'changed',
	properties: [invoiceLocator('The invoice to change'), invoiceUpdateFields],
	parameters: ['invoiceUuid'],
	collection: 'updateFields',
	schema: updateInvoiceBody,
	method: 'PUT',
	to: '/invoice',
});
