import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { CallParameters, Parsed } from './callRequest';
import { toInputError } from './errors';
import { readCallParameters } from './readParameters';
import { parseItemTimeout } from './runOptions';

export interface PreparedItem<T> {
	itemIndex: number;
	body: T;
	timeoutMs: number;
}

export interface Refusal {
	itemIndex: number;
	error: NodeOperationError;
}

export interface PreparedItems<T> {
	valid: Array<PreparedItem<T>>;
	invalid: Refusal[];
}

/** `check` is the operation's zod parser: the same rules for a single call and a bulk contact. */
type Check<T> = (parameters: CallParameters) => Parsed<T>;

/** Reads and checks one item: its request, or why it cannot be sent. */
function prepareItem<T>(
	context: IExecuteFunctions,
	itemIndex: number,
	check: Check<T>,
): PreparedItem<T> | Refusal {
	try {
		const parsed = check(readCallParameters(context, itemIndex));
		// Read here, per item as it always was, so an expression failing in it stays this item's error.
		const timeout = parseItemTimeout(
			context.getNodeParameter('options', itemIndex, {}) as IDataObject,
		);
		const problems = [
			...(parsed.ok ? [] : parsed.problems),
			...(timeout.ok ? [] : [{ field: timeout.field, message: timeout.message }]),
		];
		if (!parsed.ok || !timeout.ok) {
			return { itemIndex, error: toInputError(context.getNode(), problems, itemIndex) };
		}
		return { itemIndex, body: parsed.body, timeoutMs: timeout.timeoutMs };
	} catch (error) {
		// An expression that cannot be resolved for this item.
		return {
			itemIndex,
			error: new NodeOperationError(context.getNode(), error as Error, { itemIndex }),
		};
	}
}

/**
 * Checks the items one at a time as they are pulled, handing a bad one to `refuse`: for runs in which every
 * item stands alone (Continue On Fail), so that the first calls can start before the whole input has been
 * read (see ReadAhead). A bad item is still refused before its own request, never after.
 */
export function* prepareInTurn<T>(
	context: IExecuteFunctions,
	itemCount: number,
	check: Check<T>,
	refuse: (refusal: Refusal) => void,
): Generator<PreparedItem<T>> {
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		const item = prepareItem(context, itemIndex, check);
		if ('error' in item) refuse(item);
		else yield item;
	}
}

/** Reads and checks every item before anything is sent, so that a bad row can stop the run before anyone is dialled. */
export function prepareItems<T>(
	context: IExecuteFunctions,
	itemCount: number,
	check: Check<T>,
): PreparedItems<T> {
	const invalid: Refusal[] = [];
	const valid = [...prepareInTurn(context, itemCount, check, (refusal) => invalid.push(refusal))];
	return { valid, invalid };
}
