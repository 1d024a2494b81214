import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { WAIT_KEYS } from '../shared/callEvent';
import type { CallEvent } from '../shared/callEvent';

/**
 * Hands a call's result to the execution waiting for it (Levers Call, "Call and Wait for Result"). The
 * resume URL travels in the call's metadata, so it is only followed when it points at this n8n instance's
 * own waiting-webhook endpoint: never at another host or path.
 */

export type RelayOutcome = 'none' | 'delivered' | 'final' | 'retry';

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

/** Where a URL points, without its query: the resume URL's signature is a capability and is never logged. */
function address(candidate: unknown): string {
	try {
		const url = new URL(String(candidate));
		return `${url.origin}${url.pathname}`;
	} catch {
		return `(not a URL: ${String(candidate).slice(0, 80)})`;
	}
}

export function notOursWarning(candidate: unknown, base: URL | undefined): string {
	return (
		`Levers Trigger: a call result carries a resume URL for ${address(candidate)}, but this n8n's own ` +
		`waiting address is ${base ? address(base) : '(unknown)'}: not relayed, so that Call and Wait for ` +
		'Result will end on its time limit. Give every n8n process the same WEBHOOK_URL (the public address).'
	);
}

export async function relayToWaitingExecution(
	context: IWebhookFunctions,
	event: CallEvent,
	body: RelayedEvent,
): Promise<RelayOutcome> {
	const candidate = event.requestMetadata[WAIT_KEYS.resumeUrl];
	if (candidate === undefined) return 'none';
	const base = ownWaitingBase(context);
	const url = base && ownResumeUrl(candidate, base);
	if (!url) {
		// Not ours: dropped (the event itself is still output), but never silently: the wait would just time out.
		context.logger.warn(notOursWarning(candidate, base));
		return 'final';
	}
	try {
		const response = (await context.helpers.httpRequest({
			method: 'POST',
			url,
			body: body as unknown as IDataObject,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 15_000,
		})) as { statusCode: number; body: unknown };
		if (response.statusCode < 300) return 'delivered';
		// Not waiting yet (the call ended before n8n saved the wait): worth another delivery.
		if (response.statusCode === 409 && /is running/.test(JSON.stringify(response.body)))
			return 'retry';
		// 404/409: that execution is gone or already finished; 401: the URL was not a valid resume URL.
		return response.statusCode >= 500 || response.statusCode === 429 ? 'retry' : 'final';
	} catch {
		// n8n did not answer: let Svix deliver again later (the repeat check only records handled events).
		return 'retry';
	}
}
