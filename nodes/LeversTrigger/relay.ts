import { sleep } from 'n8n-workflow';
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { WAIT_KEYS } from '../shared/callEvent';
import type { CallEvent } from '../shared/callEvent';
import { notOursProblem, ssrfProblem } from './relayProblems';

/**
 * Hands a call's result to the execution waiting for it (Levers Call, "Call and Wait for Result"). The
 * resume URL travels in the call's metadata, so it is only followed when it points at this n8n instance's
 * own waiting-webhook endpoint: never at another host or path.
 */

export type RelayOutcome = 'none' | 'delivered' | 'final' | 'retry';

/** What became of the relay; `problem` (already logged) says why a result did not reach its wait. */
export interface RelayResult {
	outcome: RelayOutcome;
	problem?: string;
}

/** The body the waiting node's webhook() receives. */
export interface RelayedEvent {
	eventId: string;
	receivedAt: string;
	payload: unknown;
}

/** `<base>/webhook-waiting/` of this instance, from `$execution.resumeUrl` (no execution here: "__UNKNOWN__"). */
function ownWaitingBase(context: IWebhookFunctions): URL | undefined {
	try {
		const url = new URL(String(context.evaluateExpression('{{ $execution.resumeUrl }}', 0)));
		url.search = '';
		url.pathname = url.pathname.slice(0, url.pathname.lastIndexOf('/') + 1);
		return url;
	} catch {
		return undefined;
	}
}

/** `<base><executionId>/<nodeId>?signature=…` on this instance, or undefined. */
export function ownResumeUrl(candidate: unknown, base: URL): string | undefined {
	if (typeof candidate !== 'string') return undefined;
	let url: URL;
	try {
		url = new URL(candidate);
	} catch {
		return undefined;
	}
	if (url.origin !== base.origin || url.username !== '' || url.password !== '') return undefined;
	if (!url.pathname.startsWith(base.pathname)) return undefined;
	const rest = url.pathname.slice(base.pathname.length);
	return /^[\w-]+\/[^/]+$/.test(rest) ? url.toString() : undefined;
}

interface RelayResponse {
	statusCode: number;
	body: unknown;
}

/**
 * n8n 2.41 answers every refused resume the same way, 409 with `{ code: 409, message }`: running already
 * (the call ended before n8n saved the wait), finished, or finished with an error. Only the message tells
 * them apart, so the relay does not read it: it asks again for a few seconds, long enough for a wait to be
 * saved, and takes a 409 that lasts as final.
 */
export const CONFLICT_PAUSES_MS = [250, 500, 1000, 2000];

const isExecutionConflict = (response: RelayResponse) =>
	response.statusCode === 409 && (response.body as IDataObject | undefined)?.code === 409;

async function postToWaiting(
	context: IWebhookFunctions,
	url: string,
	body: RelayedEvent,
): Promise<RelayResponse> {
	return (await context.helpers.httpRequest({
		method: 'POST',
		url,
		body: body as unknown as IDataObject,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: 15_000,
	})) as RelayResponse;
}

export async function relayToWaitingExecution(
	context: IWebhookFunctions,
	event: CallEvent,
	body: RelayedEvent,
): Promise<RelayResult> {
	const candidate = event.requestMetadata[WAIT_KEYS.resumeUrl];
	if (candidate === undefined) return { outcome: 'none' };
	const base = ownWaitingBase(context);
	const url = base && ownResumeUrl(candidate, base);
	// Dropped, not followed: the event itself is still output, but never silently (the wait would time out).
	if (!url) return final(context, notOursProblem(candidate, base));
	try {
		let response = await postToWaiting(context, url, body);
		for (const pause of CONFLICT_PAUSES_MS) {
			if (!isExecutionConflict(response)) break;
			await sleep(pause);
			response = await postToWaiting(context, url, body);
		}
		if (response.statusCode < 300) return { outcome: 'delivered' };
		// 404/409: that execution is gone or already finished; 401: the URL was not a valid resume URL.
		const retry = response.statusCode >= 500 || response.statusCode === 429;
		return { outcome: retry ? 'retry' : 'final' };
	} catch (error) {
		// The operator's SSRF policy refuses this instance's own address: asking again cannot help.
		const refused = ssrfProblem(error, url);
		if (refused) return final(context, refused);
		// n8n did not answer: let Svix deliver again later (the repeat check only records handled events).
		return { outcome: 'retry' };
	}
}

function final(context: IWebhookFunctions, problem: string): RelayResult {
	context.logger.warn(problem);
	return { outcome: 'final', problem };
}
