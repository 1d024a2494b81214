import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod/v3';

import { required, uuid } from '../../../shared/schema';
import { simplify } from '../../fields/common';
import { contactLocator } from '../../fields/locators';
import { check, readItem } from '../../schemas/request';
import { SIMPLE_CONTACT, simplified } from '../../run/simplify';
import type { RecordOperation } from '../operation';

const contactPath = z
	.object({ contactUuid: required(uuid, 'is empty — choose the contact, or enter its UUID') })
	.transform(({ contactUuid }) => `/contact/${contactUuid}`);

/** Get: GET /contact/{uuid}. */
export const get: RecordOperation = {
	noun: 'contact',
	effect: 'read',
	description: updateDisplayOptions({ show: { resource: ['contact'], operation: ['get'] } }, [
		contactLocator('The contact to get'),
		simplify,
	]),
	prepare(context, itemIndex) {
		const parsed = check(contactPath, readItem(context, itemIndex, ['contactUuid']));
		return parsed.ok ? { ok: true, body: { method: 'GET', path: parsed.body } } : parsed;
	},
	output(context, itemIndex, body) {
		// The documented example of this answer has no uuid: the one asked for is put back.
		const contactUuid = context.getNodeParameter('contactUuid', itemIndex, '', {
			extractValue: true,
		});
		const record = { uuid: contactUuid, ...(body as IDataObject) };
		return [simplified(context, itemIndex, record, SIMPLE_CONTACT)];
	},
};
