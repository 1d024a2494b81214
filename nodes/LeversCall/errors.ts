import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import type { InputProblem } from './callRequest';

/** Turns what went wrong with an item into the n8n error a person reads: what happened, how to fix it. */

/**
 * n8n swaps a message for a generic one when it merely contains a system error code, ignoring case
 * ("updateExisting" holds "EEXIST", "(ECONNREFUSED)" too): put our own words back.
 */
function keepMessage<T extends Error>(error: T, message: string): T {
	error.message = message;
	return error;
}

export function toInputError(
	node: INode,
	problems: InputProblem[],
	itemIndex: number,
): NodeOperationError {
	const [first, ...others] = problems;
	const message = `${first.field}: ${first.message} [item ${itemIndex}]`;
	const description = [
		'No call was placed for this item.',
		...others.map((problem) => `Also ${problem.field}: ${problem.message}`),
	].join('\n');
	const error = keepMessage(
		new NodeOperationError(node, message, { itemIndex, description }),
		message,
	);
	error.context.field = first.field;
	return error;
}

/** What a failed request looked like, read from the error n8n's request helper throws. */
interface Failure {
	status?: number;
	apiText?: string;
	/** The first field a 422 names. */
	field?: string;
	retryAfter?: string;
	networkCode?: string;
	otherMessage?: string;
}

interface FailureContext {
	itemIndex: number;
	host: string;
	timeoutMs: number;
	/** Credential values that must never reach a message. */
	secrets: string[];
}

const NOT_PLACED = 'No call was placed for this item.';
const MAYBE_PLACED =
	'The call may or may not have been placed: check the Levers app before running this item again.';
const UNREACHABLE = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);
const TIMED_OUT = new Set(['ECONNABORTED', 'ETIMEDOUT']);

function parseJson(data: unknown): unknown {
	if (typeof data !== 'string') return data;
	try {
		return JSON.parse(data);
	} catch {
		return data;
	}
}

/** FastAPI answers {"detail": "..."} or {"detail": [{"loc": ["body", field], "msg": ...}]}. */
function readApiBody(data: unknown): Pick<Failure, 'apiText' | 'field'> {
	const body = parseJson(data);
	if (typeof body === 'string') return { apiText: body.trim() || undefined };
	if (!body || typeof body !== 'object') return {};
	const { detail, message } = body as { detail?: unknown; message?: unknown };
	if (Array.isArray(detail)) {
		const lines = detail.map((entry: { loc?: unknown; msg?: unknown }) => {
			const loc = Array.isArray(entry?.loc) ? entry.loc.filter((part) => part !== 'body') : [];
			return {
				field: loc.join('.'),
				text: loc.length ? `${loc.join('.')}: ${String(entry?.msg)}` : String(entry?.msg),
			};
		});
		return {
			apiText: lines.map((line) => line.text).join('\n'),
			field: lines[0]?.field || undefined,
		};
	}
	if (typeof detail === 'string') return { apiText: detail };
	return { apiText: typeof message === 'string' ? message : JSON.stringify(body) };
}

function readFailure(error: unknown): Failure {
	const wrapped = error as { cause?: unknown; httpCode?: string | null; message?: string };
	const cause = (wrapped?.cause ?? error) as {
		code?: string;
		message?: string;
		response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
	};
	const status = cause?.response?.status ?? (Number(wrapped?.httpCode) || undefined);
	if (status) {
		const retryAfter = cause.response?.headers?.['retry-after'];
		return {
			status,
			...readApiBody(cause.response?.data),
			retryAfter: retryAfter === undefined ? undefined : String(retryAfter),
		};
	}
	if (
		cause?.code &&
		(UNREACHABLE.has(cause.code) || TIMED_OUT.has(cause.code) || cause.code === 'ECONNRESET')
	) {
		return { networkCode: cause.code };
	}
	return { otherMessage: cause?.message ?? wrapped?.message ?? String(error) };
}

function explain(
	failure: Failure,
	context: FailureContext,
): { message: string; description: string } {
	const { status, apiText } = failure;
	const says = apiText ? `Levers says: ${apiText}\n` : '';
	if (status === 401 || status === 403) {
		return {
			message:
				status === 401
					? 'Levers did not accept the credentials (HTTP 401)'
					: 'Levers refused access with these credentials (HTTP 403)',
			description: `${NOT_PLACED} ${says}Check the Levers API credential: an access token may have expired (paste a new one, or use Client ID and Secret so n8n renews it), and the Base URL must be the host of your Levers account.`,
		};
	}
	if (status === 404) {
		return {
			message: 'Levers found nothing at this address (HTTP 404)',
			description: `${NOT_PLACED} ${says}Check that the Base URL of the credential is the host only, e.g. https://api.dev.uselevers.com.`,
		};
	}
	if (status === 422) {
		return {
			message: 'Levers rejected the call request (HTTP 422)',
			description: `${NOT_PLACED} ${says}Correct the fields named above.`,
		};
	}
	if (status === 429) {
		const wait = failure.retryAfter
			? `Levers asks to wait ${failure.retryAfter} s before retrying. `
			: '';
		return {
			message: 'Levers is limiting how fast calls can be placed (HTTP 429)',
			description: `${NOT_PLACED} ${wait}${says}Slow the workflow down, e.g. with Loop Over Items and a Wait node.`,
		};
	}
	if (status && status >= 500) {
		return {
			message: `Levers could not process the call request (HTTP ${status})`,
			description: `${MAYBE_PLACED} ${says}`.trim(),
		};
	}
	if (status) {
		return {
			message: `Levers rejected the call request (HTTP ${status})`,
			description: `${NOT_PLACED} ${says}`.trim(),
		};
	}
	const code = failure.networkCode;
	if (code && UNREACHABLE.has(code)) {
		return {
			message: `Could not reach Levers at ${context.host} (${code})`,
			description: `${NOT_PLACED} Check the Base URL of the Levers API credential and that n8n can reach it.`,
		};
	}
	if (code && TIMED_OUT.has(code)) {
		return {
			message: `Levers did not answer within ${context.timeoutMs / 1000} s`,
			description: `${MAYBE_PLACED} A longer Timeout can be set under Options.`,
		};
	}
	if (code) {
		return {
			message: `The connection to Levers closed before an answer (${code})`,
			description: MAYBE_PLACED,
		};
	}
	return { message: failure.otherMessage ?? 'The call request failed', description: NOT_PLACED };
}

function redact(text: string, secrets: string[]): string {
	return secrets
		.filter((secret) => secret.length >= 4)
		.reduce((clean, secret) => clean.split(secret).join('***'), text);
}

/**
 * Builds a fresh error from what the failure means, rather than wrapping n8n's: the original carries the
 * request (and its Authorization header), which must not reach the output, the UI or the logs.
 */
export function toLeversApiError(
	node: INode,
	error: unknown,
	context: FailureContext,
): NodeApiError {
	const failure = readFailure(error);
	const explained = explain(failure, context);
	const message = `${redact(explained.message, context.secrets)} [item ${context.itemIndex}]`;
	const description = redact(explained.description, context.secrets);
	const httpCode = failure.status ? String(failure.status) : undefined;
	const clean: JsonObject = { message, description, ...(httpCode ? { httpCode } : {}) };
	const options = { message, description, httpCode, itemIndex: context.itemIndex };
	const apiError = keepMessage(new NodeApiError(node, clean, options), message);
	if (failure.field) apiError.context.field = failure.field;
	return apiError;
}
