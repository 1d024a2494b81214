import type { INodeProperties } from 'n8n-workflow';

import type { RecordOperation } from '../operation';
import { create } from './create.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { update } from './update.operation';

export const contact: Record<string, RecordOperation> = { create, update, get, getAll };

export const contactOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['contact'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			action: 'Create a contact',
			description: 'Create a new contact in Levers (writes data)',
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a contact',
			description: 'Look up one contact by its UUID (reads only)',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many contacts',
			description: 'List contacts, page by page (reads only)',
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a contact',
			description: 'Change fields of an existing contact in Levers (writes data)',
		},
	],
	default: 'create',
};

export const contactDescription: INodeProperties[] = [
	contactOperations,
	...Object.values(contact).flatMap((operation) => operation.description),
];
