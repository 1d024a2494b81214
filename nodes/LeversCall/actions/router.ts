import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import * as call from './call.operation';
import * as callAndWait from './callAndWait.operation';
import * as callBulk from './callBulk.operation';
import { toToolRefusal } from '../outcomes';

type Operation = { execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> };

export const operations: Record<string, Operation> = { call, callAndWait, callBulk };

/**
 * Runs the node's operation; workflows saved before operations existed have none and mean `call`.
 * As an AI agent's tool, what stops the node (a setting, the operation) reaches the agent as a result it can
 * act on, the way a call's own failure does: every such stop happens before anything is sent.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	if (items.length === 0) return [[]];
	const node = this.getNode();
	const tool = node.type.endsWith('Tool');
	if (tool && node.onError === 'continueErrorOutput') {
		// n8n moves a tool's items to an error output the agent never reads: it would see "" for every call.
		throw new NodeOperationError(
			node,
			'Levers Call as an AI tool cannot use On Error → "Continue (using error output)": the agent would not see any result. No call was placed.',
			{
				description: 'In the tool node\'s Settings, set On Error to "Continue" or "Stop Workflow".',
			},
		);
	}
	const name = this.getNodeParameter('operation', 0, 'call') as string;
	const operation = operations[name];
	if (!operation) throw new NodeOperationError(node, `The operation "${name}" is not known`);
	if (!tool) return await operation.execute.call(this);
	try {
		return await operation.execute.call(this);
	} catch (error) {
		const json = toToolRefusal(error as Error & { description?: string });
		return [items.map((_, item) => ({ json, pairedItem: { item } }))];
	}
}
