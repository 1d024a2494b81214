import { z } from 'zod/v3';

import { required, text, uuid, withoutEmpty } from '../../shared/schema';
import { CONTACT_SETTINGS, PERSON_FIELDS } from '../fields/contactFields';
import { rulesOf } from './fieldSchema';
import { somethingToChange } from './request';

/** The bodies of POST /contact and PUT /contact: the one place contact input is checked. */

const person = { name: text(255), ...rulesOf(PERSON_FIELDS) };

const secondaryRow = z
	.object(person)
	.transform(withoutEmpty)
	.refine((row) => Object.keys(row).length > 0, 'has no fields — fill it in or remove it');

/** Rows of the UI ({ contact: [...] }) or a list from an expression; none is not sent. */
const secondaryContacts = z
	.preprocess(
		(value) =>
			value && typeof value === 'object' && !Array.isArray(value)
				? ((value as { contact?: unknown }).contact ?? [])
				: (value ?? []),
		z.array(secondaryRow, { invalid_type_error: 'must be a list of contacts' }),
	)
	.transform((rows) => (rows.length > 0 ? rows : undefined));

const contactFields = {
	...person,
	secondaryContacts,
	...rulesOf(CONTACT_SETTINGS),
};

export const createContactBody = z
	.object({
		...contactFields,
		name: required(text(255), `is empty — enter the contact's name, e.g. John Doe`),
	})
	.transform(withoutEmpty);

export const updateContactBody = z
	.object({
		contactUuid: required(uuid, 'is empty — choose the contact, or enter its UUID'),
		...contactFields,
	})
	.transform(({ contactUuid, ...fields }) => ({ uuid: contactUuid, ...withoutEmpty(fields) }))
	.superRefine((body, ctx) => somethingToChange(body, ctx, 1));
