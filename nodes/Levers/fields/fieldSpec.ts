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

const COLLECTIONS = {
	additionalFields: ['Additional Fields', 'Add Field'],
	updateFields: ['Update Fields', 'Add Field'],
	options: ['Options', 'Add Option'],
};

/** Additional Fields, Update Fields or Options, its entries in alphabetical order as n8n lists them. */
export function collectionOf(
	name: keyof typeof COLLECTIONS,
	options: INodeProperties[],
): INodeProperties {
	const [displayName, placeholder] = COLLECTIONS[name];
	const sorted = [...options].sort((a, b) => a.displayName.localeCompare(b.displayName));
	return { displayName, name, type: 'collection', placeholder, default: {}, options: sorted };
}

/** A documented value of an enum field, with the name the UI shows. */
export const option = (value: string, name: string): INodePropertyOptions => ({ name, value });

/** A text field of up to 255 characters, in one line. */
export const textField = (name: string, displayName: string, description: string): FieldSpec => ({
	name,
	displayName,
	description,
	kind: 'text',
});

/** A date field (sent YYYY-MM-DD) or an amount field, in one line. */
export const dayField = (name: string, displayName: string, description: string): FieldSpec => ({
	name,
	displayName,
	description,
	kind: 'date',
});

export const amountField = (
	name: string,
	displayName: string,
	description: string,
	min?: number,
): FieldSpec => ({ name, displayName, description, kind: 'amount', min });
