import { contactLocator } from '../../fields/locators';
import { updateContactBody } from '../../schemas/contactBody';
import { oneRequest } from '../operation';
import { contactCollection } from './contactProperties';

/** Update: PUT /contact, the contact's UUID in the body; only the fields given are sent. */
export const update = oneRequest({
	resource: 'contact',
	operation: 'update',
	noun: 'contact',
	effect: 'changed',
	properties: [contactLocator('The contact to change'), contactCollection('updateFields', true)],
	parameters: ['contactUuid'],
	collection: 'updateFields',
	schema: updateContactBody,
	method: 'PUT',
	to: '/contact',
});
