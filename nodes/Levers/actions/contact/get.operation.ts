import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod/v3';

import { required, uuid } from '../../../shared/schema';
import { simplify } from '../../fields/common';
import { contactLocator } from '../../fields/locators';
import { SIMPLE_CONTACT, simplified } from '../../run/simplify';
import { oneRequest } from '../operation';

const contactUuid = z.object({
	contactUuid: required(uuid, 'is empty — choose the contact, or enter its UUID'),
});

/** Get: GET /contact/{uuid}. */
export const get = oneRequest({
	resource: 'contact',
	operation: 'get',
	noun: 'contact',
	effect: 'read',
	properties: [contactLocator('The contact to get'), simplify],
	parameters: ['contactUuid'],
	schema: contactUuid,
	method: 'GET',
	to: (checked: z.output<typeof contactUuid>) => ({ path: `/contact/${checked.contactUuid}` }),
	output(context, itemIndex, body, request) {
		// The documented example of this answer has no uuid: the one asked for is put back.
		const record = { uuid: request.path.split('/').at(-1), ...(body as IDataObject) };
		return [simplified(context, itemIndex, record, SIMPLE_CONTACT)];
	},
});
