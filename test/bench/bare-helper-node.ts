import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { inFlight } from './in-flight';
import type { Contact } from './workload';
import { callBody } from './workload';

export const BARE_HELPER_TYPE = 'n8n-nodes-bench.bareHelper';

/**
 * The least a node can do that sends through n8n's request helper, as Levers Call must: it reads each item's
 * fields straight from its JSON (no expressions), POSTs them with `httpRequestWithAuthentication` and the
 * same request options as the node, a fixed number in flight, and returns the status codes. No checks, no
 * outcomes, no pacing: the floor of n8n's helper itself, to tell its cost from the node's.
 */
export const bareHelperNodeType: INodeType = {
	description: {
		displayName: 'Bare Helper Loop',
		name: BARE_HELPER_TYPE,
		group: ['transform'],
		version: 1,
		description: 'Benchmark only',
		defaults: { name: 'Bare Helper Loop' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'leversApi', required: true }],
		properties: [
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Concurrency', name: 'concurrency', type: 'number', default: 1 },
		],
	} as INodeTypeDescription,

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const url = this.getNodeParameter('url', 0) as string;
		const concurrency = this.getNodeParameter('concurrency', 0) as number;
		const output: INodeExecutionData[] = new Array(items.length);
		await inFlight(items, concurrency, async (item, index) => {
			const response = (await this.helpers.httpRequestWithAuthentication.call(this, 'leversApi', {
				method: 'POST',
				url,
				body: callBody(item.json as unknown as Contact) as IDataObject,
				json: true,
				returnFullResponse: true,
				timeout: 30_000,
				ignoreHttpStatusErrors: true,
			})) as { statusCode: number };
			output[index] = { json: { statusCode: response.statusCode }, pairedItem: { item: index } };
		});
		return [output];
	},
};
