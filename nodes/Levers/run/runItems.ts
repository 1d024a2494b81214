import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	NodeApiError,
} from 'n8n-workflow';

import { rememberedError, toInputError } from '../../shared/errors';
import type { Wording } from '../../shared/errors';
import type { Performed, PreparedRequest, RecordOperation } from '../actions/operation';
import { DEFAULT_TIMEOUT_MS } from '../fields/common';
import { RecordClient } from './recordClient';
import { wordingFor } from './wording';
import { WriteMemory } from './writeMemory';
import type { RememberedWrite } from './writeMemory';

type Prepared = { request: PreparedRequest } | { error: NodeOperationError };

function prepare(
	context: IExecuteFunctions,
	operation: RecordOperation,
	itemIndex: number,
	words: Wording,
): Prepared {
	try {
		const parsed = operation.prepare(context, itemIndex);
		if (parsed.ok) return { request: parsed.body };
		return { error: toInputError(context.getNode(), parsed.problems, itemIndex, words.notSent) };
	} catch (error) {
		// An expression that cannot be resolved for this item.
		return { error: new NodeOperationError(context.getNode(), error as Error, { itemIndex }) };
	}
}

/** The words of a failure for an AI agent: no item index, and what to do. */
const forModel = (error: NodeApiError | NodeOperationError) =>
	[error.message.replace(/ \[item \d+\]$/, ''), error.description].filter(Boolean).join('. ');

/** A failed item's output, as Levers Call shapes it: the error output takes only error and details. */
function failedItem(
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
	mode: { tool: boolean; errorOutput: boolean },
): INodeExecutionData {
	const pairedItem = { item: itemIndex };
	if (mode.tool) return { json: { error: forModel(error) }, pairedItem };
	const details: IDataObject = {};
	if (error.description) details.description = error.description;
	if (typeof error.context.field === 'string') details.field = error.context.field;
	const { httpCode } = error as NodeApiError;
	if (httpCode) details.statusCode = Number(httpCode);
	const json = mode.errorOutput
		? { error: error.message, details }
		: { error: error.message, ...details };
	return { json, pairedItem };
}

/** What a later try must know of a write: nothing when it failed (a new try may send it). */
function toRemembered(performed: Performed): RememberedWrite | undefined {
	if (performed.outcome === 'done') return performed;
	if (performed.outcome === 'failed') return undefined;
	const { message, description } = performed.error;
	return { outcome: 'unknown', message, description: description ?? undefined };
}

/**
 * Runs one operation over the node's items, in order, one request at a time. Without Continue On Fail every
 * item is checked before anything is sent, and the first failure stops the run; with it, each item stands
 * alone. Writes are remembered for Retry On Fail (run/writeMemory.ts).
 */
export async function runItems(
	context: IExecuteFunctions,
	operation: RecordOperation,
): Promise<INodeExecutionData[][]> {
	const node = context.getNode();
	const tool = node.type.endsWith('Tool');
	const continueOnFail = tool || context.continueOnFail();
	const mode = { tool, errorOutput: !tool && node.onError === 'continueErrorOutput' };
	const words = wordingFor(operation.noun, operation.effect);
	const writes = operation.effect !== 'read';

	const prepared = context
		.getInputData()
		.map((_, itemIndex) => prepare(context, operation, itemIndex, words));
	const refused = prepared.find((item): item is { error: NodeOperationError } => 'error' in item);
	if (refused && !continueOnFail) throw refused.error;

	const { timeout } = context.getNodeParameter('options', 0, {}) as { timeout?: number };
	const client = await RecordClient.start(context, timeout ?? DEFAULT_TIMEOUT_MS);
	const memory = writes ? new WriteMemory(context) : undefined;

	const perform = async (request: PreparedRequest, itemIndex: number): Promise<Performed> => {
		if (operation.perform) return await operation.perform(context, client, request, itemIndex);
		const delivery = await client.deliver(request, writes);
		if (delivery.outcome !== 'done') {
			return { outcome: delivery.outcome, error: client.failure(delivery, itemIndex, words) };
		}
		const body = delivery.answer.kind === 'answered' ? delivery.answer.body : null;
		const json = operation.output?.(context, itemIndex, body, request) ?? [
			(body ?? {}) as IDataObject,
		];
		return { outcome: 'done', json };
	};

	/** A write an earlier try sent is answered from memory, and never sent again. */
	const once = async (request: PreparedRequest, itemIndex: number): Promise<Performed> => {
		const earlier = memory?.recall(itemIndex);
		if (earlier?.outcome === 'done') return earlier;
		if (earlier) {
			const message =
				earlier.message ??
				`An earlier try sent this ${operation.noun} request and got no answer [item ${itemIndex}]`;
			const error = rememberedError(
				node,
				message,
				earlier.description ?? words.maybeSent,
				itemIndex,
			);
			return { outcome: 'unknown', error };
		}
		// Remembered before sending: if this try dies mid-request, a retry must not send it again.
		memory?.remember(itemIndex, { outcome: 'unknown' });
		const performed = await perform(request, itemIndex);
		memory?.remember(itemIndex, toRemembered(performed));
		return performed;
	};

	const output: INodeExecutionData[] = [];
	let written = 0;
	for (const [itemIndex, item] of prepared.entries()) {
		const performed: Performed =
			'error' in item
				? { outcome: 'failed', error: item.error }
				: await once(item.request, itemIndex);
		if (performed.outcome === 'done') {
			if (writes) written++;
			output.push(...performed.json.map((json) => ({ json, pairedItem: { item: itemIndex } })));
			continue;
		}
		if (!continueOnFail) {
			if (written > 0) {
				performed.error.description =
					`${performed.error.description ?? ''}\n${written} earlier item(s) of this run were written to Levers before it stopped. Retry On Fail does not send them again; running the workflow again does. Turn on Continue On Fail (Settings) to keep going past a failed item.`.trim();
			}
			throw performed.error;
		}
		output.push(failedItem(performed.error, itemIndex, mode));
	}
	return [output];
}
