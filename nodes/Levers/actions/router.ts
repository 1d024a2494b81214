import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runItems } from '../run/runItems';
import { contact } from './contact/Contact.resource';
import { invoice } from './invoice/Invoice.resource';
import type { RecordOperation } from './operation';
import { payment } from './payment/Payment.resource';

const resources: Record<string, Record<string, RecordOperation>> = { contact, invoice, payment };

/** Picks the operation of the node's resource and runs it over the items. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	if (this.getInputData().length === 0) return [[]];
	const resource = this.getNodeParameter('resource', 0) as string;
	const name = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resource]?.[name];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${name}" of "${resource}" is not known`,
		);
	}
	return await runItems(this, operation);
}
