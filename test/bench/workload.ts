import type { INodeParameters } from 'n8n-workflow';

/** What every benchmark run sends: the same contacts and the same body, by the node or by raw fetch. */

export interface Contact {
	phone: string;
	name: string;
	row: number;
}

export const contacts = (count: number): Contact[] =>
	Array.from({ length: count }, (_, row) => ({
		phone: `+1555${String(row).padStart(7, '0')}`,
		name: `Contact ${row}`,
		row,
	}));

/** The body the node sends for a contact with the parameters below. */
export const callBody = (contact: Contact) => ({
	numberToCall: contact.phone,
	firstName: contact.name,
	metadata: { row: contact.row },
});

export function nodeParameters(
	operation: 'call' | 'callBulk',
	concurrency: number,
): INodeParameters {
	return {
		...(operation === 'callBulk' ? { operation } : {}),
		numberToCall: '={{ $json.phone }}',
		additionalFields: { firstName: '={{ $json.name }}' },
		specifyMetadata: 'json',
		metadataJson: '={{ { row: $json.row } }}',
		options: operation === 'call' ? { concurrency } : {},
	};
}
