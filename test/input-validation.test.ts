import type { INodeParameters } from 'n8n-workflow';

import {
	NODE_NAME,
	accessTokenCredential,
	rows,
	runLeversCall,
	useSandbox,
} from './levers-support';

/**
 * Every bad input is refused before anything is sent, with a message naming the field, what is wrong
 * with the value, and the item. The bad item is the second one, so the index is checked too.
 */
const GOOD: INodeParameters = { numberToCall: '+96612341234' };
const UUID_EXAMPLE = 'e.g. 9bfa828a-3c2d-430c-bdc7-f74d90334524';
const E164 =
	'is not an international phone number — use E.164: "+" then 8 to 15 digits, e.g. +96612341234';

const additional = (fields: INodeParameters): INodeParameters => ({
	...GOOD,
	additionalFields: fields,
});
const metadataRows = (values: Array<{ name: unknown; value: unknown }>): INodeParameters => ({
	...GOOD,
	specifyMetadata: 'keypair',
	metadata: { values } as never,
});
const metadataJson = (json: unknown): INodeParameters => ({
	...GOOD,
	specifyMetadata: 'json',
	metadataJson: json as never,
});
const tagsJson = (json: unknown): INodeParameters => ({
	...GOOD,
	specifyPromptTags: 'json',
	promptTagsJson: json as never,
});
const tagRows = (values: Record<string, unknown>): INodeParameters => ({
	...GOOD,
	specifyPromptTags: 'keypair',
	promptTags: rows(values) as never,
});

