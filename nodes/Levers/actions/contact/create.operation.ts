import { updateDisplayOptions } from 'n8n-workflow';

import { CONTACT_NAME } from '../../fields/contactFields';
import { toProperty } from '../../fields/fieldSpec';
import { createContactBody } from '../../schemas/contactBody';
import { check, readItem } from '../../schemas/request';
import type { RecordOperation } from '../operation';
import { contactCollection } from './contactProperties';

/** Create: POST /contact. */
export const create: RecordOperation = {
	noun: 'contact',
	effect: 'created',
	description: updateDisplayOptions({ show: { resource: ['contact'], operation: ['create'] } }, [
		toProperty(CONTACT_NAME, true),
		contactCollection('additionalFields', false),
	]),
	prepare(context, itemIndex) {
		const parsed = check(
			createContactBody,
			readItem(context, itemIndex, ['name'], 'additionalFields'),
		);
		return parsed.ok
			? { ok: true, body: { method: 'POST', path: '/contact', body: parsed.body } }
			: parsed;
	},
};
