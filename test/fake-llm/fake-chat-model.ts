/**
 * A scripted stand-in for an OpenAI-compatible chat model: POST {url}/chat/completions answers with
 * the next scripted turn (tool calls, or a final text answer), non-streaming, and records every
 * request so a test can assert on what the model was shown (tools, their schemas, tool results).
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

import { readRawBody, sendReply, tryParseJson } from '../sandbox/http-io.ts';

export const COMPLETIONS_PATH = '/v1/chat/completions';

export interface ScriptedToolCall {
	/** The arguments the model "chose", sent as the JSON string OpenAI sends. */
	arguments: Record<string, unknown>;
	/** Defaults to the first tool the request offers. */
	name?: string;
}

export type Turn = { toolCalls: ScriptedToolCall[] } | { answer: string };

/** The parts of an OpenAI chat request the tests read. */
export interface ChatMessage {
	role: string;
	content?: string | null;
	tool_call_id?: string;
	tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
}

export interface ChatTool {
	type: 'function';
	function: { name: string; description?: string; parameters?: Record<string, unknown> };
}

export interface ChatRequest {
	path: string;
	authorization?: string;
	body: { model?: string; messages?: ChatMessage[]; tools?: ChatTool[]; stream?: boolean };
}

export class FakeChatModel {
	/** The base URL to give the credential, ending in /v1 as OpenAI's does. */
	readonly url: string;
	readonly requests: ChatRequest[] = [];
	private readonly sockets = new Set<Socket>();
	private turns: Turn[] = [];
	private toolCallCount = 0;

	static async start(): Promise<FakeChatModel> {
		const server = createServer();
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(0, '127.0.0.1', () => resolve());
		});
		return new FakeChatModel(server);
	}

	private constructor(private readonly server: Server) {
		const { port } = server.address() as { port: number };
		this.url = `http://127.0.0.1:${port}/v1`;
		server.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
			socket.once('close', () => this.sockets.delete(socket));
		});
		server.on('request', (req: IncomingMessage, res: ServerResponse) => {
			this.handle(req, res).catch(() =>
				sendReply(res, { status: 500, body: { error: { message: 'fake model failed' } } }),
			);
		});
	}

	/** Replaces the script and forgets earlier requests: each request takes the next turn. */
	script(...turns: Turn[]): void {
		this.turns = [...turns];
		this.requests.length = 0;
	}

	/** Every tool message the model was sent, in order, across all requests (each counted once). */
	toolMessages(): ChatMessage[] {
		const last = this.requests.at(-1)?.body.messages ?? [];
		return last.filter((message) => message.role === 'tool');
	}

	close(): Promise<void> {
		return new Promise((resolve) => {
			this.server.close(() => resolve());
			for (const socket of this.sockets) socket.destroy();
		});
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const rawBody = await readRawBody(req);
		const path = new URL(req.url ?? '/', 'http://fake.invalid').pathname;
		const body = (tryParseJson(rawBody) ?? {}) as ChatRequest['body'];
		this.requests.push({ path, authorization: req.headers.authorization, body });

		if (req.method !== 'POST' || path !== COMPLETIONS_PATH) {
			sendReply(res, {
				status: 404,
				body: { error: { message: `No route ${req.method} ${path}` } },
			});
			return;
		}
		const turn = this.turns.shift();
		if (!turn) {
			// A loud failure: the agent asked more often than the test expected.
			sendReply(res, { status: 400, body: { error: { message: 'fake model: script exhausted' } } });
			return;
		}
		sendReply(res, { status: 200, body: this.completion(turn, body) });
	}

	private completion(turn: Turn, request: ChatRequest['body']): Record<string, unknown> {
		const message =
			'answer' in turn
				? { role: 'assistant', content: turn.answer }
				: {
						role: 'assistant',
						content: null,
						tool_calls: turn.toolCalls.map((call) => ({
							id: `call_${++this.toolCallCount}`,
							type: 'function',
							function: {
								name: call.name ?? request.tools?.[0]?.function.name,
								arguments: JSON.stringify(call.arguments),
							},
						})),
					};
		return {
			id: `chatcmpl-fake-${this.requests.length}`,
			object: 'chat.completion',
			created: Math.floor(Date.now() / 1000),
			model: request.model ?? 'fake-model',
			choices: [{ index: 0, message, finish_reason: 'answer' in turn ? 'stop' : 'tool_calls' }],
			usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
		};
	}
}
