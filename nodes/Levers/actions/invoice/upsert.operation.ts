import { toProperty } from '../../fields/fieldSpec';
import { OUTSTANDING_AMOUNT } from '../../fields/invoiceFields';
import { upsertInvoiceBody } from '../../schemas/invoiceBody';
import { oneRequest } from '../operation';
import {
	INVOICE_REQUIRED,
	invoiceAdditionalFields,
	requiredInvoiceProperties,
} from './invoiceProperties';

/** Create or Update: POST /invoice/create-update, the one endpoint that sets outstandingAmount. */
export const upsert = oneRequest({
	resource: 'invoice',
	operation: 'upsert',
	noun: 'invoice',
	effect: 'changed',
	properties: [
		...requiredInvoiceProperties,
		toProperty(OUTSTANDING_AMOUNT, true),
		invoiceAdditionalFields(true),
	],
	parameters: [...INVOICE_REQUIRED, 'outstandingAmount'],
	collection: 'additionalFields',
	schema: upsertInvoiceBody,
	method: 'POST',
	to: '/invoice/create-update',
});
