import { Credentials, getAdditionalKeys } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsExpressionResolveValues,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ICredentialsHelper, isExpression, NodeHelpers } from 'n8n-workflow';

import { applyCredentialAuthentication } from './authenticate';
import { isCredentialTestNode } from './credential-test-node';
import type { PackageCredentialTypes } from './credential-types';
import { restrictToCredentialDomains } from './restrict-to-credential-domains';
import type { StoredCredential } from './types';

/**
 * Serves StoredCredentials in place of n8n's database and reproduces what n8n's CLI
 * CredentialsHelper does with them: defaults, generic and function `authenticate`, and the
 * expirable-token refresh (`preAuthentication`) persisted back into the stored credential.
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly credentialTypes: PackageCredentialTypes,
		private readonly stored: StoredCredential[] = [],
	) {
		super();
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const credentialType = this.credentialTypes.getByName(typeName);
		return await applyCredentialAuthentication(
			credentialType,
			credentials,
			requestOptions,
			workflow,
			node,
		);
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.getByName(typeName);
		const expirable = credentialType.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!expirable || typeof credentialType.preAuthentication !== 'function') return undefined;

		// The CLI refreshes only an empty or rejected token, or on every credential test.
		const needsToken = credentials[expirable.name] === '' || credentialsExpired;
		if (!needsToken && !isCredentialTestNode(node)) return undefined;

		const output = (await credentialType.preAuthentication.call(
			restrictToCredentialDomains(helpers, credentials),
			credentials,
		)) as ICredentialDataDecryptedObject;
		// Without the expirable property in the output there is nothing to store.
		if (output[expirable.name] === undefined) return undefined;

		const nodeCredentials = node.credentials?.[credentialType.name];
		if (!nodeCredentials) return undefined;
		await this.persistRefresh(nodeCredentials, credentialType.name, expirable.name, output);
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const { preAuthentication } = this.credentialTypes.getByName(typeName);
		if (typeof preAuthentication !== 'function') return undefined;
		const output = await preAuthentication.call(
			restrictToCredentialDomains(helpers, credentials),
			credentials,
		);
		return (output as ICredentialDataDecryptedObject) ?? undefined;
	}

	getParentTypes(typeName: string): string[] {
		return this.credentialTypes.getParentTypes(typeName);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async getCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<Credentials> {
		const stored = this.find(nodeCredentials, type);
		const credentials = new Credentials({ id: stored.id, name: stored.name }, stored.type);
		await credentials.setData(structuredClone(stored.data));
		return credentials;
	}

	/** A copy with the type's defaults filled in (and unknown keys dropped), as the CLI decrypts. */
	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const data = structuredClone(this.find(nodeCredentials, type).data);
		if (raw === true) return data;

		let decrypted = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			data as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		// Not a declared property, so the defaults pass dropped it.
		if (data.oauthTokenData !== undefined) decrypted.oauthTokenData = data.oauthTokenData;

		if (expressionResolveValues) {
			const { workflow, runExecutionData, runIndex, itemIndex, node, connectionInputData } =
				expressionResolveValues;
			decrypted = workflow.expression.getParameterValue(
				decrypted as INodeParameters,
				runExecutionData,
				runIndex,
				itemIndex,
				node.name,
				connectionInputData,
				mode,
				getAdditionalKeys(additionalData, mode, null, { isCredential: true }),
				executeData,
				false,
				decrypted,
			) as ICredentialDataDecryptedObject;
		}
		return decrypted;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		replaceContents(this.find(nodeCredentials, type).data, structuredClone(data));
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.find(nodeCredentials, type).data.oauthTokenData = structuredClone(data.oauthTokenData);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.credentialTypes.getProperties(type);
	}

	/** Like the CLI, a field the user stored as an expression keeps its expression. */
	private async persistRefresh(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		expirableName: string,
		output: ICredentialDataDecryptedObject,
	): Promise<void> {
		const storedData = this.find(nodeCredentials, type).data;
		const toPersist = { ...storedData };
		for (const [key, value] of Object.entries(output)) {
			if (key === expirableName || !isExpression(storedData[key])) toPersist[key] = value;
		}
		await this.updateCredentials(nodeCredentials, type, toPersist);
	}

	private find(nodeCredentials: INodeCredentialsDetails, type: string): StoredCredential {
		if (!nodeCredentials?.id) {
			throw new Error(
				`The node's "${type}" credential has no id; give it the StoredCredential's id`,
			);
		}
		const stored = this.stored.find(({ id }) => id === nodeCredentials.id);
		if (!stored || stored.type !== type) {
			throw new Error(
				`Credential with ID "${nodeCredentials.id}" does not exist for type "${type}".`,
			);
		}
		return stored;
	}
}

/** Updates in place so a test holding the StoredCredential (or its data) sees what was persisted. */
function replaceContents(
	target: ICredentialDataDecryptedObject,
	source: ICredentialDataDecryptedObject,
): void {
	for (const key of Object.keys(target)) delete target[key];
	Object.assign(target, source);
}