const BAD_INPUTS: Array<[string, INodeParameters, string]> = [
	[
		'number empty from an expression',
		{ numberToCall: '={{ "" }}' },
		'numberToCall: is empty — enter the number to dial, e.g. +96612341234',
	],
	[
		'blank number',
		{ numberToCall: '   ' },
		'numberToCall: is empty — enter the number to dial, e.g. +96612341234',
	],
	['no plus sign', { numberToCall: '96612341234' }, `numberToCall: "96612341234" ${E164}`],
	['local number', { numberToCall: '0501234567' }, `numberToCall: "0501234567" ${E164}`],
	[
		'00 prefix',
		{ numberToCall: '0096612341234' },
		`numberToCall: "0096612341234" ${E164} (write the leading 00 as +)`,
	],
	['too short', { numberToCall: '+1234567' }, `numberToCall: "+1234567" ${E164}`],
	['too long', { numberToCall: '+1234567890123456' }, `numberToCall: "+1234567890123456" ${E164}`],
	['letters', { numberToCall: '+9661234ABCD' }, `numberToCall: "+9661234ABCD" ${E164}`],
	['country code 0', { numberToCall: '+06612341234' }, `numberToCall: "+06612341234" ${E164}`],
	[
		'extension',
		{ numberToCall: '+96612341234 ext 5' },
		`numberToCall: "+96612341234 ext 5" ${E164}`,
	],
	['two plus signs', { numberToCall: '++96612341234' }, `numberToCall: "++96612341234" ${E164}`],
	[
		'number as object',
		{ numberToCall: '={{ { phone: 1 } }}' },
		'numberToCall: must be text, got an object',
	],
	[
		'email without @',
		additional({ email: 'john.doe.example.com' }),
		'email: "john.doe.example.com" is not an email address, e.g. john.doe@example.com',
	],
	[
		'email without domain',
		additional({ email: 'john@' }),
		'email: "john@" is not an email address, e.g. john.doe@example.com',
	],
	[
		'email with a space',
		additional({ email: 'john doe@example.com' }),
		'email: "john doe@example.com" is not an email address, e.g. john.doe@example.com',
	],
	[
		'contactUuid not a UUID',
		additional({ contactUuid: 'contact-42' }),
		`contactUuid: "contact-42" is not a UUID, ${UUID_EXAMPLE}`,
	],
	[
		'contactUuid one digit short',
		additional({ contactUuid: '9bfa828a-3c2d-430c-bdc7-f74d9033452' }),
		`contactUuid: "9bfa828a-3c2d-430c-bdc7-f74d9033452" is not a UUID, ${UUID_EXAMPLE}`,
	],
	[
		'template ID not a UUID',
		additional({ aiSettingsTemplateId: 'my template' }),
		'aiSettingsTemplateId: "my template" is not a UUID: copy the template ID from the Levers app',
	],
	[
		'first name as a list',
		additional({ firstName: '={{ ["John"] }}' }),
		'firstName: must be text, got a list',
	],
	[
		'last name as an object',
		additional({ lastName: '={{ { a: 1 } }}' }),
		'lastName: must be text, got an object',
	],
	[
		'updateExisting as text',
		additional({ updateExisting: '={{ "yes" }}' }),
		'updateExisting: must be true or false',
	],
	[
		'metadata row without a name',
		metadataRows([{ name: '', value: 'x' }]),
		'metadata: row 1 has no name — give it one or remove the row',
	],
	[
		'metadata row with a blank name',
		metadataRows([
			{ name: 'a', value: '1' },
			{ name: '  ', value: 'x' },
		]),
		'metadata: row 2 has no name — give it one or remove the row',
	],
	[
		'metadata name twice',
		metadataRows([
			{ name: 'crm_id', value: '1' },
			{ name: 'crm_id', value: '2' },
		]),
		'metadata: name "crm_id" is used twice — names must be unique',
	],
	[
		'metadata name twice after trimming',
		metadataRows([
			{ name: 'crm_id', value: '1' },
			{ name: ' crm_id ', value: '2' },
		]),
		'metadata: name "crm_id" is used twice — names must be unique',
	],
	[
		'metadata JSON that does not parse',
		metadataJson('{"project_id": '),
		'metadata: is not valid JSON',
	],
	[
		'metadata JSON list',
		metadataJson('[1, 2]'),
		'metadata: must be a JSON object of names and values, got a list',
	],
	[
		'metadata JSON text',
		metadataJson('"proj_123"'),
		'metadata: must be a JSON object of names and values, got a string',
	],
	[
		'metadata JSON number',
		metadataJson('42'),
		'metadata: must be a JSON object of names and values, got a number',
	],
	['metadata JSON empty name', metadataJson('{"": "x"}'), 'metadata: has a name that is empty'],
	[
		'prompt tag as an object',
		tagRows({ amount: '={{ { value: 500 } }}' }),
		'promptTags.amount: must be text, got an object — Levers only supports text in prompt tags',
	],
	[
		'prompt tag as a list',
		tagsJson('{"items": ["a"]}'),
		'promptTags.items: must be text, got a list — Levers only supports text in prompt tags',
	],
	[
		'prompt tag as true',
		tagsJson('{"vip": true}'),
		'promptTags.vip: must be text, got a boolean — Levers only supports text in prompt tags',
	],
	[
		'prompt tag as null',
		tagsJson('{"due_date": null}'),
		'promptTags.due_date: must be text, got null — Levers only supports text in prompt tags',
	],
	[
		'prompt tag name twice',
		{
			...GOOD,
			promptTags: {
				values: [
					{ name: 'amount', value: '1' },
					{ name: 'amount', value: '2' },
				],
			},
		},
		'promptTags: name "amount" is used twice — names must be unique',
	],
	[
		'prompt tags JSON that does not parse',
		tagsJson('{amount: 500}'),
		'promptTags: is not valid JSON',
	],
	[
		'prompt tags from an expression returning text',
		tagsJson('={{ "amount=500" }}'),
		'promptTags: must be a JSON object of names and values, got the text "amount=500"',
	],
];

const sandbox = useSandbox();

test(`the table has at least 30 bad inputs (${BAD_INPUTS.length})`, () => {
	expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(30);
});

test.each(BAD_INPUTS)(
	'%s is refused before anything is sent',
	async (_, badParameters, expected) => {
		// Two items: the first one's index is named, and the run is refused before either is called.
		const result = await runLeversCall({
			parameters: badParameters,
			credential: accessTokenCredential(sandbox()),
			items: [{}, {}],
		});

		expect(result.status).toBe('error');
		const error = result.nodeError(NODE_NAME) as Error & { description?: string };
		expect(error.message.slice(0, expected.length)).toBe(expected);
		expect(error.message).toMatch(/ \[item 0\]$/);
		expect(error.description).toContain('No call was placed');
		expect(sandbox().requests).toHaveLength(0);
	},
);

test('a Number to Call left empty in the UI is refused by n8n itself before the node runs', async () => {
	await expect(
		runLeversCall({
			parameters: { numberToCall: '' },
			credential: accessTokenCredential(sandbox()),
		}),
	).rejects.toThrow('Parameter "Number to Call" is required');
	expect(sandbox().requests).toHaveLength(0);
});
