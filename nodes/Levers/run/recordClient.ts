import { sleep } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	NodeApiError,
} from 'n8n-workflow';

import { authMode } from '../../../credentials/authMode';
import { apiUrl } from '../../../credentials/leversUrls';
import { neverSent, secretsOf, toLeversApiError, unreachable } from '../../shared/errors';
import type { Wording } from '../../shared/errors';
import { CREDENTIAL_TYPE, leversRequest } from '../../shared/transport';
import type { HttpAnswer } from '../../shared/transport';
import { retryAfterMs } from '../../LeversCall/sender';

/** One request of an operation, checked: where it goes and what it carries. */
export interface RecordRequest {
	method: IHttpRequestMethods;
	/** Under the API prefix, e.g. /invoice/{uuid}. */
	path: string;
	query?: IDataObject;
	body?: IDataObject;
}

/** Whether the request did what it asked: yes, no, or (a write) nobody can tell. */
export interface Delivery {
	outcome: 'done' | 'failed' | 'unknown';
	answer: HttpAnswer;
	attempts: number;
	/** How a rate limit went, when one was met. */
	note?: string;
}

/** Levers Call's defaults for rate limits; two more tries where a try again is safe. */
const LIMITS = { rateLimitAttempts: 5, rateLimitMaxWaitMs: 300_000, retries: 2, backoffMs: 500 };

/** Sends the requests of one node run, one at a time, by the rules in `deliver`. */
export class RecordClient {
	private readonly credentials: ICredentialsDecrypted | undefined;

	private constructor(
		private readonly context: IExecuteFunctions,
		private readonly data: ICredentialDataDecryptedObject,
		readonly timeoutMs: number,
	) {
		// The run's credential, read once; n8n writes a renewed token into it for the later requests.
		const saved = context.getNode().credentials?.[CREDENTIAL_TYPE];
		this.credentials = saved?.id
			? { id: saved.id, name: saved.name, type: CREDENTIAL_TYPE, data }
			: undefined;
	}

	static async start(context: IExecuteFunctions, timeoutMs: number): Promise<RecordClient> {
		return new RecordClient(context, await context.getCredentials(CREDENTIAL_TYPE), timeoutMs);
	}

	/**
	 * One request, by the rules that keep records exact: a write that may have reached Levers (5xx, timeout,
	 * dropped connection) is never sent again, a read is, a couple of times; a 429 changed nothing, so any
	 * request goes again after Retry-After (or a back-off) within limits; a request that never left
	 * (connection refused, host not found) is tried again; with Client ID and Secret, a 401 renews the token
	 * once (n8n's helper does) and sends again.
	 */
	async deliver(request: RecordRequest, writes: boolean): Promise<Delivery> {
		const signal = this.context.getExecutionCancelSignal?.();
		const renewable = authMode(this.data) === 'clientCredentials';
		let attempts = 0;
		let rateLimited = 0;
		let waitedMs = 0;
		let retries = 0;
		let renewTokenOn401 = false;
		for (;;) {
			if (signal?.aborted) throw new Error('The execution was cancelled');
			attempts++;
			const answer = await leversRequest(this.context, this.data.baseUrl, {
				...request,
				timeoutMs: this.timeoutMs,
				credentials: this.credentials,
				renewTokenOn401,
			});
			const status = answer.kind === 'answered' ? answer.status : 0;
			if (status >= 200 && status < 300) return { outcome: 'done', answer, attempts };
			// A 401 changed nothing: renew once and send again.
			if (status === 401 && renewable && !renewTokenOn401) {
				renewTokenOn401 = true;
				continue;
			}
			if (status === 429) {
				rateLimited++;
				const waitMs =
					retryAfterMs((answer as { headers: Record<string, unknown> }).headers['retry-after']) ??
					Math.round(LIMITS.backoffMs * 2 ** rateLimited * (0.5 + Math.random() / 2));
				if (
					rateLimited >= LIMITS.rateLimitAttempts ||
					waitedMs + waitMs > LIMITS.rateLimitMaxWaitMs
				) {
					const note = `Sent ${attempts} time(s), after ${Math.round(waitedMs / 1000)} s of waiting for the rate limit.`;
					return { outcome: 'failed', answer, attempts, note };
				}
				waitedMs += waitMs;
				await sleep(waitMs, signal);
				continue;
			}
			const mayHaveLanded = status >= 500 || (status === 0 && !neverSent(answer));
			if (retries < LIMITS.retries && (unreachable(answer) || (!writes && mayHaveLanded))) {
				retries++;
				await sleep(LIMITS.backoffMs * retries, signal);
				continue;
			}
			return { outcome: writes && mayHaveLanded ? 'unknown' : 'failed', answer, attempts };
		}
	}

	/** The error an item shows for a request that did not do what it asked. */
	failure(delivery: Delivery, itemIndex: number, words: Wording): NodeApiError {
		return toLeversApiError(
			this.context.getNode(),
			delivery.answer,
			{
				itemIndex,
				host: new URL(apiUrl(this.data.baseUrl, '')).origin,
				timeoutMs: this.timeoutMs,
				secrets: secretsOf(this.data),
				authMode: authMode(this.data),
				note: delivery.note,
			},
			words,
		);
	}
}
