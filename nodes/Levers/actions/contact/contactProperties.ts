import type { INodeProperties } from 'n8n-workflow';

import { CONTACT_NAME, CONTACT_SETTINGS, PERSON_FIELDS } from '../../fields/contactFields';
import { collectionOf, toProperty } from '../../fields/fieldSpec';

/** Secondary contacts as rows, each with the fields of a person. */
const secondaryContacts: INodeProperties = {
	displayName: 'Secondary Contacts',
	name: 'secondaryContacts',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Secondary Contact',
	default: {},
	description: 'More people to reach about this contact, each with its own name, phone and email',
	options: [
		{
			name: 'contact',
			displayName: 'Secondary Contact',
			values: [CONTACT_NAME, ...PERSON_FIELDS].map((spec) => toProperty(spec)),
		},
	],
};

/** Every optional contact field: Additional Fields (create) or Update Fields (update). */
export function contactCollection(
	name: 'additionalFields' | 'updateFields',
	withName: boolean,
): INodeProperties {
	const specs = [...(withName ? [CONTACT_NAME] : []), ...PERSON_FIELDS, ...CONTACT_SETTINGS];
	return collectionOf(name, [...specs.map((spec) => toProperty(spec)), secondaryContacts]);
}

export const CONTACT_FIELD_NAMES = [CONTACT_NAME, ...PERSON_FIELDS, ...CONTACT_SETTINGS].map(
	(spec) => spec.name,
);
