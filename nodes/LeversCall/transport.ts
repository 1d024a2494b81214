import type { IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';

import { apiUrl } from '../../credentials/leversUrls';
import { toLeversApiError } from './errors';
import type { CallRequestBody } from './callRequest';

export const CREDENTIAL_TYPE = 'leversApi';

export interface CallResponse {
	statusCode: number;
	body: unknown;
}

/**
 * Places one call. Deliberately never retried here: the API has no idempotency key, so a retry
 * after an unclear failure could dial the same person twice.
 */
export async function placeCall(
	context: IExecuteFunctions,
	body: CallRequestBody,
	itemIndex: number,
	timeoutMs: number,
): Promise<CallResponse> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE, itemIndex);
	const url = apiUrl(credentials.baseUrl, '/ai/phone-calls/action/call');
	try {
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			CREDENTIAL_TYPE,
			{ method: 'POST', url, body, json: true, returnFullResponse: true, timeout: timeoutMs },
		)) as IN8nHttpFullResponse;
		// The 201 body is undocumented: keep whatever Levers returns, or null when it returns nothing.
		return {
			statusCode: response.statusCode,
			body: response.body === '' ? null : (response.body ?? null),
		};
	} catch (error) {
		const secrets = [credentials.accessToken, credentials.clientSecret, credentials.sessionToken];
		throw toLeversApiError(context.getNode(), error, {
			itemIndex,
			host: new URL(url).origin,
			timeoutMs,
			secrets: secrets.filter((secret): secret is string => typeof secret === 'string'),
		});
	}
}
