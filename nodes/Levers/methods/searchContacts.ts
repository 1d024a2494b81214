import { NodeApiError } from 'n8n-workflow';
import type { ILoadOptionsFunctions, INodeListSearchResult, JsonObject } from 'n8n-workflow';

import { CREDENTIAL_TYPE, leversRequest } from '../../shared/transport';
import { PAGE_SIZE, readPage } from '../run/listPages';

const label = (record: Record<string, unknown>) =>
	[record.name ?? record.uuid, record.phoneNumber].filter(Boolean).map(String).join(' · ');

/** The Contact list of the resource locators: GET /contact page by page, filtered here by name, phone or e-mail. */
export async function searchContacts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1);
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const answer = await leversRequest(this, credentials.baseUrl, {
		method: 'GET',
		path: '/contact',
		query: { page, size: PAGE_SIZE },
		timeoutMs: 30_000,
	});
	const read =
		answer.kind === 'answered' && answer.status < 300 ? readPage(answer.body) : undefined;
	if (!read || 'unexpected' in read) {
		const why = answer.kind === 'answered' ? `HTTP ${answer.status}` : `no answer (${answer.code})`;
		const message = `Could not load the contacts from Levers (${read ? read.unexpected : why})`;
		throw new NodeApiError(this.getNode(), { message } as JsonObject, {
			message,
			description: 'Check the Levers API credential, or choose By ID and paste the contact UUID.',
		});
	}
	const wanted = filter?.trim().toLowerCase();
	const matches = read.records.filter(
		(record) =>
			!wanted ||
			[record.name, record.phoneNumber, record.email].some((value) =>
				String(value ?? '')
					.toLowerCase()
					.includes(wanted),
			),
	);
	return {
		results: matches.map((record) => ({ name: label(record), value: String(record.uuid) })),
		paginationToken: read.records.length === PAGE_SIZE ? String(page + 1) : undefined,
	};
}
