import { updateDisplayOptions } from 'n8n-workflow';
import { z } from 'zod/v3';

import { returnAllAndLimit, simplify } from '../../fields/common';
import { amount, flag } from '../../schemas/values';
import { check, readItem } from '../../schemas/request';
import { listAll } from '../../run/listPages';
import { SIMPLE_CONTACT, simplified } from '../../run/simplify';
import { wordingFor } from '../../run/wording';
import type { RecordOperation } from '../operation';

const listing = z
	.object({
		returnAll: flag,
		limit: amount(1).refine(
			(value) => value === undefined || Number.isInteger(value),
			'must be a whole number',
		),
	})
	.transform(({ returnAll, limit }) => (returnAll ? undefined : (limit ?? 50)));

/** Get Many: GET /contact?page=&size=, page after page (run/listPages.ts). */
export const getAll: RecordOperation = {
	noun: 'contact',
	effect: 'read',
	description: updateDisplayOptions({ show: { resource: ['contact'], operation: ['getAll'] } }, [
		...returnAllAndLimit,
		simplify,
	]),
	prepare(context, itemIndex) {
		const values = readItem(context, itemIndex, ['returnAll']);
		if (!values.returnAll) values.limit = context.getNodeParameter('limit', itemIndex, 50);
		const parsed = check(listing, values);
		return parsed.ok
			? { ok: true, body: { method: 'GET', path: '/contact', limit: parsed.body } }
			: parsed;
	},
	async perform(context, client, request, itemIndex) {
		const listed = await listAll(
			context,
			client,
			request,
			request.limit,
			itemIndex,
			wordingFor('contact', 'read'),
		);
		if (listed.outcome !== 'done') return listed;
		const json = listed.json.map((record) =>
			simplified(context, itemIndex, record, SIMPLE_CONTACT),
		);
		return { outcome: 'done', json };
	},
};
