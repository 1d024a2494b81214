import type { INodeParameters } from 'n8n-workflow';

import {
	ACCESS_TOKEN,
	NODE_NAME,
	accessTokenCredential,
	rows,
	runLeversCall,
	useSandbox,
} from './levers-support';

/**
 * The six request bodies of the "Call single phone number" page, in its order and key order. Two use the
 * placeholder "template-uuid-here" for aiSettingsTemplateId, a field documented as a UUID: the node checks
 * UUID shape, so a real UUID stands in for the placeholder here (the placeholder itself is tested below).
 */
const TEMPLATE_ID = '3f2b8c1e-8d4a-4c55-9a7e-2b1d6f0c9e41';
const METADATA = { project_id: 'proj_123', extra_id: 'custom_id_456' };
const DOCUMENTED_BODIES: Array<[string, Record<string, unknown>]> = [
	['basic call', { numberToCall: '+96612341234', metadata: METADATA }],
	[
		'with contact details',
		{
			numberToCall: '+96612341234',
			firstName: 'John',
			lastName: 'Doe',
			email: 'john.doe@example.com',
			metadata: METADATA,
		},
	],
	[
		'update existing contact',
		{
			numberToCall: '+96612341234',
			firstName: 'John',
			lastName: 'Doe',
			email: 'john.doe@example.com',
			updateExisting: true,
			metadata: METADATA,
		},
	],
	[
		'link to an existing contact',
		{
			numberToCall: '+96612341234',
			contactUuid: '9bfa828a-3c2d-430c-bdc7-f74d90334524',
			metadata: METADATA,
		},
	],
	[
		'custom AI settings template',
		{
			numberToCall: '+96612341234',
			firstName: 'John',
			lastName: 'Doe',
			aiSettingsTemplateId: TEMPLATE_ID,
			metadata: METADATA,
		},
	],
	[
		'prompt tags',
		{
			numberToCall: '+96612341234',
			firstName: 'John',
			aiSettingsTemplateId: TEMPLATE_ID,
			promptTags: { amount: '$500.00', due_date: 'January 15, 2026' },
		},
	],
];

/** The node parameters a user would fill in for a body, with name/value rows or with JSON. */
function parametersFor(body: Record<string, unknown>, mode: 'keypair' | 'json'): INodeParameters {
	const { numberToCall, metadata, promptTags, ...additionalFields } = body;
	const keyValues = (name: string, value: unknown): INodeParameters => {
		if (value === undefined) return {};
		const modeName = name === 'metadata' ? 'specifyMetadata' : 'specifyPromptTags';
		return mode === 'json'
			? { [modeName]: 'json', [`${name}Json`]: JSON.stringify(value, null, 2) }
			: { [modeName]: 'keypair', [name]: rows(value as Record<string, unknown>) };
	};
	return {
		numberToCall: numberToCall as string,
		additionalFields: additionalFields as INodeParameters,
		...keyValues('metadata', metadata),
		...keyValues('promptTags', promptTags),
	};
}

const sandbox = useSandbox();

describe.each(['keypair', 'json'] as const)(
	'documented examples, metadata and tags as %s',
	(mode) => {
		test.each(DOCUMENTED_BODIES)('%s reaches Levers byte for byte', async (_, body) => {
			const result = await runLeversCall({
				parameters: parametersFor(body, mode),
				credential: accessTokenCredential(sandbox()),
			});

			expect(result.status).toBe('success');
			const [call] = sandbox().callRequests();
			expect(sandbox().callRequests()).toHaveLength(1);
			expect(call.method).toBe('POST');
			expect(call.rawBody).toBe(JSON.stringify(body));
			expect(call.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
			expect(call.headers['content-type']).toMatch(/^application\/json/);

			const [item] = result.output(NODE_NAME);
			expect(item.json).toEqual({
				outcome: 'placed',
				success: true,
				attempts: 1,
				statusCode: 201,
				response: { message: 'Phone call initiated', callId: expect.any(String) },
				request: body,
			});
			expect(item.pairedItem).toEqual({ item: 0 });
		});
	},
);

test('the page\'s "template-uuid-here" placeholder is refused as not a UUID, and nothing is sent', async () => {
	const result = await runLeversCall({
		parameters: parametersFor(
			{ numberToCall: '+96612341234', aiSettingsTemplateId: 'template-uuid-here' },
			'keypair',
		),
		credential: accessTokenCredential(sandbox()),
	});

	expect(result.status).toBe('error');
	expect(result.nodeError(NODE_NAME)?.message).toBe(
		'aiSettingsTemplateId: "template-uuid-here" is not a UUID: copy the template ID from the Levers app [item 0]',
	);
	expect(sandbox().requests).toHaveLength(0);
});

test('updateExisting left at its default (false) is not sent, as the page documents', async () => {
	await runLeversCall({
		parameters: { numberToCall: '+96612341234', additionalFields: { updateExisting: false } },
		credential: accessTokenCredential(sandbox()),
	});

	expect(sandbox().callRequests()[0].rawBody).toBe('{"numberToCall":"+96612341234"}');
});
