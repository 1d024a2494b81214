import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * One API field, described once: the UI parameter is made from it here, its zod rule in schemas/fieldSchema.ts.
 * The parameter's name is the API field's name, so expressions and $fromAI read naturally.
 */
export type FieldKind =
	| 'text'
	| 'phone'
	| 'email'
	| 'uuid'
	| 'date'
	| 'amount'
	| 'flag'
	| 'jsonList'
	| { options: INodePropertyOptions[] };

export interface FieldSpec {
	name: string;
	displayName: string;
	description: string;
	kind: FieldKind;
	placeholder?: string;
	/** Boolean fields: the documented default (remindersEnabled is true). */
	default?: boolean;
	/** Amounts: the lowest value accepted (total >= 0). */
	min?: number;
}

function typeOf(kind: FieldKind): Pick<INodeProperties, 'type' | 'default' | 'options'> {
	if (typeof kind === 'object') return { type: 'options', options: kind.options, default: '' };
	switch (kind) {
		case 'date':
			return { type: 'dateTime', default: '' };
		case 'amount':
			return { type: 'number', default: 0 };
		case 'flag':
			return { type: 'boolean', default: false };
		case 'jsonList':
			return { type: 'json', default: '[]' };
		default:
			return { type: 'string', default: '' };
	}
}

const PLACEHOLDERS: Partial<Record<string, string>> = {
	phone: 'e.g. +96612341234',
	email: 'e.g. name@email.com',
	uuid: 'e.g. 9bfa828a-3c2d-430c-bdc7-f74d90334524',
};

/** The UI parameter of a field; `required` for the ones at the top of an operation. */
export function toProperty(spec: FieldSpec, required = false): INodeProperties {
	const kind = typeof spec.kind === 'string' ? spec.kind : 'options';
	const property: INodeProperties = {
		displayName: spec.displayName,
		name: spec.name,
		...typeOf(spec.kind),
		description: spec.description,
	};
	if (spec.default !== undefined) property.default = spec.default;
	const placeholder = spec.placeholder ?? PLACEHOLDERS[kind];
	if (placeholder) property.placeholder = placeholder;
	if (required) property.required = true;
	if (spec.kind === 'amount' && spec.min !== undefined)
		property.typeOptions = { minValue: spec.min, numberPrecision: 2 };
	return property;
}

/** An "Additional Fields" / "Update Fields" collection, its options in alphabetical order as n8n lists them. */
export function collectionOf(
	name: 'additionalFields' | 'updateFields',
	options: INodeProperties[],
): INodeProperties {
	return {
		displayName: name === 'additionalFields' ? 'Additional Fields' : 'Update Fields',
		name,
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [...options].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}
