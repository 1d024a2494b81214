/**
 * What Levers does after a call: a signed `phone_call.ended` POSTed through Svix to the endpoint URL, with
 * the call's metadata echoed as `requestMetadata`. Signed with the official svix package (its own whsec_
 * secret), so the node's node:crypto check is held against the reference implementation.
 * Scriptable per delivery: delay, duplicate, wrong signature, stale timestamp, result fields, envelope.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'svix';

export interface DeliveryScript {
	/** Wait this long after the call was accepted (default 0). */
	delayMs?: number;
	/** Deliver the same event (same svix-id) this many times in a row (default 1). */
	times?: number;
	/** Sign with another secret, as a forger would. */
	forgeSignature?: boolean;
	/** A timestamp 10 minutes old, as a replay would carry. */
	staleTimestamp?: boolean;
	/** Send `{ type, data }` instead of the flat payload. */
	envelope?: boolean;
	/** Fields of the result (callOutput, deliveryStatus, ...) over the defaults. */
	result?: Record<string, unknown>;
	/** Don't deliver anything for this call. */
	skip?: boolean;
}

export interface DeliveryRecord {
	eventId: string;
	callId: string;
	/** HTTP status the receiver answered, 0 if it could not be reached. */
	status: number;
	responseBody: string;
}

export interface SignedRequest {
	headers: Record<string, string>;
	body: string;
}

export const newSigningSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

/** The `phone_call.ended` fields Levers documents, for one accepted call body. */
export function callEndedPayload(
	call: { body: Record<string, unknown>; callId: string },
	script: DeliveryScript = {},
): Record<string, unknown> {
	const data = {
		providerCallId: call.callId,
		numberFrom: '+15074106928',
		numberTo: call.body.numberToCall,
		providerStatus: 'pass',
		deliveryStatus: 'pass',
		duration: 53,
		summary: null,
		endedReason: null,
		callOutput: 'PROMISE_TO_PAY',
		callOutputReasoning: 'The contact agreed to pay by Friday.',
		sentimentOutput: 'NEUTRAL',
		sentimentOutputReasoning: 'Calm and cooperative.',
		transcription: 'AI: Hello ... Contact: I will pay on Friday.',
		recordingUrl: `levers-test-bucket:livekit-egress/${call.callId}/recording.mp3`,
		metadata: { requestMetadata: call.body.metadata ?? {} },
		...script.result,
	};
	return script.envelope ? { type: 'phone_call.ended', data } : data;
}

/** Signs a body as Svix does; `forge` signs with a throw-away secret, `stale` dates it 10 minutes back. */
export function signDelivery(
	secret: string,
	body: string,
	options: { eventId?: string; forge?: boolean; stale?: boolean; at?: Date } = {},
): SignedRequest {
	const eventId = options.eventId ?? `msg_${randomUUID().replace(/-/g, '')}`;
	const at = options.at ?? new Date(Date.now() - (options.stale ? 10 * 60_000 : 0));
	const signer = new Webhook(options.forge ? newSigningSecret() : secret);
	return {
		headers: {
			'content-type': 'application/json',
			'svix-id': eventId,
			'svix-timestamp': String(Math.floor(at.getTime() / 1000)),
			'svix-signature': signer.sign(eventId, at, body),
		},
		body,
	};
}

export class WebhookDelivery {
	readonly secret: string;
	readonly deliveries: DeliveryRecord[] = [];
	/** Every call the sandbox accepted, delivered or not (deliver() them by hand when url was unset). */
	readonly accepted: Array<{ body: Record<string, unknown>; callId: string }> = [];
	private readonly scripts: DeliveryScript[] = [];
	private readonly pending = new Set<Promise<void>>();

	url: string | undefined;
	private readonly log?: (line: string) => void;
	private readonly defaults: DeliveryScript;

	/**
	 * `url` may be set later (e.g. once n8n has started); calls accepted before that are not delivered.
	 * `defaults` applies to every delivery under its own script (e.g. a delay, as a real call takes time).
	 * (No parameter properties: the dev command runs this file with Node's type stripping.)
	 */
	constructor(
		url: string | undefined,
		secret = newSigningSecret(),
		log?: (line: string) => void,
		defaults: DeliveryScript = {},
	) {
		this.url = url;
		this.secret = secret;
		this.log = log;
		this.defaults = defaults;
	}

	/** Scripts for the next accepted calls, one each; after that, plain deliveries. */
	script(...scripts: DeliveryScript[]): void {
		this.scripts.push(...scripts);
	}

	/** Pass as the sandbox's `onCallAccepted`. */
	readonly onCallAccepted = (call: { body: Record<string, unknown>; callId: string }): void => {
		this.accepted.push(call);
		const script = { ...this.defaults, ...this.scripts.shift() };
		if (script.skip || this.url === undefined) return;
		void this.deliver(call, script);
	};

	/** Delivers the result of an accepted call now (after the script's delay); resolves once answered. */
	deliver(call: { body: Record<string, unknown>; callId: string }, script: DeliveryScript = {}) {
		const work = this.deliverLater(this.url!, call, script);
		this.pending.add(work);
		void work.finally(() => this.pending.delete(work));
		return work;
	}

	/** Resolves when every delivery started so far has been answered. */
	async idle(): Promise<void> {
		while (this.pending.size > 0) await Promise.all([...this.pending]);
	}

	reset(): void {
		this.deliveries.length = 0;
		this.scripts.length = 0;
		this.accepted.length = 0;
	}

	private async deliverLater(
		url: string,
		call: { body: Record<string, unknown>; callId: string },
		script: DeliveryScript,
	): Promise<void> {
		if (script.delayMs) await new Promise((resolve) => setTimeout(resolve, script.delayMs));
		const body = JSON.stringify(callEndedPayload(call, script));
		const signed = signDelivery(this.secret, body, {
			forge: script.forgeSignature,
			stale: script.staleTimestamp,
		});
		for (let attempt = 0; attempt < (script.times ?? 1); attempt++) {
			const record = await post(url, signed);
			this.deliveries.push({ ...record, eventId: signed.headers['svix-id'], callId: call.callId });
			this.log?.(`webhook ${signed.headers['svix-id']} for ${call.callId} -> ${record.status}`);
		}
	}
}

export async function post(
	url: string,
	request: SignedRequest,
): Promise<{ status: number; responseBody: string }> {
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers: request.headers,
			body: request.body,
		});
		return { status: response.status, responseBody: await response.text() };
	} catch (error) {
		return { status: 0, responseBody: String(error) };
	}
}
