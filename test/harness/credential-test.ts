import { ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestRequest,
	INodeExecutionData,
} from 'n8n-workflow';
import { createEmptyRunExecutionData, Workflow } from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import {
	createCredentialTestNodeType,
	credentialTestNode,
	singleNodeTypes,
} from './credential-test-node';
import { PackageCredentialTypes } from './credential-types';
import { HarnessCredentialsHelper } from './credentials-helper';
import { loadPackage } from './package-loader';
import type { CredentialTestResult, StoredCredential } from './types';

type TestRules = ICredentialTestRequest['rules'];

/**
 * What the credential's "Test" button answers, reproducing n8n's CLI CredentialsTester for a type
 * whose `test` is a request: the request runs through n8n-core's RoutingNode (so preAuthentication
 * and `authenticate` apply), then `test.rules` decide.
 */
export async function testCredential(
	type: string,
	data: ICredentialDataDecryptedObject,
	packageDir?: string,
): Promise<CredentialTestResult> {
	const credentialTypes = new PackageCredentialTypes(await loadPackage(packageDir));
	const { test } = credentialTypes.getByName(type);
	if (!test) return { status: 'Error', message: 'No testing function found for this credential.' };

	// The unsaved credential under test; a token its preAuthentication fetches is stored here.
	const credential: StoredCredential = {
		id: 'credential-under-test',
		name: 'Credential under test',
		type,
		data: structuredClone(data),
	};
	const credentialsHelper = new HarnessCredentialsHelper(credentialTypes, [credential]);
	const additionalData = createAdditionalData(credentialsHelper);
	const nodeCredentials = { id: credential.id, name: credential.name };

	let credentialsDecrypted: ICredentialsDecrypted;
	try {
		const withDefaults = await credentialsHelper.getDecrypted(
			additionalData,
			nodeCredentials,
			type,
			'internal',
		);
		credentialsDecrypted = { ...nodeCredentials, type, data: withDefaults };
	} catch (error) {
		return { status: 'Error', message: String((error as Error).message) };
	}

	const nodeType = createCredentialTestNodeType(type, test.request);
	const node = credentialTestNode({ [type]: nodeCredentials });
	// The Workflow fills in the `temp: ''` default, which is how preAuthentication spots a test.
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: singleNodeTypes(nodeType),
	});
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createEmptyRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);

	let response: INodeExecutionData[][] | null | undefined;
	try {
		// As n8n's CredentialsTester: with the vm expression engine the request runs holding an isolate.
		response = await workflow.expression.withIsolate(
			async () => await new RoutingNode(context, nodeType, credentialsDecrypted).runNode(),
		);
	} catch (error) {
		return failedRequestResult(error as RequestFailure, test.rules);
	}
	return successfulRequestResult(response, test.rules);
}

interface RequestFailure extends Error {
	cause?: { code?: string; response?: { status: number; statusText?: string } };
}

/** As the CLI: a matching `responseCode` rule, then any non-2xx status, then the network error code. */
function failedRequestResult(error: RequestFailure, rules: TestRules): CredentialTestResult {
	const response = error.cause?.response;
	if (response) {
		for (const rule of rules ?? []) {
			if (rule.type === 'responseCode' && rule.properties.value === response.status) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
		if (response.status < 199 || response.status > 299) {
			return {
				status: 'Error',
				message: response.statusText || `Received HTTP status code: ${response.status}`,
			};
		}
	} else if (error.cause?.code) {
		return { status: 'Error', message: error.cause.code };
	}
	return { status: 'Error', message: String(error.message) };
}

/** A `responseSuccessBody` rule fails the test when the body holds its value at its key. */
function successfulRequestResult(
	response: INodeExecutionData[][] | null | undefined,
	rules: TestRules,
): CredentialTestResult {
	for (const rule of rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const body = response?.[0]?.[0]?.json;
		if (valueAtPath(body, rule.properties.key) === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/** lodash-style `get` for the 'a.b[0].c' keys rules use. */
function valueAtPath(value: unknown, path: string): unknown {
	return path
		.split(/[.[\]]/)
		.filter((segment) => segment !== '')
		.reduce<unknown>(
			(current, segment) =>
				current === null || current === undefined
					? undefined
					: (current as Record<string, unknown>)[segment],
			value,
		);
}
