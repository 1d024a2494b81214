import type { IncomingHttpHeaders } from 'node:http';
import { isPlainObject } from './fastapi-validation.ts';

/** The Levers paths the sandbox serves, and what it keeps of each request. */

/** Exchanges a client id/secret pair for a bearer token. */
export const SIGN_IN_PATH = '/auth/v1/api-key/auth';
export const API_PREFIX = '/api-service/v1';
export const CONTACT_PATH = '/api-service/v1/contact';
export const CALL_PATH = '/api-service/v1/ai/phone-calls/action/call';
export const BULK_PATH = '/api-service/v1/ai/phone-calls/action/call-bulk';
export const INSPECT_PATH = '/__sandbox/requests';

export interface RecordedRequest {
	method: string;
	/** Without the query string. */
	path: string;
	query: Record<string, string>;
	/** Lower-cased, as node:http delivers them. */
	headers: IncomingHttpHeaders;
	/** The exact request bytes, decoded as UTF-8. */
	rawBody: string;
	/** rawBody parsed as JSON, or undefined when empty or not JSON. */
	json: unknown | undefined;
	/** Status answered; 0 while a delayed reply is pending or when the socket was destroyed. */
	status: number;
	/** Date.now() when the request arrived, and when it was answered or its connection reset. */
	receivedAt: number;
	answeredAt?: number;
}

export const isPlacing = (record: RecordedRequest) =>
	record.method === 'POST' && (record.path === CALL_PATH || record.path === BULK_PATH);

/** The calls a placing request asks for: its body, or each contact of a bulk body. */
export function requestedCalls(record: RecordedRequest): Array<Record<string, unknown>> {
	const json = isPlainObject(record.json) ? record.json : {};
	if (record.path === CALL_PATH) return [json];
	return Array.isArray(json.contacts) ? json.contacts.filter(isPlainObject) : [];
}

export const numbersOf = (calls: Array<Record<string, unknown>>): string[] =>
	calls.flatMap(({ numberToCall }) => (typeof numberToCall === 'string' ? [numberToCall] : []));

/** A test's own name for a call, carried as `metadata.scriptKey`: scripts replies per item, not per number. */
export const scriptKeysOf = (calls: Array<Record<string, unknown>>): string[] =>
	calls.flatMap(({ metadata }) => {
		const key = isPlainObject(metadata) ? metadata.scriptKey : undefined;
		return typeof key === 'string' ? [key] : [];
	});

/** Splits like FastAPI's HTTPBearer: scheme, first space, then everything else as the token. */
export function bearerOf(record: RecordedRequest): { scheme: string; token: string } {
	const header = record.headers.authorization ?? '';
	const spaceAt = header.indexOf(' ');
	return {
		scheme: spaceAt < 0 ? header : header.slice(0, spaceAt),
		token: spaceAt < 0 ? '' : header.slice(spaceAt + 1),
	};
}

/** Hides credentials from the inspect route, which a person may open in a shared browser. */
export function maskSecrets(request: RecordedRequest): RecordedRequest {
	const headers = { ...request.headers };
	if (headers.authorization !== undefined) headers.authorization = 'Bearer ***';
	if (request.path !== SIGN_IN_PATH) return { ...request, headers };
	const json = isPlainObject(request.json)
		? { ...request.json, clientSecret: '***' }
		: request.json;
	return { ...request, headers, rawBody: '***', json };
}
