import type {
	IDataObject,
	INodeExecutionData,
	NodeApiError,
	NodeError,
	NodeOperationError,
} from 'n8n-workflow';

/** What became of one item; the same words for every operation. */
export type Outcome = 'placed' | 'failed' | 'unknown' | 'skipped' | 'dryRun';

export interface ItemResult {
	outcome: Outcome;
	/** The body sent, or that would be sent. */
	request?: IDataObject;
	statusCode?: number;
	attempts?: number;
	/** Levers' answer to a placed call, kept as it is. */
	response?: unknown;
	/** Why the item failed, or why nobody can tell whether it was placed. */
	error?: NodeApiError | NodeOperationError;
	/** skipped: the item that carried the same number. */
	duplicateOf?: number;
	/** dryRun: where the request would go. */
	target?: { method: 'POST'; url: string };
	/** Reported from an earlier try of this node run (Retry On Fail), not sent again. */
	fromEarlierTry?: boolean;
	/** Operation-specific fields, e.g. the bulk request that carried the item. */
	extra?: IDataObject;
}

const EARLIER_TRY =
	'Handled by an earlier try of this node run (Retry On Fail): not sent again, so nobody is called twice.';

function errorFields(error: NodeError): IDataObject {
	const { httpCode, description } = error as NodeError & { httpCode?: string | null };
	const json: IDataObject = { error: error.message };
	if (description) json.description = description;
	if (typeof error.context.field === 'string') json.field = error.context.field;
	if (httpCode) json.statusCode = Number(httpCode);
	return json;
}

/** The output item of one input item, for people and workflows: every field says what happened. */
export function toItemJson(result: ItemResult): IDataObject {
	const json: IDataObject = { outcome: result.outcome, success: result.outcome === 'placed' };
	if (result.statusCode !== undefined) json.statusCode = result.statusCode;
	if (result.outcome === 'placed') json.response = (result.response ?? null) as IDataObject;
	if (result.error) Object.assign(json, errorFields(result.error));
	if (result.outcome === 'skipped' && result.duplicateOf !== undefined) {
		json.reason = `This number was already called (or may have been) by item ${result.duplicateOf} of this run: not called again.`;
		json.duplicateOf = result.duplicateOf;
	}
	if (result.fromEarlierTry) json.note = EARLIER_TRY;
	if (result.attempts !== undefined) json.attempts = result.attempts;
	if (result.target) Object.assign(json, result.target);
	if (result.request) json.request = result.request;
	return { ...json, ...result.extra };
}

/** A message without its " [item N]": a model sees one call at a time. */
const withoutItemIndex = (message: string) => message.replace(/ \[item \d+\]$/, '');

/** The words of an error for a model: no item index, and the description that says what to do. */
function forModel(error: Error & { description?: string | null }): string {
	return [withoutItemIndex(error.message), error.description].filter(Boolean).join('. ');
}

const UNKNOWN_FOR_MODEL =
	'Do not call this number again: the call may have been placed. Tell the user to check the Levers app.';
const SETTING_FOR_MODEL =
	'This is a setting of the tool, not something another call can fix: do not retry; tell the user.';

/** What an AI agent reads back: short, and when nothing was placed, why and what to do about it. */
export function toToolJson(result: ItemResult): IDataObject {
	const numberToCall = result.request?.numberToCall;
	const json: IDataObject = { outcome: result.outcome };
	if (numberToCall !== undefined) json.numberToCall = numberToCall;
	if (result.outcome === 'placed') {
		json.message = `The call to ${String(numberToCall)} was placed. Levers reports its result later.`;
	} else if (result.outcome === 'unknown' && result.error) {
		json.error = `${withoutItemIndex(result.error.message)}. ${UNKNOWN_FOR_MODEL}`;
	} else if (result.error) {
		const field = result.error.context.field;
		const limit = typeof field === 'string' && field.startsWith('options.');
		json.error = limit ? `${forModel(result.error)} ${SETTING_FOR_MODEL}` : forModel(result.error);
	} else if (result.outcome === 'skipped') {
		json.message = `${String(numberToCall)} was already called in this run: not called again.`;
	} else {
		json.message = 'Dry run: the call was checked, nothing was sent.';
	}
	return json;
}

/** A stop before anything was sent (a setting of the tool), as the agent reads it. */
export function toToolRefusal(error: Error & { description?: string }): IDataObject {
	return { outcome: 'failed', error: `${forModel(error)} ${SETTING_FOR_MODEL}` };
}

/**
 * Include Input Fields: the input item's fields, then the outcome's, which win a clash of names (as in
 * n8n's Date & Time node), so a pipeline can mark its source row without digging into request.metadata.
 */
export function withInputFields(json: IDataObject, input: IDataObject | undefined): IDataObject {
	return input ? { ...input, ...json } : json;
}

export function toOutputItem(
	result: ItemResult,
	itemIndex: number,
	mode: { tool: boolean; errorOutput: boolean; input?: INodeExecutionData[] },
): INodeExecutionData {
	const json = mode.tool ? toToolJson(result) : toItemJson(result);
	const failed = result.outcome === 'failed' || result.outcome === 'unknown';
	if (failed && mode.errorOutput && !mode.tool) {
		// n8n moves an item to the error output ("Continue (using error output)") only when its json holds
		// nothing but error, message and details; it then adds the input item's fields beside them (with
		// Include Input Fields or without).
		const { error, ...details } = json;
		return { json: { error, details }, pairedItem: { item: itemIndex } };
	}
	// An AI agent reads the outcome alone.
	const input = mode.tool ? undefined : mode.input?.[itemIndex]?.json;
	return { json: withInputFields(json, input), pairedItem: { item: itemIndex } };
}
