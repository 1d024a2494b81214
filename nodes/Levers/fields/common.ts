import type { INodeProperties } from 'n8n-workflow';

import { collectionOf } from './fieldSpec';

export const DEFAULT_TIMEOUT_MS = 30_000;

export const simplify: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return only the fields a workflow usually needs instead of the whole record',
};

/** Return All and Limit, as n8n's own Get Many operations have them. */
export const returnAllAndLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** The Options of every operation. */
export const options: INodeProperties = collectionOf('options', [
	{
		displayName: 'Timeout',
		name: 'timeout',
		default: DEFAULT_TIMEOUT_MS,
		description:
			'How many milliseconds to wait for Levers to answer. After a timeout a write may have landed, so it is never sent again.',
		type: 'number',
		typeOptions: { minValue: 1000 },
	},
]);
