import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import type { AuthMode } from '../../credentials/authMode';
import type { InputProblem } from './schema';
import { CREDENTIALS_REFUSED, UNREACHABLE } from './transport';
import type { HttpAnswer } from './transport';

/**
 * Turns what went wrong with an item into the n8n error a person reads: what happened, how to fix it.
 * Shared by both nodes; each says in its own Wording what a request of its own is and what to do about it.
 */

/** The words of one kind of request: Levers Call's are about calls, the Levers node's about records. */
export interface Wording {
	/** Nothing reached Levers, e.g. "No call was placed for this item." */
	notSent: string;
	/** The request may have had its effect, and what to check before sending it again. */
	maybeSent: string;
	/** What the request is, inside messages, e.g. "call request". */
	request: string;
	notFound: { message: string; hint: string };
	rateLimited: { message: string; hint: string };
}

/**
 * n8n swaps a message for a generic one when it merely contains a system error code, ignoring case
 * ("updateExisting" holds "EEXIST", "(ECONNREFUSED)" too): put our own words back.
 */
function keepMessage<T extends Error>(error: T, message: string): T {
	error.message = message;
	return error;
}

/** A refusal in the node's own words (not a field's), with n8n's system-code swap undone. */
export function refusal(
	node: INode,
	message: string,
	description: string,
	itemIndex: number,
): NodeOperationError {
	return keepMessage(new NodeOperationError(node, message, { itemIndex, description }), message);
}

/** Bad input, found before anything was sent: the first problem in the message, the others below it. */
export function toInputError(
	node: INode,
	problems: InputProblem[],
	itemIndex: number,
	notSent: string,
): NodeOperationError {
	const [first, ...others] = problems;
	const message = `${first.field}: ${first.message} [item ${itemIndex}]`;
	const description = [
		notSent,
		...others.map((problem) => `Also ${problem.field}: ${problem.message}`),
	].join('\n');
	const error = keepMessage(
		new NodeOperationError(node, message, { itemIndex, description }),
		message,
	);
	error.context.field = first.field;
	return error;
}

/** What a failed request looked like, read from the answer (or its absence). */
interface Failure {
	status?: number;
	apiText?: string;
	/** The first field a 422 names. */
	field?: string;
	retryAfter?: string;
	networkCode?: string;
	otherMessage?: string;
}

export interface FailureContext {
	itemIndex: number;
	host: string;
	timeoutMs: number;
	/** Credential values that must never reach a message. */
	secrets: string[];
	/** The credential's mode, so a refusal names only what the user filled in. */
	authMode?: AuthMode;
	/** Said after the explanation, e.g. how many attempts a rate limit took. */
	note?: string;
}

const TIMED_OUT = new Set(['ECONNABORTED', 'ETIMEDOUT']);
const CHECK_CREDENTIAL: Record<AuthMode, string> = {
	accessToken:
		'Check the Access Token of the Levers API credential: it may have expired (paste a new one).',
	clientCredentials:
		'Check the Client ID and Secret of the Levers API credential (n8n fetched a new token and Levers refused it too).',
};

/** No connection could be made: worth a few more tries, as nothing was sent. */
export function unreachable(answer: HttpAnswer): boolean {
	return answer.kind === 'noAnswer' && UNREACHABLE.has(answer.code);
}

/** A failure before any answer in which the request cannot have reached Levers. */
export function neverSent(answer: HttpAnswer): boolean {
	return unreachable(answer) || (answer.kind === 'noAnswer' && answer.code === CREDENTIALS_REFUSED);
}

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

function readFailure(answer: HttpAnswer): Failure {
	if (answer.kind === 'answered') {
		const retryAfter = answer.headers['retry-after'];
		return {
			status: answer.status,
			...readApiBody(answer.body),
			retryAfter: retryAfter === undefined ? undefined : String(retryAfter),
		};
	}
	if (UNREACHABLE.has(answer.code) || TIMED_OUT.has(answer.code) || answer.code === 'ECONNRESET') {
		return { networkCode: answer.code };
	}
	return { otherMessage: answer.message };
}

