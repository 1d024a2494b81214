import { CONTACT_NAME } from '../../fields/contactFields';
import { toProperty } from '../../fields/fieldSpec';
import { createContactBody } from '../../schemas/contactBody';
import { oneRequest } from '../operation';
import { contactCollection } from './contactProperties';

/** Create: POST /contact. */
export const create = oneRequest({
	resource: 'contact',
	operation: 'create',
	noun: 'contact',
	effect: 'created',
	properties: [toProperty(CONTACT_NAME, true), contactCollection('additionalFields', false)],
	parameters: ['name'],
	collection: 'additionalFields',
	schema: createContactBody,
	method: 'POST',
	to: '/contact',
});
