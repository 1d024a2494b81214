import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';

import { apiUrl } from '../../credentials/leversUrls';

/** The one credential both nodes authenticate with. */
export const CREDENTIAL_TYPE = 'leversApi';

/** The code of a failure in the credential's token exchange: the request itself was never sent. */
export const CREDENTIALS_REFUSED = 'LEVERS_CREDENTIALS_REFUSED';

/** Network codes of a connection that was never made: nothing was sent. */
export const UNREACHABLE = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);

/** What came back from one request: an HTTP answer of any status, or a failure before any answer. */
export type HttpAnswer =
	| { kind: 'answered'; status: number; headers: Record<string, unknown>; body: unknown }
	| { kind: 'noAnswer'; code: string; message: string };

export interface SendOptions {
	method: IHttpRequestMethods;
	url: string;
	query?: IDataObject;
	body?: IDataObject;
	timeoutMs: number;
	/**
	 * Let n8n's helper renew an expired token itself (on a 401 it refreshes and sends once more).
	 * Levers Call keeps it off for concurrent requests (each would renew it) and coordinates that itself.
	 */
	renewTokenOn401?: boolean;
	/**
	 * The run's credential, read once: without it n8n reads (and resolves) the credential again for every
	 * request. A token n8n renews is written into it, so every later request of the run uses the new one.
	 */
	credentials?: ICredentialsDecrypted;
}

/** A node run, or the editor loading a list (the contact list of a resource locator). */
export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions;

/** A request under the API prefix of the credential's host: /contact, /invoice/{uuid}, ... */
export interface LeversRequest extends Omit<SendOptions, 'url'> {
	path: string;
}

/** Builds the URL from the credential's Base URL and sends the request (see send). */
export async function leversRequest(
	context: RequestContext,
	baseUrl: unknown,
	{ path, ...request }: LeversRequest,
): Promise<HttpAnswer> {
	return await send(context, { ...request, url: apiUrl(baseUrl, path) });
}

/**
 * Sends one request through n8n's request helper and reports what happened, without judging it.
 * Deliberately never retries: whether a request may be sent again is the caller's decision.
 */
export async function send(context: RequestContext, options: SendOptions): Promise<HttpAnswer> {
	try {
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			CREDENTIAL_TYPE,
			{
				method: options.method,
				url: options.url,
				...(options.query ? { qs: options.query } : {}),
				...(options.body ? { body: options.body } : {}),
				json: true,
				returnFullResponse: true,
				timeout: options.timeoutMs,
				ignoreHttpStatusErrors: !options.renewTokenOn401,
			},
			options.credentials && { credentialsDecrypted: options.credentials },
		)) as IN8nHttpFullResponse;
		return {
			kind: 'answered',
			status: response.statusCode,
			headers: (response.headers ?? {}) as Record<string, unknown>,
			// Success bodies are mostly undocumented: keep whatever Levers returns, or null for nothing.
			body: response.body === '' ? null : (response.body ?? null),
		};
	} catch (error) {
		return fromThrown(error);
	}
}

/** n8n throws a NodeApiError wrapping axios' error; read the answer or the network code out of it. */
function fromThrown(error: unknown): HttpAnswer {
	const wrapped = error as { cause?: unknown; httpCode?: string | null; message?: string };
	const cause = (wrapped?.cause ?? error) as {
		code?: string;
		message?: string;
		tokenExchangeFailed?: boolean;
		networkCode?: string;
		response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
	};
	// The credential's own request (token exchange, a look at the host) failed: the request was never sent.
	if (cause?.tokenExchangeFailed) {
		const { networkCode } = cause;
		const code = networkCode && UNREACHABLE.has(networkCode) ? networkCode : CREDENTIALS_REFUSED;
		return { kind: 'noAnswer', code, message: String(cause.message) };
	}
	const status = cause?.response?.status ?? (Number(wrapped?.httpCode) || undefined);
	if (status) {
		return {
			kind: 'answered',
			status,
			headers: cause.response?.headers ?? {},
			body: cause.response?.data ?? null,
		};
	}
	return {
		kind: 'noAnswer',
		code: cause?.code ?? 'UNKNOWN',
		message: cause?.message ?? wrapped?.message ?? String(error),
	};
}