function explain(
	failure: Failure,
	context: FailureContext,
	words: Wording,
): { message: string; description: string } {
	const { status, apiText } = failure;
	const says = apiText ? `Levers says: ${apiText}\n` : '';
	if (status === 401) {
		return {
			message: 'Levers did not accept the credentials (HTTP 401)',
			description: `${words.notSent} ${says}${CHECK_CREDENTIAL[context.authMode ?? 'accessToken']} The Base URL must be the host of your Levers account.`,
		};
	}
	if (status === 403) {
		return {
			message: 'Levers refused access with these credentials (HTTP 403)',
			description: `${words.notSent} ${says}Check the Levers API credential: Levers knows it, but this account may not be allowed this ${words.request} through the API, and the Base URL must be the host of your Levers account.`,
		};
	}
	if (status === 404) {
		return {
			message: words.notFound.message,
			description: `${words.notSent} ${says}${words.notFound.hint}`,
		};
	}
	if (status === 422) {
		return {
			message: `Levers rejected the ${words.request} (HTTP 422)`,
			description: `${words.notSent} ${says}Correct the fields named above.`,
		};
	}
	if (status === 429) {
		const wait = failure.retryAfter ? `Levers asked to wait ${failure.retryAfter} s. ` : '';
		return {
			message: words.rateLimited.message,
			description: `${words.notSent} ${wait}${says}${words.rateLimited.hint}`,
		};
	}
	if (status && status >= 500) {
		return {
			message: `Levers could not process the ${words.request} (HTTP ${status})`,
			description: `${words.maybeSent} ${says}`.trim(),
		};
	}
	if (status) {
		return {
			message: `Levers rejected the ${words.request} (HTTP ${status})`,
			description: `${words.notSent} ${says}`.trim(),
		};
	}
	const code = failure.networkCode;
	if (code && UNREACHABLE.has(code)) {
		return {
			message: `Could not reach Levers at ${context.host} (${code})`,
			description: `${words.notSent} Check the Base URL of the Levers API credential and that n8n can reach it.`,
		};
	}
	if (code && TIMED_OUT.has(code)) {
		return {
			message: `Levers did not answer within ${context.timeoutMs / 1000} s`,
			description: `${words.maybeSent} A longer Timeout can be set under Options.`,
		};
	}
	if (code) {
		return {
			message: `The connection to Levers closed before an answer (${code})`,
			description: words.maybeSent,
		};
	}
	return {
		message: failure.otherMessage ?? `The ${words.request} failed`,
		description: words.notSent,
	};
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
	answer: HttpAnswer,
	context: FailureContext,
	words: Wording,
): NodeApiError {
	const failure = readFailure(answer);
	const explained = explain(failure, context, words);
	const message = `${redact(explained.message, context.secrets)} [item ${context.itemIndex}]`;
	const description = redact(
		[explained.description, context.note].filter(Boolean).join(' '),
		context.secrets,
	);
	const httpCode = failure.status ? String(failure.status) : undefined;
	const clean: JsonObject = { message, description, ...(httpCode ? { httpCode } : {}) };
	const options = { message, description, httpCode, itemIndex: context.itemIndex };
	const apiError = keepMessage(new NodeApiError(node, clean, options), message);
	if (failure.field) apiError.context.field = failure.field;
	return apiError;
}

/** An earlier try's error, told again with its own words (Retry On Fail). */
export function rememberedError(
	node: INode,
	message: string,
	description: string | undefined,
	itemIndex: number,
): NodeOperationError {
	return keepMessage(new NodeOperationError(node, message, { itemIndex, description }), message);
}

/** Credential values that must never reach a message. */
export function secretsOf(credentials: Record<string, unknown>): string[] {
	const { accessToken, clientSecret, sessionToken, webhookSigningSecret } = credentials;
	return [accessToken, clientSecret, sessionToken, webhookSigningSecret].filter(
		(secret): secret is string => typeof secret === 'string',
	);
}
