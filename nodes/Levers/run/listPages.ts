import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Wording } from '../../shared/errors';
import type { Performed } from '../actions/operation';
import type { RecordClient, RecordRequest } from './recordClient';

/** Levers documents `GET /contact?page=1&size=50` and nothing more: pages from 1, 50 per page. */
export const PAGE_SIZE = 50;
/** 50,000 records: far more than a run should read through one node, and an end to a list that never ends. */
export const MAX_PAGES = 1000;

const LIST_KEYS = ['items', 'content', 'data', 'results'];

/** The records of one page: a bare list, or the list under items, content, data or results. */
export function readPage(
	body: unknown,
): { records: IDataObject[]; total?: number } | { unexpected: string } {
	if (Array.isArray(body)) return { records: body as IDataObject[] };
	if (!body || typeof body !== 'object')
		return { unexpected: `a ${body === null ? 'null' : typeof body} body` };
	const object = body as IDataObject;
	const key = LIST_KEYS.find((name) => Array.isArray(object[name]));
	if (key === undefined)
		return { unexpected: `keys ${Object.keys(object).join(', ') || '(none)'}` };
	const total = [object.total, object.totalElements, object.count].find(
		(value) => typeof value === 'number',
	) as number | undefined;
	return { records: object[key] as IDataObject[], total };
}

/**
 * Get Many: page after page until `limit` records (undefined: all of them), a short or empty page, the total
 * Levers states, or MAX_PAGES. A page that repeats the previous one ends it too, with an error: a server that
 * ignores `page` would otherwise be read forever.
 */
export async function listAll(
	context: IExecuteFunctions,
	client: RecordClient,
	request: RecordRequest,
	limit: number | undefined,
	itemIndex: number,
	words: Wording,
): Promise<Performed> {
	const size = limit === undefined ? PAGE_SIZE : Math.min(limit, PAGE_SIZE);
	const records: IDataObject[] = [];
	const stop = (message: string, description: string): Performed => ({
		outcome: 'failed',
		error: new NodeOperationError(context.getNode(), `${message} [item ${itemIndex}]`, {
			itemIndex,
			description,
		}),
	});
	let previousFirst: string | undefined;
	for (let page = 1; ; page++) {
		const delivery = await client.deliver(
			{ ...request, query: { ...request.query, page, size } },
			false,
		);
		if (delivery.outcome !== 'done') {
			return { outcome: 'failed', error: client.failure(delivery, itemIndex, words) };
		}
		const read = readPage(delivery.answer.kind === 'answered' ? delivery.answer.body : null);
		if ('unexpected' in read) {
			return stop(
				`Levers answered ${request.path} with an unexpected list shape: ${read.unexpected}`,
				`This node reads a list, or an object with the list under ${LIST_KEYS.join(', ')}. Nothing was changed in Levers.`,
			);
		}
		const first = JSON.stringify(read.records[0] ?? null);
		if (page > 1 && read.records.length > 0 && first === previousFirst) {
			return stop(
				`Levers answered page ${page} of ${request.path} with page ${page - 1} again`,
				'It seems to ignore the page parameter, so the list cannot be read to its end. Use Limit (at most one page).',
			);
		}
		previousFirst = first;
		records.push(...read.records);
		const enough = limit !== undefined && records.length >= limit;
		const end =
			read.records.length < size || (read.total !== undefined && records.length >= read.total);
		if (enough || end) return { outcome: 'done', json: records.slice(0, limit) };
		if (page >= MAX_PAGES) {
			return stop(
				`Levers still had more after ${MAX_PAGES} pages of ${request.path} (${records.length} records)`,
				`Get Many reads at most ${MAX_PAGES * PAGE_SIZE} records in one go: set a Limit.`,
			);
		}
	}
}
