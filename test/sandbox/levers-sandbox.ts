/**
 * A local fake of the Levers API (token exchange, bearer check, contact list, single and bulk calls) on
 * a real HTTP server, recording every request so tests can assert on exactly what the node sent.
 *
 * The two placing endpoints (call, call-bulk) also have modes for scale and fault tests:
 * - latency: each answer waits `latencyMs`; what happens is decided on arrival, only the answer waits.
 * - rate limit: a token bucket per bearer token (rate-limit.ts); a 429 places nothing.
 * - scripted faults (fault-script.ts): by arrival order or by phone number, they bypass auth, rate limit
 *   and validation, and may place the call although the answer is an error or never comes.
 * - every placed call is recorded (acceptedCalls) and reported to `onCallAccepted`.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { validateTokenRequestBody } from './auth-body.ts';
import { validateBulkBody } from './bulk-body.ts';
import { validateCallBody } from './call-body.ts';
import { CallLedger } from './call-ledger.ts';
import type { AcceptedCall, CallAcceptedHook } from './call-ledger.ts';
import { parseBodyLikeFastApi } from './fastapi-validation.ts';
import type { ValidationIssue } from './fastapi-validation.ts';
import { readRawBody, sendReply, tryParseJson } from './http-io.ts';
import type { Reply } from './http-io.ts';
import { FaultScript, placesCall, tooManyRequests } from './fault-script.ts';
import type { ScriptedResponse } from './fault-script.ts';
import { RateLimiter } from './rate-limit.ts';
import { ResourceApi, resourceRoute } from './resource-api.ts';
import type { RateLimit } from './rate-limit.ts';
import {
	BULK_PATH,
	CALL_PATH,
	INSPECT_PATH,
	SIGN_IN_PATH,
	bearerOf,
	isPlacing,
	maskSecrets,
	numbersOf,
	scriptKeysOf,
	requestedCalls,
} from './recorded-request.ts';
import type { RecordedRequest } from './recorded-request.ts';
import { TokenStore } from './token-store.ts';

export type { ValidationIssue } from './fastapi-validation.ts';
export type { AcceptedCall } from './call-ledger.ts';
export type { ScriptedResponse } from './fault-script.ts';
export type { RateLimit } from './rate-limit.ts';
export { tooManyRequests } from './fault-script.ts';
export {
	BULK_PATH,
	CALL_PATH,
	CONTACT_PATH,
	INSPECT_PATH,
	SIGN_IN_PATH,
} from './recorded-request.ts';
export type { RecordedRequest } from './recorded-request.ts';
export type { ListShape } from './resource-api.ts';

export const DEFAULT_ACCESS_TOKEN = 'sandbox-token';
export const DEFAULT_CLIENT = { clientId: 'sandbox-client', clientSecret: 'sandbox-secret' };

export interface SandboxOptions {
	port?: number;
	/** Static bearer tokens that are always accepted. Default: ['sandbox-token']. */
	accessTokens?: string[];
	/** Client id/secret pairs accepted by the token exchange. Default: sandbox-client/sandbox-secret. */
	clients?: Array<{ clientId: string; clientSecret: string }>;
	/** Receives one line per answered request; never contains headers or secrets. */
	log?: (line: string) => void;
	/** Serve GET /__sandbox/requests (recorded requests, secrets masked) for people running a demo. */
	inspectRoute?: boolean;
	/** Called for each placed call and each contact of a placed bulk request, before the answer. */
	onCallAccepted?: CallAcceptedHook;
	/** Delay before answering call and bulk requests. Default 0. */
	latencyMs?: number;
	/** Token bucket per bearer token on call and bulk requests. Default: none. */
	rateLimit?: RateLimit;
}

const NOT_FOUND: Reply = { status: 404, body: { detail: 'Not Found' } };

const unauthorized = (detail: string): Reply => ({
	status: 401,
	body: { detail },
	headers: { 'www-authenticate': 'Bearer' },
});

