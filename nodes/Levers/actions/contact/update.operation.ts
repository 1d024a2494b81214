import { updateDisplayOptions } from 'n8n-workflow';

import { contactLocator } from '../../fields/locators';
import { updateContactBody } from '../../schemas/contactBody';
import { check, readItem } from '../../schemas/request';
import type { RecordOperation } from '../operation';
import { contactCollection } from './contactProperties';

/** Update: PUT /contact, the contact's UUID in the body; only the fields given are sent. */
export const update: RecordOperation = {
	noun: 'contact',
	effect: 'changed',
	description: updateDisplayOptions({ show: { resource: ['contact'], operation: ['update'] } }, [
		contactLocator('The contact to change'),
		contactCollection('updateFields', true),
	]),
	prepare(context, itemIndex) {
		const values = readItem(context, itemIndex, ['contactUuid'], 'updateFields');
		const parsed = check(updateContactBody, values);
		return parsed.ok
			? { ok: true, body: { method: 'PUT', path: '/contact', body: parsed.body } }
			: parsed;
	},
};
