import type {
	ICredentialTestRequest,
	INode,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

/**
 * n8n's credential tester runs `test.request` as the routing of a `temp` parameter on a copy of the
 * No Op node; the CLI's preAuthentication recognises a test by exactly that node.
 */
export const CREDENTIAL_TEST_NODE_TYPE = 'n8n-nodes-base.noOp';

export function isCredentialTestNode(node: INode | undefined): boolean {
	return node?.type === CREDENTIAL_TEST_NODE_TYPE && node.parameters?.temp === '';
}

/** The node the tester runs the request on, named as the CLI names it. */
export function credentialTestNode(credentials?: INode['credentials']): INode {
	return {
		id: 'temp',
		name: 'Temp-Node',
		type: CREDENTIAL_TEST_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		...(credentials ? { credentials } : {}),
	};
}

/** The No Op stand-in: only the description matters to RoutingNode (n8n-nodes-base is not loaded here). */
export function createCredentialTestNodeType(
	credentialType: string,
	request: ICredentialTestRequest['request'],
): INodeType {
	return {
		description: {
			displayName: 'No Operation, do nothing',
			name: CREDENTIAL_TEST_NODE_TYPE,
			group: ['organization'],
			version: 1,
			description: 'No Operation',
			defaults: { name: 'No Operation, do nothing' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: credentialType, required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request }, default: '' },
			],
		},
	};
}

/** Serves just the one stand-in node type, as the CLI's tester does with its mock node types. */
export function singleNodeTypes(nodeType: INodeType): INodeTypes {
	const byName = (name: string): INodeType | IVersionedNodeType => {
		if (name !== nodeType.description.name) throw new Error(`Unknown node type "${name}"`);
		return nodeType;
	};
	return {
		getByName: byName,
		getByNameAndVersion: (name, version) => NodeHelpers.getVersionedNodeType(byName(name), version),
		getKnownTypes: () => ({}),
	};
}
