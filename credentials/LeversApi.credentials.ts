import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { authMode } from './authMode';
import {
	API_PREFIX,
	DEFAULT_BASE_URL,
	authUrl,
	hostExpression,
	unreachableMessage,
} from './leversUrls';

const showFor = (authType: string) => ({ show: { authType: [authType] } });

/**
 * A host that did not answer, in words for the credential Test (which would otherwise show the bare code).
 * A new error, so the request (and its secret) stays out of it; marked so the node knows no call was sent
 * and, by `networkCode`, that the host may be tried again.
 */
function unreachable(baseUrl: unknown, error: unknown): Error {
	const networkCode = (error as { code?: unknown } | undefined)?.code;
	return Object.assign(new Error(unreachableMessage(baseUrl, error)), {
		tokenExchangeFailed: true,
		networkCode,
	});
}

export class LeversApi implements ICredentialType {
	name = 'leversApi';

	displayName = 'Levers API';

	icon: Icon = {
		light: 'file:../nodes/LeversCall/levers.svg',
		dark: 'file:../nodes/LeversCall/levers.dark.svg',
	};

	documentationUrl = 'https://github.com/uselevers/n8n-nodes-levers#credentials';

	properties: INodeProperties[] = [
		{
			displayName:
				'Use the Client ID and Secret from the settings page of the Levers app: n8n fetches the token and renews it when it expires. Choose Access Token only to paste a token you already have.',
			name: 'authNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authType',
			type: 'options',
			options: [
				{
					name: 'Client ID and Secret (Recommended)',
					value: 'clientCredentials',
					description: 'n8n exchanges them for a token and fetches a new one when it expires',
				},
				{
					name: 'Access Token',
					value: 'accessToken',
					description: 'Paste a bearer token you already have; when it expires, paste a new one',
				},
			],
			// Saved Access Token credentials keep their mode without this value: see authMode().
			default: 'clientCredentials',
			description:
				'New to Levers? Choose Client ID and Secret: both are on the settings page of the Levers app, and n8n renews the token itself',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A Levers API token (a JWT), sent as "Authorization: Bearer …": the access_token Levers returns for the client ID and secret from the settings page of the Levers app. n8n cannot renew it; with Client ID and Secret it does.',
			displayOptions: showFor('accessToken'),
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'Found on the settings page of the Levers app',
			displayOptions: showFor('clientCredentials'),
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Found next to the Client ID on the settings page of the Levers app',
			displayOptions: showFor('clientCredentials'),
		},
		{
			// The token of a credential saved in Access Token mode before Client ID and Secret became the
			// default (it holds no Authentication value, so it now reads as Client ID and Secret). Without
			// this, n8n would drop the token as a field of the other mode; authMode() keeps using it.
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
			displayOptions: showFor('clientCredentials'),
		},
		{
			displayName:
				'This credential was saved with an Access Token and keeps using it. To change the token, choose Access Token above; to let n8n renew it, fill in the Client ID and Secret.',
			name: 'savedModeNotice',
			type: 'notice',
			default: '',
			displayOptions: {
				show: { authType: ['clientCredentials'], accessToken: [{ _cnd: { exists: true } }] },
				hide: { clientId: [{ _cnd: { exists: true } }] },
			},
		},
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSigningSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'For the Levers Trigger: the Signing Secret (whsec_…) of the webhook endpoint in Levers → Settings → Webhooks',
		},
		{
			// Filled by preAuthentication; n8n empties nothing itself, it calls preAuthentication again on a 401.
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			description:
				'The Levers API host only, without a path: n8n adds /api-service/v1 and /auth/v1 itself. The default is the only host the Levers documentation names; if Levers gives you another host for your account, enter it here instead.',
		},
	];

	/** Exchanges the client ID and secret for a token; n8n calls it when sessionToken is empty or got a 401. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		if (authMode(credentials) !== 'clientCredentials') return {};
		const response = (await this.helpers
			.httpRequest({
				method: 'POST',
				url: authUrl(credentials.baseUrl, '/api-key/auth'),
				headers: { accept: 'application/json' },
				body: { clientId: credentials.clientId, clientSecret: credentials.clientSecret },
				json: true,
				returnFullResponse: true,
				// Answered below with a message of our own, so the request (and its secret) never rides on an error.
				ignoreHttpStatusErrors: true,
			})
			.catch((error: unknown) => {
				// Only a request that got no answer lands here.
				throw unreachable(credentials.baseUrl, error);
			})) as IN8nHttpFullResponse;
		const token = (response.body as { access_token?: unknown } | undefined)?.access_token;
		if (response.statusCode >= 300 || typeof token !== 'string' || token === '') {
			// Marked so the node knows no call request was sent (it says "failed", not "may have been placed").
			throw Object.assign(
				new Error(
					`Levers did not accept the Client ID and Secret (HTTP ${response.statusCode}) — check both on the settings page of the Levers app, and the Base URL of the credential`,
				),
				{ tokenExchangeFailed: true },
			);
		}
		return { sessionToken: token };
	}

	/**
	 * A function rather than a generic expression: n8n evaluates a generic header with its expression engine
	 * on every request, which was a measurable share of each call's CPU in a campaign (see README, Performance).
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const token =
			authMode(credentials) === 'clientCredentials'
				? credentials.sessionToken
				: credentials.accessToken;
		requestOptions.headers = {
			...requestOptions.headers,
			Authorization: `Bearer ${String(token ?? '')}`,
		};
		return requestOptions;
	}

	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			// The node's host rule (blank means the default host, no trailing slash), not the raw field.
			baseURL: hostExpression('$credentials.baseUrl'),
			url: `${API_PREFIX}/contact`,
			qs: { page: 1, size: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					// The Client ID and Secret have their own message (preAuthentication): this is the pasted token.
					message: 'Levers did not accept the Access Token — it may have expired: paste a new one',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Levers accepted the token but refused access — check the API access of this account',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'Nothing answered at this Base URL — enter the host only, e.g. https://api.dev.uselevers.com',
				},
			},
		],
	};
}
