import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

import type { CallParameters, Parsed } from './callRequest';
import { toInputError } from './errors';
import { DEFAULT_TIMEOUT_MS } from './properties';
import { readCallParameters } from './readParameters';

export interface PreparedItem<T> {
	itemIndex: number;
	body: T;
	timeoutMs: number;
}

export interface PreparedItems<T> {
	valid: Array<PreparedItem<T>>;
	invalid: Array<{ itemIndex: number; error: NodeOperationError }>;
}

/**
 * Reads and checks every item before anything is sent, so that a bad row can stop the run before anyone is
 * dialled. `check` is the operation's zod parser: the same rules for a single call and a bulk contact.
 */
export function prepareItems<T>(
	context: IExecuteFunctions,
	itemCount: number,
	check: (parameters: CallParameters) => Parsed<T>,
): PreparedItems<T> {
	const prepared: PreparedItems<T> = { valid: [], invalid: [] };
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			const parsed = check(readCallParameters(context, itemIndex));
			// Read here, per item as it always was, so an expression failing in it stays this item's error.
			const { timeout } = context.getNodeParameter('options', itemIndex, {}) as {
				timeout?: number;
			};
			if (parsed.ok) {
				prepared.valid.push({
					itemIndex,
					body: parsed.body,
					timeoutMs: timeout ?? DEFAULT_TIMEOUT_MS,
				});
			} else {
				prepared.invalid.push({
					itemIndex,
					error: toInputError(context.getNode(), parsed.problems, itemIndex),
				});
			}
		} catch (error) {
			// An expression that cannot be resolved for this item.
			const problem = new NodeOperationError(context.getNode(), error as Error, { itemIndex });
			prepared.invalid.push({ itemIndex, error: problem });
		}
	}
	return prepared;
}
