import type { Reply } from './http-io.ts';

/**
 * A token bucket per bearer token: `burst` requests at once, refilled at `perSecond`. Levers documents
 * no rate limit (spec §7); this is the common shape, so the node's 429 handling can be exercised.
 */
export interface RateLimit {
	perSecond: number;
	burst: number;
	/** How the 429 says when to come back: whole seconds (rounded up), an HTTP date, or not at all. */
	retryAfter: 'seconds' | 'http-date' | 'absent';
}

interface Bucket {
	tokens: number;
	updatedAt: number;
}

export class RateLimiter {
	private readonly buckets = new Map<string, Bucket>();
	private readonly limit: RateLimit;

	// No parameter properties: `node test/sandbox/main.ts` strips types and cannot run them.
	constructor(limit: RateLimit) {
		this.limit = limit;
		if (!(limit.perSecond > 0) || !(limit.burst >= 1)) {
			throw new Error('rate limit needs perSecond > 0 and burst >= 1');
		}
	}

	/** Spends a token of this bearer; the 429 to send when there is none, else undefined. */
	take(bearer: string, now = Date.now()): Reply | undefined {
		const { perSecond, burst } = this.limit;
		const bucket = this.buckets.get(bearer) ?? { tokens: burst, updatedAt: now };
		bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * perSecond);
		bucket.updatedAt = now;
		this.buckets.set(bearer, bucket);
		if (bucket.tokens >= 1) {
			bucket.tokens -= 1;
			return undefined;
		}
		const waitMs = ((1 - bucket.tokens) / perSecond) * 1000;
		return {
			status: 429,
			body: { detail: 'Too Many Requests' },
			headers: this.retryAfter(now, waitMs),
		};
	}

	private retryAfter(now: number, waitMs: number): Record<string, string> {
		const seconds = Math.max(1, Math.ceil(waitMs / 1000));
		if (this.limit.retryAfter === 'seconds') return { 'retry-after': String(seconds) };
		// An HTTP date has whole seconds: round up so it never points before the token is free.
		if (this.limit.retryAfter === 'http-date') {
			return { 'retry-after': new Date(Math.ceil((now + waitMs) / 1000) * 1000).toUTCString() };
		}
		return {};
	}
}
