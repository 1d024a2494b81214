import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { CallParameters, KeyValueInput } from './callRequest';

function readKeyValues(
	context: IExecuteFunctions,
	name: 'metadata' | 'promptTags',
	modeName: 'specifyMetadata' | 'specifyPromptTags',
	itemIndex: number,
): KeyValueInput {
	if (context.getNodeParameter(modeName, itemIndex, 'keypair') === 'json') {
		return { mode: 'json', json: context.getNodeParameter(`${name}Json`, itemIndex, '{}') };
	}
	const collection = context.getNodeParameter(name, itemIndex, {}) as { values?: unknown };
	return { mode: 'keypair', pairs: collection.values };
}

/** Resolves one item's parameters (expressions included) as they are; callRequest checks them. */
export function readCallParameters(context: IExecuteFunctions, itemIndex: number): CallParameters {
	const additionalFields = context.getNodeParameter(
		'additionalFields',
		itemIndex,
		{},
	) as IDataObject;
	return {
		numberToCall: context.getNodeParameter('numberToCall', itemIndex, ''),
		...additionalFields,
		metadata: readKeyValues(context, 'metadata', 'specifyMetadata', itemIndex),
		promptTags: readKeyValues(context, 'promptTags', 'specifyPromptTags', itemIndex),
	};
}
