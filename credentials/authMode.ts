import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export type AuthMode = 'accessToken' | 'clientCredentials';

function filledIn(value: unknown): boolean {
	return typeof value === 'string' && value.trim() !== '';
}

/**
 * How a credential authenticates. New credentials start in Client ID and Secret, but one saved in Access
 * Token mode while that was the default holds no Authentication value (n8n's editor stores no value equal
 * to the default), so it now arrives with the new default and without a client ID: it keeps its token.
 */
export function authMode(credentials: ICredentialDataDecryptedObject): AuthMode {
	if (credentials.authType === 'accessToken') return 'accessToken';
	if (!filledIn(credentials.clientId) && filledIn(credentials.accessToken)) return 'accessToken';
	return 'clientCredentials';
}
