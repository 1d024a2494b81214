/** The credential holds only the host; every path under it is built here, in one place. */
export const DEFAULT_BASE_URL = 'https://api.dev.uselevers.com';

export const API_PREFIX = '/api-service/v1';
const AUTH_PREFIX = '/auth/v1';

/** Blank means the default host; a trailing slash is dropped, so paths join cleanly. */
function hostOf(baseUrl: unknown): string {
	const host =
		typeof baseUrl === 'string' && baseUrl.trim() !== '' ? baseUrl.trim() : DEFAULT_BASE_URL;
	return host.replace(/\/+$/, '');
}

/**
 * hostOf as an n8n expression over `value`, for a request n8n builds itself (the credential Test), so it
 * reaches the host the node's requests reach.
 */
export function hostExpression(value: string): string {
	return `={{ (typeof ${value} === 'string' ? ${value}.trim() : '').replace(/\\/+$/, '') || '${DEFAULT_BASE_URL}' }}`;
}

export function apiUrl(baseUrl: unknown, path: string): string {
	return `${hostOf(baseUrl)}${API_PREFIX}${path}`;
}

export function authUrl(baseUrl: unknown, path: string): string {
	return `${hostOf(baseUrl)}${AUTH_PREFIX}${path}`;
}

/**
 * A request that reached no Levers server (typo in the host, nothing listening, no route), said as what to
 * fix: n8n's credential Test would show only the bare code ("ECONNREFUSED"). No code in the words: n8n swaps
 * a message containing one for its own generic text.
 */
export function unreachableMessage(baseUrl: unknown, error: unknown): string {
	const code = (error as { code?: unknown } | undefined)?.code;
	const what =
		code === 'ENOTFOUND' || code === 'EAI_AGAIN'
			? `Could not find the host of ${hostOf(baseUrl)}`
			: `Could not connect to Levers at ${hostOf(baseUrl)}`;
	return `${what} — check the Base URL of the credential (the Levers API host, e.g. ${DEFAULT_BASE_URL}) and that this n8n can reach it`;
}
