import type { IDataObject } from 'n8n-workflow';

import { INVOICE_STATUS_OPTIONS } from '../../fields/invoiceFields';
import { setStatusBody } from '../../schemas/invoiceBody';
import { oneRequest } from '../operation';

/** Set Status: PATCH /invoice/status, Paid or Unpaid for one or more invoices in one request. */
export const setStatus = oneRequest({
	resource: 'invoice',
	operation: 'setStatus',
	noun: 'invoice status',
	effect: 'changed',
	properties: [
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: INVOICE_STATUS_OPTIONS,
			default: 'PAID',
			required: true,
			description: 'The status to give the invoices',
		},
		{
			displayName: 'Invoice UUIDs',
			name: 'invoiceUuids',
			type: 'string',
			default: '',
			required: true,
			placeholder:
				'e.g. 9bfa828a-3c2d-430c-bdc7-f74d90334524, 3c90c3cc-0d44-4b50-8888-8dd25736052a',
			description:
				'One or more invoice UUIDs, separated by commas, or an expression that returns a list of them. All of them get the status in one request.',
		},
	],
	parameters: ['status', 'invoiceUuids'],
	schema: setStatusBody,
	method: 'PATCH',
	to: '/invoice/status',
	// Levers documents no answer: the item says what was done, and keeps whatever came back.
	output(_context, _itemIndex, body, request) {
		const response = body === null || body === undefined ? {} : { response: body };
		return [{ success: true, ...request.body, ...response } as IDataObject];
	},
});
