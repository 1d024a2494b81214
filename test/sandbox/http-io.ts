import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Reply {
	status: number;
	/** Objects are sent as JSON, strings raw, undefined as an empty body. */
	body?: unknown;
	headers?: Record<string, string>;
}

export function readRawBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

export function tryParseJson(text: string): unknown {
	try {
		return text === '' ? undefined : JSON.parse(text);
	} catch {
		return undefined;
	}
}

function encodeBody(body: unknown): { payload: string; contentType?: string } {
	if (body === undefined) return { payload: '' };
	if (typeof body === 'string') return { payload: body, contentType: 'text/plain; charset=utf-8' };
	return { payload: JSON.stringify(body), contentType: 'application/json' };
}

export function sendReply(res: ServerResponse, reply: Reply): void {
	if (res.headersSent || res.destroyed) return;
	const { payload, contentType } = encodeBody(reply.body);
	const headers: Record<string, string> = { 'content-length': String(Buffer.byteLength(payload)) };
	if (contentType) headers['content-type'] = contentType;
	for (const [name, value] of Object.entries(reply.headers ?? {}))
		headers[name.toLowerCase()] = value;
	res.writeHead(reply.status, headers);
	res.end(payload);
}
