import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { INVOICE_STATUS_OPTIONS } from '../../fields/invoiceFields';
import { setStatusBody } from '../../schemas/invoiceBody';
import { check, readItem } from '../../schemas/request';
import type { RecordOperation } from '../operation';

/** Set Status: PATCH /invoice/status, Paid or Unpaid for one or more invoices in one request. */
export const setStatus: RecordOperation = {
	noun: 'invoice status',
	effect: 'changed',
	description: updateDisplayOptions({ show: { resource: ['invoice'], operation: ['setStatus'] } }, [
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
	]),
	prepare(context, itemIndex) {
		const parsed = check(setStatusBody, readItem(context, itemIndex, ['status', 'invoiceUuids']));
		return parsed.ok
			? { ok: true, body: { method: 'PATCH', path: '/invoice/status', body: parsed.body } }
			: parsed;
	},
	// Levers documents no answer: the item says what was done, and keeps whatever came back.
	output(_context, _itemIndex, body, request) {
		const response = body === null || body === undefined ? {} : { response: body };
		return [{ success: true, ...request.body, ...response } as IDataObject];
	},
};
