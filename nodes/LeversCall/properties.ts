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

const numberToCall: INodeProperties = {
	displayName: 'Number to Call',
	name: 'numberToCall',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. +96612341234',
	description:
		'The phone number to dial, in international E.164 format: "+", the country code, then the number, e.g. +96612341234. Spaces, dashes, dots and parentheses are removed. Levers reuses an existing contact with this number, or creates one.',
};

const firstName: INodeProperties = {
	displayName: 'First Name',
	name: 'firstName',
	type: 'string',
	default: '',
	description: "The contact's first name, used when the contact is created or updated",
};

const lastName: INodeProperties = {
	displayName: 'Last Name',
	name: 'lastName',
	type: 'string',
	default: '',
	description: "The contact's last name, used when the contact is created or updated",
};

const aiSettingsTemplateId: INodeProperties = {
	displayName: 'AI Settings Template ID',
	name: 'aiSettingsTemplateId',
	type: 'string',
	default: '',
	placeholder: 'e.g. 3f2b8c1e-8d4a-4c55-9a7e-2b1d6f0c9e41',
	description:
		'UUID of a prompt template from the Levers app that sets how the AI behaves. Empty uses the default template.',
};

const updateExisting: INodeProperties = {
	displayName: 'Update Existing Contact',
	name: 'updateExisting',
	type: 'boolean',
	default: false,
	description:
		'Whether to overwrite the first name, last name and email of the contact found with this number',
};

const metadataAndPromptTags: INodeProperties[] = [
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
			'Values for the {{placeholders}} in the system prompt of the AI settings template, e.g. amount or due_date. Values must be text.',
		jsonExample: '{ "amount": "$500.00" }',
	}),
];

/**
 * As an AI agent's tool the number comes from the model: by default through $fromAI with a description that
 * tells the model the format (n8n's own button would leave that description empty).
 */
const numberToCallForTool: INodeProperties = {
	...numberToCall,
	displayOptions: { show: { '@tool': [true] } },
	default:
		"={{ $fromAI('numberToCall', 'The phone number to call, in international E.164 format: + then the country code and the number, digits only, e.g. +14155550100', 'string') }}",
};

/** The fields of one call: the Call and the Call and Wait operations. */
export const callFieldProperties: INodeProperties[] = [
	{ ...numberToCall, displayOptions: { show: { '@tool': [false] } } },
	numberToCallForTool,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			aiSettingsTemplateId,
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
			firstName,
			lastName,
			updateExisting,
		],
	},
	...metadataAndPromptTags,
];

export const DEFAULT_CONTACTS_PER_REQUEST = 500;

/** The fields of a bulk run: per item the contact, then what all contacts of the run share. */
export const bulkFieldProperties: INodeProperties[] = [
	{
		...numberToCall,
		description: `${numberToCall.description} With a Country Code (Bulk Settings), local numbers are accepted too.`,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [firstName, lastName],
	},
	...metadataAndPromptTags,
	{
		displayName: 'Bulk Settings',
		name: 'bulkSettings',
		type: 'collection',
		placeholder: 'Add Setting',
		default: {},
		description: 'Shared by every contact of the run; expressions are read for the first item',
		options: [
			{
				...aiSettingsTemplateId,
				description: `${aiSettingsTemplateId.description} Applies to every contact.`,
			},
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 10, maxValue: 1000 },
				default: 100,
				description:
					'How many calls Levers starts at a time on its side, from 10 to 1000. Empty uses the Levers default.',
			},
			{
				displayName: 'Contacts per Request',
				name: 'contactsPerRequest',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 1000 },
				default: DEFAULT_CONTACTS_PER_REQUEST,
				description:
					'How many contacts one bulk request carries, at most 1000. The Levers documentation gives no maximum; larger runs are split into several requests.',
			},
			{
				displayName: 'Country Code',
				name: 'countryCode',
				type: 'string',
				default: '',
				placeholder: 'e.g. SA',
				description:
					'ISO 3166-1 alpha-2 code of the country whose local numbers Levers should parse, e.g. SA or US. Empty: every number must be in E.164 format.',
			},
			updateExisting,
		],
	},
];

export const DEFAULT_TIMEOUT_MS = 30_000;

/** The Options collection of every operation; runOptions.ts checks what a run was given against it. */
export const optionProperties: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Allowed Number Prefixes',
				name: 'allowedNumberPrefixes',
				type: 'string',
				default: '',
				placeholder: 'e.g. +9665, +1415',
				description:
					'E.164 prefixes, separated by commas: any number that starts with none of them is refused before anything is sent. Empty allows every number. Recommended when an AI agent chooses the numbers.',
			},
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 50 },
				default: 5,
				description:
					'How many requests are in flight at once. Output items keep the input order whatever order the answers come in.',
			},
			{
				displayName: 'Dry Run',
				name: 'dryRun',
				type: 'boolean',
				default: false,
				description:
					'Whether to only check every item and return the exact request it would send (method, URL, body), sending nothing. Repeated numbers and calls past Max Calls per Execution come out as a real run would treat them.',
			},
			{
				displayName: 'Include Input Fields',
				name: 'includeInputFields',
				type: 'boolean',
				default: false,
				description:
					"Whether to include all fields of the input item in the output item, beside the outcome's fields (which win when a name is the same): for every outcome, and for Call and Wait's Call Ended too",
			},
			{
				displayName: 'Max Calls per Execution',
				name: 'maxCallsPerExecution',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description:
					'Once this node has placed this many calls in one execution (across all its runs, e.g. every tool call of an AI agent), further calls are refused. 0 means no limit.',
			},
			{
				displayName: 'Max Calls per Minute',
				name: 'callsPerMinute',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description:
					'Spaces out the requests of all in-flight calls to at most this many per minute. 0 means no limit.',
			},
			{
				displayName: 'Max Wait on Rate Limit (Seconds)',
				name: 'rateLimitMaxWait',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 3600 },
				default: 300,
				description:
					"The longest an item waits in total for Levers' rate limit (HTTP 429) before it fails. A 429 places nothing, so the request is sent again after the wait Levers asks for.",
			},
			{
				displayName: 'Rate Limit Attempts',
				name: 'rateLimitAttempts',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 20 },
				default: 5,
				description:
					'How many times a request answered 429 (rate limited) is sent in all before the item fails',
			},
			{
				displayName: 'Skip Repeated Numbers',
				name: 'skipDuplicates',
				type: 'boolean',
				default: false,
				description:
					'Whether a number already called in this run (or that may have been) is skipped instead of called again; its item names the item that called it. If that call placed nothing, the next item with the number is called instead.',
			},
			{
				displayName: 'Timeout',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1000, maxValue: 3_600_000 },
				default: DEFAULT_TIMEOUT_MS,
				description:
					'How many milliseconds to wait for Levers to answer, from 1000 to 3600000. After a timeout the call may have been placed, so it is never sent again.',
			},
		],
	},
];

/** The default an option has in the UI, so the checks use the same one. */
export function optionDefault(name: string): number {
	const option = optionProperties[0].options?.find((entry) => entry.name === name) as
		| INodeProperties
		| undefined;
	return Number(option?.default);
}
