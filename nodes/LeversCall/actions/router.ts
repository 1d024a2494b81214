import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import * as call from './call.operation';
import * as callAndWait from './callAndWait.operation';
import * as callBulk from './callBulk.operation';

type Operation = { execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> };

export const operations: Record<string, Operation> = { call, callAndWait, callBulk };

/** Runs the node's operation; workflows saved before operations existed have none and mean `call`. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	if (this.getInputData().length === 0) return [[]];
	const name = this.getNodeParameter('operation', 0, 'call') as string;
	const operation = operations[name];
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${name}" is not known`);
	}
	return await operation.execute.call(this);
}
