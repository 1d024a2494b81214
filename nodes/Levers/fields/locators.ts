import type { INodeProperties } from 'n8n-workflow';

/** Contact and invoice UUIDs as resource locators: By ID (checked as a UUID), and From List for contacts. */

const UUID_REGEX = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

const byId = (what: string) => ({
	displayName: 'By ID',
	name: 'id',
	type: 'string' as const,
	placeholder: 'e.g. 9bfa828a-3c2d-430c-bdc7-f74d90334524',
	validation: [
		{
			type: 'regex' as const,
			properties: {
				regex: UUID_REGEX,
				errorMessage: `Not a UUID: copy the ${what}'s UUID from Levers`,
			},
		},
	],
});

export function contactLocator(description: string): INodeProperties {
	return {
		displayName: 'Contact',
		name: 'contactUuid',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchContacts', searchable: true },
			},
			byId('contact'),
		],
	};
}

/** Levers documents no invoice list, so an invoice is given by its UUID. */
export function invoiceLocator(description: string): INodeProperties {
	return {
		displayName: 'Invoice',
		name: 'invoiceUuid',
		type: 'resourceLocator',
		default: { mode: 'id', value: '' },
		required: true,
		description,
		modes: [byId('invoice')],
	};
}
