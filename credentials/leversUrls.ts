/** The credential holds only the host; every path under it is built here, in one place. */
export const DEFAULT_BASE_URL = 'https://api.dev.uselevers.com';

export const API_PREFIX = '/api-service/v1';
const AUTH_PREFIX = '/auth/v1';

function hostOf(baseUrl: unknown): string {
	const host =
		typeof baseUrl === 'string' && baseUrl.trim() !== '' ? baseUrl.trim() : DEFAULT_BASE_URL;
	return host.replace(/\/+$/, '');
}

export function apiUrl(baseUrl: unknown, path: string): string {
	return `${hostOf(baseUrl)}${API_PREFIX}${path}`;
}

export function authUrl(baseUrl: unknown, path: string): string {
	return `${hostOf(baseUrl)}${AUTH_PREFIX}${path}`;
}
