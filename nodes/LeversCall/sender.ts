import { sleep } from 'n8n-workflow';
import type { ICredentialsDecrypted, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { neverSent, unreachable } from './errors';
import { post } from './transport';
import type { HttpAnswer } from './transport';

/** Whether Levers has the calls of a request: yes, no, or nobody can tell. */
export type DeliveryOutcome = 'placed' | 'failed' | 'unknown';

export interface Delivery {
	outcome: DeliveryOutcome;
	/** The last answer (or its absence). */
	answer: HttpAnswer;
	attempts: number;
	/** How the rate limit went, when it was met. */
	note?: string;
}

export interface SenderSettings {
	callsPerMinute: number;
	rateLimitAttempts: number;
	rateLimitMaxWaitMs: number;
	/** Client ID and Secret: an expired token can be renewed; an access token cannot. */
	renewableToken: boolean;
	/** Requests in flight at once (the pool's workers). */
	concurrency: number;
	/** The run's credential, read once and shared by every request (see post). */
	credentials?: ICredentialsDecrypted;
	/** Whether the run has stopped: then no request starts, not even the repeat of a 429. */
	stopped?: () => boolean;
}

const UNREACHABLE_RETRIES = 2;
const UNREACHABLE_BACKOFF_MS = 500;
const BACKOFF_BASE_MS = 1000;
const BACKOFF_CAP_MS = 30_000;
/** After a pause, requests that wake within this long of the first are released together, in order. */
const RELEASE_WINDOW_MS = 20;

/**
 * Sends the POSTs of one node run by the rules that keep every call exact:
 * - a POST that may have reached Levers is never sent again: 2xx placed; 5xx, a timeout or a dropped
 *   connection unknown; other 4xx failed;
 * - a 429 placed nothing: it is sent again after Retry-After (or a jittered back-off), within a number of
 *   attempts and a total wait, and it pauses every worker, not only the one that got it; when the pause
 *   ends, the requests that have been limited longest go first;
 * - a request that never left (connection refused, host not found) is tried a few more times;
 * - the first request goes alone (it fetches the token in Client ID and Secret mode), and an expired token is
 *   renewed once for the whole run while new sends wait, instead of once per request in flight;
 * - pacing (calls per minute) spaces the starts of all workers, and starts are spread over the round trip
 *   rather than sent in bursts; every wait ends when the execution is cancelled.
 */
export class CallSender {
	private readonly intervalMs: number;
	private nextStartAt = 0;
	/** This run's round trip, smoothed: how far apart starts can be without slowing the pool. */
	private roundTripMs = 0;
	private pausedUntil = 0;
	private waking: Array<{ limitedSince: number; release: () => void }> = [];
	private tokenGeneration = 0;
	private renewal: Promise<HttpAnswer> | undefined;
	private firstClaimed = false;
	private markFirstAnswered: () => void = () => {};
	/** Other requests start once the first has an answer (of any kind): its token is then fetched. */
	private readonly firstAnswered = new Promise<void>(
		(resolve) => (this.markFirstAnswered = resolve),
	);

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly settings: SenderSettings,
	) {
		this.intervalMs = settings.callsPerMinute > 0 ? 60_000 / settings.callsPerMinute : 0;
	}

	private get signal(): AbortSignal | undefined {
		return this.context.getExecutionCancelSignal?.();
	}

	/** The request's fate; undefined when the run stopped before it went out (again, after a 429). */
	async send(url: string, body: IDataObject, timeoutMs: number): Promise<Delivery | undefined> {
		if (this.firstClaimed) {
			await this.firstAnswered;
			return await this.deliver(url, body, timeoutMs);
		}
		this.firstClaimed = true;
		try {
			return await this.deliver(url, body, timeoutMs, this.markFirstAnswered);
		} finally {
			this.markFirstAnswered();
		}
	}

	private async deliver(
		url: string,
		body: IDataObject,
		timeoutMs: number,
		onFirstAnswer?: () => void,
	): Promise<Delivery | undefined> {
		let attempts = 0;
		let rateLimited = 0;
		/** When this request was first answered 429: the longer it has waited, the sooner it goes again. */
		let limitedSince = Infinity;
		let waitedMs = 0;
		let unreachableTries = 0;
		let unauthorized = 0;
		const { credentials } = this.settings;
		for (;;) {
			if (!(await this.turn(limitedSince))) return undefined;
			const generation = this.tokenGeneration;
			attempts++;
			const sentAt = performance.now();
			let answer = await post(this.context, { url, body, timeoutMs, credentials });
			if (answer.kind === 'answered') this.observeRoundTrip(performance.now() - sentAt);
			onFirstAnswer?.();

			const expired = answer.kind === 'answered' && answer.status === 401;
			if (expired && this.settings.renewableToken && unauthorized < 2) {
				unauthorized++;
				// A 401 placed nothing. If another request renewed the token meanwhile, just send again.
				if (generation !== this.tokenGeneration || this.renewal) {
					await this.renewal?.catch(() => {});
					continue;
				}
				attempts++;
				answer = await this.renewAndSend(url, body, timeoutMs);
			}

			if (answer.kind === 'answered') {
				const { status } = answer;
				if (status >= 200 && status < 300) return { outcome: 'placed', answer, attempts };
				if (status === 429) {
					rateLimited++;
					limitedSince = Math.min(limitedSince, performance.now());
					const waitMs = this.waitAfter429(answer, rateLimited);
					const budgetLeft = this.settings.rateLimitMaxWaitMs - waitedMs;
					if (rateLimited >= this.settings.rateLimitAttempts || waitMs > budgetLeft) {
						const note = `Tried ${attempts} time(s) over ${Math.round(waitedMs / 1000)} s of waiting (Options: Rate Limit Attempts ${this.settings.rateLimitAttempts}, Max Wait on Rate Limit ${this.settings.rateLimitMaxWaitMs / 1000} s).`;
						return { outcome: 'failed', answer, attempts, note };
					}
					waitedMs += waitMs;
					this.pausedUntil = Math.max(this.pausedUntil, Date.now() + waitMs);
					continue;
				}
				return { outcome: status >= 500 ? 'unknown' : 'failed', answer, attempts };
			}

			if (unreachable(answer) && unreachableTries < UNREACHABLE_RETRIES && !this.signal?.aborted) {
				unreachableTries++;
				await sleep(UNREACHABLE_BACKOFF_MS * 2 ** (unreachableTries - 1), this.signal);
				continue;
			}
			return { outcome: neverSent(answer) ? 'failed' : 'unknown', answer, attempts };
		}
	}

	/** One request renews the token (n8n's helper refreshes on its 401 and sends once more); others wait. */
	private async renewAndSend(url: string, body: IDataObject, timeoutMs: number) {
		const renewal = post(this.context, {
			url,
			body,
			timeoutMs,
			renewTokenOn401: true,
			credentials: this.settings.credentials,
		});
		this.renewal = renewal;
		try {
			return await renewal;
		} finally {
			this.tokenGeneration++;
			this.renewal = undefined;
		}
	}

	/**
	 * Waits while a rate-limit pause or a token renewal is on, then for this start's pacing slot; false when
	 * the run stopped meanwhile, and nothing may be sent.
	 */
	private async turn(limitedSince: number): Promise<boolean> {
		let paused = false;
		for (;;) {
			if (this.signal?.aborted) throw new Error('The execution was cancelled');
			if (this.renewal) {
				await this.renewal.catch(() => {});
				continue;
			}
			const pause = this.pausedUntil - Date.now();
			if (pause <= 0) break;
			paused = true;
			await sleep(pause, this.signal);
		}
		if (paused) {
			await this.inReleaseOrder(limitedSince);
			if (this.signal?.aborted) throw new Error('The execution was cancelled');
		}
		const gapMs = Math.max(this.intervalMs, this.spreadMs());
		if (gapMs > 0) {
			const now = performance.now();
			const start = Math.max(now, this.nextStartAt);
			this.nextStartAt = start + gapMs;
			// Timers cannot wait less than a millisecond: a start due sooner goes now.
			if (start - now >= 1) await sleep(start - now, this.signal);
		}
		// Checked last, right before the request: every wait above may have outlived the run.
		return this.settings.stopped?.() !== true;
	}

	/**
	 * Requests whose pause ends together go in the order they were first rate-limited, a millisecond apart.
	 * Before, the request that got the latest 429 set the longest pause, so it woke last and reached Levers
	 * last, after the others had used up a small burst: it got 429 again and again, and failed after its
	 * attempts while the rest were placed (measured: 5 of 60 at concurrency 10 against a burst of 4).
	 */
	private async inReleaseOrder(limitedSince: number): Promise<void> {
		await new Promise<void>((release) => {
			if (this.waking.length === 0) void sleep(RELEASE_WINDOW_MS).then(() => this.releaseWaking());
			this.waking.push({ limitedSince, release });
		});
	}

	private async releaseWaking(): Promise<void> {
		// Longest limited first; a stable sort keeps the wake order among those never limited (Infinity).
		const waking = this.waking.sort((a, b) =>
			a.limitedSince === b.limitedSince ? 0 : a.limitedSince - b.limitedSince,
		);
		this.waking = [];
		for (const [index, { release }] of waking.entries()) {
			if (index > 0) await sleep(1);
			release();
		}
	}

	/**
	 * Starts at least this far apart: half the even spread of the pool's requests over one round trip.
	 * Requests that start together are answered together, and the answers then wait for each other in n8n's
	 * single thread before the next requests start (n8n opens a new connection for each, which takes one
	 * more turn of its event loop), so a burst stays a burst for the whole run. Spread, each answer is handled
	 * as it comes; at half the even spread the pool itself is never held back.
	 */
	private spreadMs(): number {
		return this.roundTripMs / (2 * this.settings.concurrency);
	}

	/** A moving average of answered requests; one very slow answer moves it at most by a fifth. */
	private observeRoundTrip(ms: number): void {
		if (this.roundTripMs === 0) this.roundTripMs = ms;
		else this.roundTripMs = 0.8 * this.roundTripMs + 0.2 * Math.min(ms, 2 * this.roundTripMs);
	}

	private waitAfter429(answer: HttpAnswer & { kind: 'answered' }, rateLimited: number): number {
		const asked = retryAfterMs(answer.headers['retry-after']);
		if (asked !== undefined) return asked;
		const backoff = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (rateLimited - 1));
		return Math.round(backoff * (0.5 + Math.random() / 2));
	}
}

/** Retry-After is a number of seconds or an HTTP date. */
export function retryAfterMs(header: unknown, now = Date.now()): number | undefined {
	if (header === undefined || header === null) return undefined;
	const text = String(header).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
