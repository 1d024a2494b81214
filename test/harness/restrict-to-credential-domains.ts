import type {
	ICredentialDataDecryptedObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { getCredentialOwnRequestAllowedDomains, UserError } from 'n8n-workflow';

/**
 * The `this` the CLI gives a credential's preAuthentication: only `helpers.httpRequest`, held to
 * the credential's own allowed-domains list when the user set one.
 */
export function restrictToCredentialDomains(
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): IHttpRequestHelper {
	const httpRequest = async (requestOptions: IHttpRequestOptions): Promise<unknown> => {
		// Read per request: hooks that never send one must not fail on an empty list.
		const allowedDomains = getCredentialOwnRequestAllowedDomains(credentials);
		if (allowedDomains === undefined) return await helpers.helpers.httpRequest(requestOptions);
		if (requestOptions.allowedDomains !== undefined) {
			throw new UserError(
				'This credential restricts requests to specific domains, which cannot be combined with the domains its authentication step asks for.',
			);
		}
		return await helpers.helpers.httpRequest({ ...requestOptions, allowedDomains });
	};
	return { helpers: { httpRequest } };
}
