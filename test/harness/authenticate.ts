import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INode,
	IRequestOptionsSimplified,
	Workflow,
} from 'n8n-workflow';
import { isExpression } from 'n8n-workflow';

type RequestOptions = IHttpRequestOptions | IRequestOptionsSimplified;

/**
 * Adds a credential's auth to a request as n8n's CLI does: a function `authenticate` is called;
 * a generic one has each headers/qs/body/auth entry resolved as an expression over `$credentials`.
 */
export async function applyCredentialAuthentication(
	credentialType: ICredentialType,
	credentials: ICredentialDataDecryptedObject,
	requestOptions: RequestOptions,
	workflow?: Workflow,
	node?: INode,
): Promise<IHttpRequestOptions> {
	const { authenticate } = credentialType;
	if (typeof authenticate === 'function') {
		return await authenticate(credentials, requestOptions as IHttpRequestOptions);
	}
	if (typeof authenticate !== 'object') return requestOptions as IHttpRequestOptions;
	if (!workflow || !node) {
		throw new Error(`Generic authentication of "${credentialType.name}" needs a workflow and node`);
	}

	requestOptions.headers ??= {};
	if (authenticate.type === 'generic') {
		const resolve = (value: unknown) => resolveCredentialValue(value, credentials, workflow, node);
		const targets = requestOptions as unknown as Record<
			string,
			Record<string, unknown> | undefined
		>;
		for (const [target, entries] of Object.entries(authenticate.properties)) {
			for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
				targets[target] ??= {};
				targets[target][resolve(key) as string] = resolve(value);
			}
		}
	}
	return requestOptions as IHttpRequestOptions;
}

/** Like the CLI: non-expressions pass through untouched, expressions become strings ('' if empty). */
function resolveCredentialValue(
	value: unknown,
	credentials: ICredentialDataDecryptedObject,
	workflow: Workflow,
	node: INode,
): unknown {
	if (!isExpression(value)) return value;
	const resolved = workflow.expression.getSimpleParameterValue(
		node,
		value,
		'internal',
		{ $credentials: credentials },
		undefined,
		'',
	);
	return resolved ? resolved.toString() : '';
}
