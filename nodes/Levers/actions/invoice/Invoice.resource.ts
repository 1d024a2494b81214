import type { INodeProperties } from 'n8n-workflow';

import type { RecordOperation } from '../operation';
import { create } from './create.operation';
import { get } from './get.operation';
import { setStatus } from './setStatus.operation';
import { update } from './update.operation';
import { upsert } from './upsert.operation';

export const invoice: Record<string, RecordOperation> = { create, update, upsert, get, setStatus };

export const invoiceOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['invoice'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			action: 'Create an invoice',
			description: 'Create a new invoice for a contact in Levers (writes data)',
		},
		{
			name: 'Create or Update',
			value: 'upsert',
			action: 'Create or update an invoice',
			description: 'Create a new record, or update the current one if it already exists (upsert)',
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get an invoice',
			description: 'Look up one invoice by its UUID, with its payments (reads only)',
		},
		{
			name: 'Set Status',
			value: 'setStatus',
			action: 'Set the status of invoices',
			description: 'Mark one or more invoices as paid or unpaid (writes data)',
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update an invoice',
			description: 'Change fields of an existing invoice in Levers (writes data)',
		},
	],
	default: 'create',
};

export const invoiceDescription: INodeProperties[] = [
	invoiceOperations,
	...Object.values(invoice).flatMap((operation) => operation.description),
];
