import type { INodeProperties } from 'n8n-workflow';

import type { RecordOperation } from '../operation';
import { create } from './create.operation';
import { update } from './update.operation';

export const payment: Record<string, RecordOperation> = { create, update };

export const paymentOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['payment'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			action: 'Record a payment',
			description: 'Record a payment against an invoice in Levers (writes data)',
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a payment',
			description:
				'Change the amount, date, reference or notes of a recorded payment (writes data)',
		},
	],
	default: 'create',
};

export const paymentDescription: INodeProperties[] = [
	paymentOperations,
	...Object.values(payment).flatMap((operation) => operation.description),
];