const unprocessable = (detail: ValidationIssue[]): Reply => ({ status: 422, body: { detail } });

export class LeversSandbox {
	readonly url: string;
	readonly requests: RecordedRequest[] = [];
	private readonly server: Server;
	private readonly options: SandboxOptions;
	private readonly clients: Array<{ clientId: string; clientSecret: string }>;
	private readonly tokens: TokenStore;
	private readonly script = new FaultScript();
	/** Contacts, invoices and payments (resource-api.ts); their own scripted faults, in arrival order. */
	readonly resources = new ResourceApi();
	private readonly resourceScript = new FaultScript();
	private readonly ledger: CallLedger;
	private readonly sockets = new Set<Socket>();
	private connections = 0;
	private readonly timers = new Set<NodeJS.Timeout>();
	private latencyMs = 0;
	private rateLimiter: RateLimiter | undefined;
	private closing: Promise<void> | undefined;

	static async start(options: SandboxOptions = {}): Promise<LeversSandbox> {
		const server = createServer();
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
		});
		return new LeversSandbox(server, options);
	}

	private constructor(server: Server, options: SandboxOptions) {
		this.server = server;
		this.options = options;
		this.clients = options.clients ?? [DEFAULT_CLIENT];
		this.tokens = new TokenStore(options.accessTokens ?? [DEFAULT_ACCESS_TOKEN]);
		this.ledger = new CallLedger(options.onCallAccepted);
		this.restoreModes();
		const address = server.address();
		if (address === null || typeof address === 'string') throw new Error('Sandbox is not on TCP');
		this.url = `http://127.0.0.1:${address.port}`;
		server.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
			this.connections += 1;
			socket.once('close', () => this.sockets.delete(socket));
		});
		server.on('request', (req: IncomingMessage, res: ServerResponse) => {
			this.handle(req, res).catch(() =>
				sendReply(res, { status: 500, body: { detail: 'Internal Server Error' } }),
			);
		});
	}

	callRequests(): RecordedRequest[] {
		return this.requests.filter((request) => request.path === CALL_PATH);
	}

	bulkRequests(): RecordedRequest[] {
		return this.requests.filter((request) => request.path === BULK_PATH);
	}

	tokenExchanges(): RecordedRequest[] {
		return this.requests.filter((request) => request.path === SIGN_IN_PATH);
	}

	/** TCP connections opened since the start or the last reset: shows whether a client keeps them alive. */
	connectionsOpened(): number {
		return this.connections;
	}

	/** Every call placed (201s and scripted `place`), bulk contacts one by one, in order. */
	acceptedCalls(): AcceptedCall[] {
		return [...this.ledger.calls];
	}

	/** Queues replies for the next POSTs to the call or bulk endpoint, in arrival order. */
	respondNext(...responses: ScriptedResponse[]): void {
		this.script.push(...responses);
	}

	/**
	 * Queues replies for the next call requests with this numberToCall (bulk: any contact's), or with this
	 * `metadata.scriptKey` (which wins), whatever their arrival order; they win over respondNext. Then the
	 * number is served normally again.
	 */
	scriptFor(numberToCall: string, ...responses: ScriptedResponse[]): void {
		this.script.pushFor(numberToCall, responses);
	}

	/** Queues replies for the next contact, invoice or payment requests, in arrival order (see serveResource). */
	respondNextResource(...responses: ScriptedResponse[]): void {
		this.resourceScript.push(...responses);
	}

	/** Requests to the contact, invoice and payment endpoints, in arrival order. */
	resourceRequests(): RecordedRequest[] {
		return this.requests.filter((request) => resourceRoute(request) !== undefined);
	}

	/** The next `count` call or bulk requests get 429 (retryAfter: seconds or a header value; absent if undefined). */
	stormNext(count: number, retryAfter?: number | string): void {
		this.script.push(...Array.from({ length: count }, () => tooManyRequests(retryAfter)));
	}

	setLatency(ms: number): void {
		this.latencyMs = ms;
	}

	/** Starts a fresh bucket per token; undefined turns the limit off. */
	setRateLimit(limit: RateLimit | undefined): void {
		this.rateLimiter = limit && new RateLimiter(limit);
	}

	expireIssuedTokens(): void {
		this.tokens.expireIssued();
	}

	/**
	 * Clears requests (in place, so held references see it), accepted calls, queued replies and issued
	 * tokens, and puts latency and rate limit back to the start options (a shared sandbox starts clean).
	 */
	reset(): void {
		this.requests.length = 0;
		this.script.clear();
		this.resourceScript.clear();
		this.resources.reset();
		this.tokens.clearIssued();
		this.ledger.clear();
		this.connections = 0;
		this.restoreModes();
	}

	private restoreModes(): void {
		this.setLatency(this.options.latencyMs ?? 0);
		this.setRateLimit(this.options.rateLimit);
	}

	close(): Promise<void> {
		this.closing ??= new Promise<void>((resolve) => {
			for (const timer of this.timers) clearTimeout(timer);
			this.timers.clear();
			this.script.clear();
			this.server.close(() => resolve());
			// Keep-alive and pending sockets would otherwise hold server.close() open.
			for (const socket of this.sockets) socket.destroy();
		});
		return this.closing;
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
		const record: RecordedRequest = {
			method: req.method ?? 'GET',
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: { ...req.headers },
			rawBody: '',
			json: undefined,
			status: 0,
			receivedAt: Date.now(),
		};
		if (isPlacing(record) && this.script.takeResetBeforeBody()) {
			this.requests.push(record);
			return this.resetConnection(record, res, 'reset before the body (scripted)');
		}
		record.rawBody = await readRawBody(req);
		record.json = tryParseJson(record.rawBody);
		if (this.options.inspectRoute && record.method === 'GET' && record.path === INSPECT_PATH) {
			return sendReply(res, { status: 200, body: this.requests.map(maskSecrets) });
		}
		this.requests.push(record);
		if (resourceRoute(record)) return this.serveResource(record, res);
		if (!isPlacing(record)) return this.answer(record, res, this.route(record));
		const calls = requestedCalls(record);
		const scripted = this.script.take([...scriptKeysOf(calls), ...numbersOf(calls)]);
		const delayMs = scripted?.delayMs ?? this.latencyMs;
		// Decided now, answered after the delay: a call placed here stays placed if the client gives up.
		const respond = scripted
			? this.placeScripted(record, scripted, res)
			: this.answer.bind(this, record, res, this.placeCalls(record));
		this.after(delayMs, respond);
	}

	/** Runs `respond` now, or after `delayMs` on a timer that close() clears. */
	private after(delayMs: number, respond: () => void): void {
		if (delayMs <= 0) return respond();
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			respond();
		}, delayMs);
		this.timers.add(timer);
	}

	private answer(record: RecordedRequest, res: ServerResponse, reply: Reply, note = ''): void {
		record.status = reply.status;
		record.answeredAt = Date.now();
		sendReply(res, reply);
		this.log(record, `${reply.status}${note}`);
	}

	private resetConnection(record: RecordedRequest, res: ServerResponse, note: string): void {
		res.socket?.destroy();
		record.answeredAt = Date.now();
		this.log(record, note);
	}

	/** Places what the script says and returns how to answer. */
	private placeScripted(record: RecordedRequest, scripted: ScriptedResponse, res: ServerResponse) {
		if (placesCall(scripted)) this.ledger.accept(requestedCalls(record));
		return () => {
			if (scripted.resetBeforeBody) return this.resetConnection(record, res, 'reset (scripted)');
			if (scripted.destroySocket)
				return this.resetConnection(record, res, 'socket destroyed (scripted)');
			this.answer(record, res, scripted, ' (scripted)');
		};
	}

	private route(record: RecordedRequest): Reply {
		const route = `${record.method} ${record.path}`;
		if (route === `POST ${SIGN_IN_PATH}`) return this.exchangeToken(record);
		return NOT_FOUND;
	}

	/**
	 * A contact, invoice or payment request: a scripted reply (respondNextResource: any status, a delay, a reset
	 * connection, and `place` to apply the write although the answer fails), else auth and the store. The
	 * call endpoint's latency and rate limit stay the call endpoint's (the credential Test lists contacts).
	 */
	private serveResource(record: RecordedRequest, res: ServerResponse): void {
		const scripted = this.resourceScript.take([]);
		const serve = () => this.authorize(record) ?? this.resources.handle(record);
		// Decided now, answered after the delay: a write applied here stays applied if the client gives up.
		if (scripted && placesCall(scripted)) serve();
		const respond = scripted
			? () => {
					if (scripted.destroySocket || scripted.resetBeforeBody)
						return this.resetConnection(record, res, 'reset (scripted)');
					this.answer(record, res, scripted, ' (scripted)');
				}
			: this.answer.bind(this, record, res, serve());
		this.after(scripted?.delayMs ?? 0, respond);
	}

	/** A call or bulk request: auth, then rate limit, then the body; only a 201 places calls. */
	private placeCalls(record: RecordedRequest): Reply {
		const refused = this.authorize(record) ?? this.rateLimiter?.take(bearerOf(record).token);
		if (refused) return refused;
		const parsed = parseBodyLikeFastApi(record.rawBody, record.headers['content-type']);
		if (!parsed.ok) return unprocessable([parsed.issue]);
		const single = record.path === CALL_PATH;
		const issues = single ? validateCallBody(parsed.value) : validateBulkBody(parsed.value);
		if (issues.length > 0) return unprocessable(issues);
		const callIds = this.ledger.accept(requestedCalls(record));
		if (single)
			return { status: 201, body: { message: 'Phone call initiated', callId: callIds[0] } };
		return {
			status: 201,
			body: { message: 'Bulk phone calls initiated', accepted: callIds.length },
		};
	}

	private exchangeToken(record: RecordedRequest): Reply {
		const parsed = parseBodyLikeFastApi(record.rawBody, record.headers['content-type']);
		if (!parsed.ok) return unprocessable([parsed.issue]);
		const issues = validateTokenRequestBody(parsed.value);
		if (issues.length > 0) return unprocessable(issues);
		const { clientId, clientSecret } = parsed.value as { clientId: string; clientSecret: string };
		const known = this.clients.some(
			(client) => client.clientId === clientId && client.clientSecret === clientSecret,
		);
		if (!known) return { status: 401, body: { detail: 'Invalid client credentials' } };
		return { status: 200, body: { access_token: this.tokens.issue() } };
	}

	/** Returns the 401 reply when the bearer token is missing or not accepted, else undefined. */
	private authorize(record: RecordedRequest): Reply | undefined {
		const { scheme, token } = bearerOf(record);
		if (scheme === '' || token === '') return unauthorized('Not authenticated');
		if (scheme.toLowerCase() !== 'bearer' || this.tokens.stateOf(token) !== 'valid') {
			return unauthorized('Invalid or expired token');
		}
		return undefined;
	}

	private log(record: RecordedRequest, outcome: string): void {
		// Only call bodies are echoed (token-exchange bodies carry the client secret), on one line;
		// a bulk body can be megabytes, so only its size is.
		const echoBody = record.path === CALL_PATH && record.rawBody !== '';
		let body = echoBody ? ` ${record.rawBody.replace(/\r?\n/g, '\\n')}` : '';
		if (record.path === BULK_PATH) body = ` (${requestedCalls(record).length} contacts)`;
		this.options.log?.(`${record.method} ${record.path} -> ${outcome}${body}`);
	}
}
