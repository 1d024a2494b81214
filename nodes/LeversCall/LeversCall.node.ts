import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	NodeError,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { parseCallRequest } from './callRequest';
import type { CallRequestBody } from './callRequest';
import { toInputError } from './errors';
import { callProperties, DEFAULT_TIMEOUT_MS, optionProperties } from './properties';
import { readCallParameters } from './readParameters';
import { CREDENTIAL_TYPE, placeCall } from './transport';

type PreparedCall = { body: CallRequestBody; timeoutMs: number } | { error: NodeOperationError };

/** Reads and checks one item; nothing is sent yet. */
function prepareCall(context: IExecuteFunctions, itemIndex: number): PreparedCall {
	try {
		const parsed = parseCallRequest(readCallParameters(context, itemIndex));
		const { timeout } = context.getNodeParameter('options', itemIndex, {}) as { timeout?: number };
		if (parsed.ok) return { body: parsed.body, timeoutMs: timeout ?? DEFAULT_TIMEOUT_MS };
		return { error: toInputError(context.getNode(), parsed.problems, itemIndex) };
	} catch (error) {
		// An expression that cannot be resolved for this item.
		return { error: new NodeOperationError(context.getNode(), error as Error, { itemIndex }) };
	}
}

/** The Continue On Fail output of an item: what failed, which field, which status, and what was sent. */
function failedItem(
	error: NodeError,
	itemIndex: number,
	request?: CallRequestBody,
): INodeExecutionData {
	const { httpCode, description } = error as NodeError & { httpCode?: string | null };
	const json: IDataObject = { success: false, error: error.message };
	if (description) json.description = description;
	if (typeof error.context.field === 'string') json.field = error.context.field;
	if (httpCode) json.statusCode = Number(httpCode);
	if (request) json.request = request;
	return { json, pairedItem: { item: itemIndex } };
}

export class LeversCall implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Levers Call',
		name: 'leversCall',
		icon: { light: 'file:levers.svg', dark: 'file:levers.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{"Call " + $parameter["numberToCall"]}}',
		description: 'Place an AI-powered phone call with Levers',
		defaults: { name: 'Levers Call' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [...callProperties, ...optionProperties],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const continueOnFail = this.continueOnFail();

		// Every item is checked before the first call, so a bad row stops the run before anyone is dialled.
		const prepared = items.map((_, itemIndex) => prepareCall(this, itemIndex));
		const firstInvalid = prepared.find((call) => 'error' in call);
		if (firstInvalid && 'error' in firstInvalid && !continueOnFail) throw firstInvalid.error;

		const output: INodeExecutionData[] = [];
		let placed = 0;
		for (const [itemIndex, call] of prepared.entries()) {
			if ('error' in call) {
				output.push(failedItem(call.error, itemIndex));
				continue;
			}
			try {
				const response = await placeCall(this, call.body, itemIndex, call.timeoutMs);
				placed++;
				output.push({
					json: {
						success: true,
						statusCode: response.statusCode,
						response: response.body as IDataObject,
						request: call.body,
					},
					pairedItem: { item: itemIndex },
				});
			} catch (error) {
				if (continueOnFail) {
					output.push(failedItem(error, itemIndex, call.body));
					continue;
				}
				if (placed > 0) {
					error.description =
						`${error.description ?? ''}\n${placed} earlier item(s) of this run were already called: running the node again calls them again. Turn on Continue On Fail (Settings) to keep going past a failed call.`.trim();
				}
				throw new NodeApiError(this.getNode(), error); // hands back the same error: it already is one
			}
		}
		return [output];
	}
}
