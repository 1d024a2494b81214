import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { REPO_ROOT } from './package-loader';

export const EXAMPLE_PACKAGE = 'n8n-nodes-harness-example';
export const EXAMPLE_NODE_TYPE = `${EXAMPLE_PACKAGE}.exampleCall`;
export const EXAMPLE_CREDENTIAL_TYPE = 'exampleApi';

/**
 * Writes a tiny built community package to a temp dir, for the harness's own tests: a credential
 * with generic bearer auth, an expirable session token fetched by preAuthentication from
 * `POST {baseUrl}/token`, a `test` request (`GET {baseUrl}/me`; a 403 rule and an `account.status: suspended` body rule), and a programmatic node
 * that POSTs `{ phone }` to `{baseUrl}{path}` per item with Continue On Fail support.
 * Plain CommonJS, as `tsc` would emit it, so the tests need no compile step.
 */
export function writeExamplePackage(): string {
	const directory = mkdtempSync(path.join(tmpdir(), 'harness-example-package-'));
	write(directory, 'package.json', JSON.stringify(packageJson, null, '\t'));
	write(directory, 'dist/credentials/ExampleApi.credentials.js', credentialSource);
	write(directory, 'dist/nodes/ExampleCall/ExampleCall.node.js', nodeSource);
	// The package's `require('n8n-workflow')` must reach the same copy n8n-core uses.
	mkdirSync(path.join(directory, 'node_modules'));
	symlinkSync(
		path.join(REPO_ROOT, 'node_modules', 'n8n-workflow'),
		path.join(directory, 'node_modules', 'n8n-workflow'),
		'dir',
	);
	return directory;
}

function write(directory: string, file: string, content: string): void {
	mkdirSync(path.dirname(path.join(directory, file)), { recursive: true });
	writeFileSync(path.join(directory, file), content);
}

const packageJson = {
	name: EXAMPLE_PACKAGE,
	version: '0.0.1',
	n8n: {
		n8nNodesApiVersion: 1,
		credentials: ['dist/credentials/ExampleApi.credentials.js'],
		nodes: ['dist/nodes/ExampleCall/ExampleCall.node.js'],
	},
};

const credentialSource = `'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
class ExampleApi {
	constructor() {
		this.name = '${EXAMPLE_CREDENTIAL_TYPE}';
		this.displayName = 'Example API';
		this.properties = [
			{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
			{ displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, default: '' },
			{ displayName: 'Session Token', name: 'sessionToken', type: 'hidden', typeOptions: { expirable: true }, default: '' },
		];
		this.authenticate = {
			type: 'generic',
			properties: { headers: { Authorization: '=Bearer {{$credentials.sessionToken}}' } },
		};
		this.test = {
			request: { baseURL: '={{$credentials.baseUrl}}', url: '/me' },
			rules: [
				{ type: 'responseCode', properties: { value: 403, message: 'The API key was refused' } },
				{ type: 'responseSuccessBody', properties: { key: 'account.status', value: 'suspended', message: 'The account is suspended' } },
			],
		};
	}
	async preAuthentication(credentials) {
		const { token } = await this.helpers.httpRequest({
			method: 'POST',
			url: credentials.baseUrl + '/token',
			body: { apiKey: credentials.apiKey },
			json: true,
		});
		return { sessionToken: token };
	}
}
exports.ExampleApi = ExampleApi;
`;

const nodeSource = `'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
const { NodeOperationError } = require('n8n-workflow');
class ExampleCall {
	constructor() {
		this.description = {
			displayName: 'Example Call',
			name: 'exampleCall',
			group: ['transform'],
			version: 1,
			description: 'Posts one request per item',
			defaults: { name: 'Example Call' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: '${EXAMPLE_CREDENTIAL_TYPE}', required: true }],
			properties: [
				{ displayName: 'Path', name: 'path', type: 'string', default: '/calls' },
				{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
			],
		};
	}
	async execute() {
		const items = this.getInputData();
		const credentials = await this.getCredentials('${EXAMPLE_CREDENTIAL_TYPE}');
		const returnData = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const response = await this.helpers.httpRequestWithAuthentication.call(this, '${EXAMPLE_CREDENTIAL_TYPE}', {
					method: 'POST',
					url: credentials.baseUrl + this.getNodeParameter('path', i),
					body: { phone: this.getNodeParameter('phone', i) },
					json: true,
				});
				returnData.push({ json: response, pairedItem: { item: i } });
			} catch (error) {
				if (this.continueOnFail()) {
					returnData.push({ json: { error: error.message }, pairedItem: { item: i } });
					continue;
				}
				throw new NodeOperationError(this.getNode(), error, { itemIndex: i });
			}
		}
		return [returnData];
	}
}
exports.ExampleCall = ExampleCall;
`;
