import { createInvoiceBody } from '../../schemas/invoiceBody';
import { oneRequest } from '../operation';
import {
	INVOICE_REQUIRED,
	invoiceAdditionalFields,
	requiredInvoiceProperties,
} from './invoiceProperties';

/** Create: POST /invoice, for an existing contact. */
export const create = oneRequest({
	resource: 'invoice',
	operation: 'create',
	noun: 'invoice',
	effect: 'created',
	properties: [...requiredInvoiceProperties, invoiceAdditionalFields(false)],
	parameters: INVOICE_REQUIRED,
	collection: 'additionalFields',
	schema: createInvoiceBody,
	method: 'POST',
	to: '/invoice',
});
