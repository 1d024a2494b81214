/**
 * A local fake of the Levers API (token exchange, bearer check, contact list, single call) on a real
 * HTTP server, recording every request so tests can assert on exactly what the node sent.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { validateTokenRequestBody } from './auth-body.ts';
import { validateCallBody } from './call-body.ts';
import { isPlainObject, parseBodyLikeFastApi } from './fastapi-validation.ts';
import type { ValidationIssue } from './fastapi-validation.ts';
import { readRawBody, sendReply, tryParseJson } from './http-io.ts';
import type { Reply } from './http-io.ts';
import { TokenStore } from './token-store.ts';

export type { ValidationIssue } from './fastapi-validation.ts';

/** Exchanges a client id/secret pair for a bearer token. */
export const SIGN_IN_PATH = '/auth/v1/api-key/auth';
export const CONTACT_PATH = '/api-service/v1/contact';
export const CALL_PATH = '/api-service/v1/ai/phone-calls/action/call';
export const INSPECT_PATH = '/__sandbox/requests';

export const DEFAULT_ACCESS_TOKEN = 'sandbox-token';
export const DEFAULT_CLIENT = { clientId: 'sandbox-client', clientSecret: 'sandbox-secret' };

export interface RecordedRequest {
	method: string;
	/** Without the query string. */
	path: string;
	query: Record<string, string>;
	/** Lower-cased, as node:http delivers them. */
	headers: IncomingHttpHeaders;
	/** The exact request bytes, decoded as UTF-8. */
	rawBody: string;
	/** rawBody parsed as JSON, or undefined when empty or not JSON. */
	json: unknown | undefined;
	/** Status answered; 0 while a delayed reply is pending or when the socket was destroyed. */
	status: number;
}

export interface ScriptedResponse {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	delayMs?: number;
	/** Close the connection without answering, like a network failure. */
	destroySocket?: boolean;
}

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
	/** Called for each accepted single call and each contact of an accepted bulk call (e.g. to deliver its result). */
	onCallAccepted?: (call: { body: Record<string, unknown>; callId: string }) => void;
}

const NOT_FOUND: Reply = { status: 404, body: { detail: 'Not Found' } };

const unauthorized = (detail: string): Reply => ({
	status: 401,
	body: { detail },
	headers: { 'www-authenticate': 'Bearer' },
});

const unprocessable = (detail: ValidationIssue[]): Reply => ({ status: 422, body: { detail } });

