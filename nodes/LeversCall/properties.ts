import type { INodeProperties } from 'n8n-workflow';

/** A name/value list with a JSON alternative, shaped like the HTTP Request node's headers. */
function keyValueProperties(field: {
	name: 'metadata' | 'promptTags';
	displayName: string;
	rowName: string;
	description: string;
	jsonExample: string;
}): INodeProperties[] {
	const modeName = field.name === 'metadata' ? 'specifyMetadata' : 'specifyPromptTags';
	return [
		{
			displayName: `Specify ${field.displayName}`,
			name: modeName,
			type: 'options',
			options: [
				{ name: 'Using Fields Below', value: 'keypair' },
				{ name: 'Using JSON', value: 'json' },
			],
			default: 'keypair',
			description: field.description,
		},
		{
			displayName: field.displayName,
			name: field.name,
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: `Add ${field.rowName}`,
			default: {},
			displayOptions: { show: { [modeName]: ['keypair'] } },
			options: [
				{
					name: 'values',
					displayName: field.rowName,
					values: [
						{ displayName: 'Name', name: 'name', type: 'string', default: '' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
		},
		{
			displayName: `${field.displayName} (JSON)`,
			name: `${field.name}Json`,
			type: 'json',
			default: '{}',
			placeholder: `e.g. ${field.jsonExample}`,
			description: 'A JSON object of names and values, or an expression that returns one',
			displayOptions: { show: { [modeName]: ['json'] } },
		},
	];
}

export const callProperties: INodeProperties[] = [
	{
		displayName: 'Number to Call',
		name: 'numberToCall',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +96612341234',
		description:
			'The phone number to dial, in international (E.164) format. Spaces, dashes, dots and parentheses are removed. Levers reuses an existing contact with this number, or creates one.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'AI Settings Template ID',
				name: 'aiSettingsTemplateId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 3f2b8c1e-8d4a-4c55-9a7e-2b1d6f0c9e41',
				description:
					'UUID of a prompt template from the Levers app that sets how the AI behaves. Empty uses the default template.',
			},
			{
				displayName: 'Contact UUID',
				name: 'contactUuid',
				type: 'string',
				default: '',
				placeholder: 'e.g. 9bfa828a-3c2d-430c-bdc7-f74d90334524',
				description:
					'Link the call to this existing contact while still dialling Number to Call. If the UUID does not exist, Levers falls back to the phone number.',
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: "The contact's email address, used when the contact is created or updated",
			},
			{
				displayName: 'First Name',
				name: 'firstName',
				type: 'string',
				default: '',
				description: "The contact's first name, used when the contact is created or updated",
			},
			{
				displayName: 'Last Name',
				name: 'lastName',
				type: 'string',
				default: '',
				description: "The contact's last name, used when the contact is created or updated",
			},
			{
				displayName: 'Update Existing Contact',
				name: 'updateExisting',
				type: 'boolean',
				default: false,
				description:
					'Whether to overwrite the first name, last name and email of the contact found with this number',
			},
		],
	},
	...keyValueProperties({
		name: 'metadata',
		displayName: 'Metadata',
		rowName: 'Metadata Field',
		description:
			'Extra data stored on the call log and sent back in webhooks as requestMetadata, e.g. your own IDs to match the result later',
		jsonExample: '{ "project_id": "proj_123" }',
	}),
	...keyValueProperties({
		name: 'promptTags',
		displayName: 'Prompt Tags',
		rowName: 'Prompt Tag',
		description:
			'Values for the {{placeholders}} in the system prompt of the AI settings template. Values must be text.',
		jsonExample: '{ "amount": "$500.00" }',
	}),
];

export const DEFAULT_TIMEOUT_MS = 30_000;

export const optionProperties: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Timeout',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1000 },
				default: DEFAULT_TIMEOUT_MS,
				description:
					'How many milliseconds to wait for Levers to answer. After a timeout the call may or may not have been placed.',
			},
		],
	},
];
