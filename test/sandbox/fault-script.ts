/**
 * Scripted replies for the call and bulk endpoints, so fault tests are deterministic even with many
 * requests in flight: by arrival order (respondNext) or by the phone number a request carries (scriptFor).
 */

export interface ScriptedResponse {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Answer this long after the request arrived (instead of the sandbox latency). */
	delayMs?: number;
	/** Reset the connection after the body was read, without answering, like a network failure. */
	destroySocket?: boolean;
	/** Reset the connection before the body is read: nothing is placed. By number: read, then reset. */
	resetBeforeBody?: boolean;
	/**
	 * Whether Levers placed the call(s) although the reply may say otherwise ("503 after placing the
	 * call"). Default: true for a 2xx that is answered, false otherwise; never with resetBeforeBody.
	 */
	place?: boolean;
}

/** Whether a scripted reply counts as accepted: its calls are recorded and onCallAccepted fires. */
export function placesCall(scripted: ScriptedResponse): boolean {
	if (scripted.resetBeforeBody) return false;
	if (scripted.place !== undefined) return scripted.place;
	return scripted.status >= 200 && scripted.status < 300 && !scripted.destroySocket;
}

/** A 429 reply; retryAfter as a number of seconds or a ready header value (an HTTP date); absent if undefined. */
export function tooManyRequests(retryAfter?: number | string): ScriptedResponse {
	const headers = retryAfter === undefined ? undefined : { 'retry-after': String(retryAfter) };
	return { status: 429, body: { detail: 'Too Many Requests' }, headers };
}

export class FaultScript {
	private readonly inOrder: ScriptedResponse[] = [];
	private readonly byNumber = new Map<string, ScriptedResponse[]>();

	push(...responses: ScriptedResponse[]): void {
		this.inOrder.push(...responses);
	}

	pushFor(numberToCall: string, responses: ScriptedResponse[]): void {
		const queue = this.byNumber.get(numberToCall) ?? [];
		queue.push(...responses);
		this.byNumber.set(numberToCall, queue);
	}

	/** Takes the arrival-order head if it resets before the body; decided before anything is read. */
	takeResetBeforeBody(): ScriptedResponse | undefined {
		return this.inOrder[0]?.resetBeforeBody ? this.inOrder.shift() : undefined;
	}

	/** A script for one of these numbers wins over the arrival-order queue: it is the more specific. */
	take(numbers: string[]): ScriptedResponse | undefined {
		for (const number of numbers) {
			const queue = this.byNumber.get(number);
			const scripted = queue?.shift();
			if (queue?.length === 0) this.byNumber.delete(number);
			if (scripted) return scripted;
		}
		return this.inOrder.shift();
	}

	clear(): void {
		this.inOrder.length = 0;
		this.byNumber.clear();
	}
}