function positiveInt(text: string | undefined, fallback: number): number {
	const value = Number(text);
	return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** Hides credentials from the inspect route, which a person may open in a shared browser. */
function maskSecrets(request: RecordedRequest): RecordedRequest {
	const headers = { ...request.headers };
	if (headers.authorization !== undefined) headers.authorization = 'Bearer ***';
	if (request.path !== SIGN_IN_PATH) return { ...request, headers };
	const json = isPlainObject(request.json)
		? { ...request.json, clientSecret: '***' }
		: request.json;
	return { ...request, headers, rawBody: '***', json };
}

export class LeversSandbox {
	readonly url: string;
	readonly requests: RecordedRequest[] = [];
	private readonly server: Server;
	private readonly options: SandboxOptions;
	private readonly clients: Array<{ clientId: string; clientSecret: string }>;
	private readonly tokens: TokenStore;
	private readonly scripted: ScriptedResponse[] = [];
	private readonly sockets = new Set<Socket>();
	private readonly timers = new Set<NodeJS.Timeout>();
	private callCount = 0;
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
		const address = server.address();
		if (address === null || typeof address === 'string') throw new Error('Sandbox is not on TCP');
		this.url = `http://127.0.0.1:${address.port}`;
		server.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
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

	tokenExchanges(): RecordedRequest[] {
		return this.requests.filter((request) => request.path === SIGN_IN_PATH);
	}

	/** Queues replies for the next POSTs to the call endpoint, bypassing auth and validation. */
	respondNext(...responses: ScriptedResponse[]): void {
		this.scripted.push(...responses);
	}

	expireIssuedTokens(): void {
		this.tokens.expireIssued();
	}

	/** Clears requests (in place, so held references see it), queued replies and issued tokens. */
	reset(): void {
		this.requests.length = 0;
		this.scripted.length = 0;
		this.tokens.clearIssued();
		this.callCount = 0;
	}

	close(): Promise<void> {
		this.closing ??= new Promise<void>((resolve) => {
			for (const timer of this.timers) clearTimeout(timer);
			this.timers.clear();
			this.scripted.length = 0;
			this.server.close(() => resolve());
			// Keep-alive and pending sockets would otherwise hold server.close() open.
			for (const socket of this.sockets) socket.destroy();
		});
		return this.closing;
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const rawBody = await readRawBody(req);
		const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
		const method = req.method ?? 'GET';
		if (this.options.inspectRoute && method === 'GET' && url.pathname === INSPECT_PATH) {
			return sendReply(res, { status: 200, body: this.requests.map(maskSecrets) });
		}
		const record: RecordedRequest = {
			method,
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: { ...req.headers },
			rawBody,
			json: tryParseJson(rawBody),
			status: 0,
		};
		this.requests.push(record);
		const scripted = this.isCall(record) ? this.scripted.shift() : undefined;
		if (scripted) return this.answerScripted(record, scripted, res);
		this.answer(record, res, this.route(record));
	}

	private isCall(record: RecordedRequest): boolean {
		return record.method === 'POST' && record.path === CALL_PATH;
	}

	private answer(record: RecordedRequest, res: ServerResponse, reply: Reply, note = ''): void {
		record.status = reply.status;
		sendReply(res, reply);
		this.log(record, `${reply.status}${note}`);
	}

	private answerScripted(record: RecordedRequest, scripted: ScriptedResponse, res: ServerResponse) {
		const respond = () => {
			if (!scripted.destroySocket) return this.answer(record, res, scripted, ' (scripted)');
			res.socket?.destroy();
			this.log(record, 'socket destroyed (scripted)');
		};
		const delayMs = scripted.delayMs ?? 0;
		if (delayMs <= 0) return respond();
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			respond();
		}, delayMs);
		this.timers.add(timer);
	}

	private route(record: RecordedRequest): Reply {
		const route = `${record.method} ${record.path}`;
		if (route === `POST ${SIGN_IN_PATH}`) return this.exchangeToken(record);
		if (route === `GET ${CONTACT_PATH}`) return this.authorize(record) ?? this.listContacts(record);
		if (route === `POST ${CALL_PATH}`) return this.authorize(record) ?? this.placeCall(record);
		return NOT_FOUND;
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
		// Split like FastAPI's HTTPBearer: scheme, first space, then everything else as the token.
		const header = record.headers.authorization ?? '';
		const spaceAt = header.indexOf(' ');
		const scheme = spaceAt < 0 ? header : header.slice(0, spaceAt);
		const token = spaceAt < 0 ? '' : header.slice(spaceAt + 1);
		if (scheme === '' || token === '') return unauthorized('Not authenticated');
		if (scheme.toLowerCase() !== 'bearer' || this.tokens.stateOf(token) !== 'valid') {
			return unauthorized('Invalid or expired token');
		}
		return undefined;
	}

	private listContacts(record: RecordedRequest): Reply {
		const page = positiveInt(record.query.page, 1);
		const size = positiveInt(record.query.size, 50);
		return { status: 200, body: { items: [], page, size, total: 0 } };
	}

	private placeCall(record: RecordedRequest): Reply {
		const parsed = parseBodyLikeFastApi(record.rawBody, record.headers['content-type']);
		if (!parsed.ok) return unprocessable([parsed.issue]);
		const issues = validateCallBody(parsed.value);
		if (issues.length > 0) return unprocessable(issues);
		this.callCount += 1;
		const callId = `sbx-call-${this.callCount}`;
		this.options.onCallAccepted?.({ body: parsed.value as Record<string, unknown>, callId });
		return { status: 201, body: { message: 'Phone call initiated', callId } };
	}

	private log(record: RecordedRequest, outcome: string): void {
		// Only call bodies are echoed (token-exchange bodies carry the client secret), on one line.
		const echoBody = record.path === CALL_PATH && record.rawBody !== '';
		const body = echoBody ? ` ${record.rawBody.replace(/\r?\n/g, '\\n')}` : '';
		this.options.log?.(`${record.method} ${record.path} -> ${outcome}${body}`);
	}
}
