import type { INode, NodeApiError, NodeOperationError } from 'n8n-workflow';

import * as shared from '../shared/errors';
import type { FailureContext, Wording } from '../shared/errors';
import type { InputProblem } from '../shared/schema';
import type { HttpAnswer } from './transport';

/** Levers Call's words for the shared error mapping (nodes/shared/errors.ts): a request places a call. */

export { neverSent, rememberedError, unreachable } from '../shared/errors';
export type { FailureContext } from '../shared/errors';

const CALL_WORDING: Wording = {
	notSent: 'No call was placed for this item.',
	maybeSent: 'The call may have been placed: check the Levers app before running this item again.',
	request: 'call request',
	notFound: {
		message: 'Levers found nothing at this address (HTTP 404)',
		hint: 'Check that the Base URL of the credential is the host only, e.g. https://api.dev.uselevers.com.',
	},
	rateLimited: {
		message: 'Levers is limiting how fast calls can be placed (HTTP 429)',
		hint: 'Lower Concurrency or set Max Calls per Minute (Options), or allow more attempts or a longer total wait for rate limits.',
	},
};

export function toInputError(
	node: INode,
	problems: InputProblem[],
	itemIndex: number,
): NodeOperationError {
	return shared.toInputError(node, problems, itemIndex, CALL_WORDING.notSent);
}

export function toLeversApiError(
	node: INode,
	answer: HttpAnswer,
	context: FailureContext,
): NodeApiError {
	return shared.toLeversApiError(node, answer, context, CALL_WORDING);
}

/** A refusal by this node's own rules (limits, policies): nothing was sent. */
export function toRefusal(
	node: INode,
	field: string,
	problem: string,
	itemIndex: number,
): NodeOperationError {
	return toInputError(node, [{ field, message: problem }], itemIndex);
}

/** Bulk: a repeated number was left to an earlier item's request, and that request placed nothing. */
export function carrierFailed(node: INode, carrier: number, itemIndex: number): NodeOperationError {
	const message = `Not called: this number went in the request of item ${carrier}, which placed nothing [item ${itemIndex}]`;
	const description = `Nobody was called for this number. Fix what item ${carrier} reports, then run the workflow again.`;
	return shared.refusal(node, message, description, itemIndex);
}
