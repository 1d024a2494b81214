import { request as httpRequest, createServer } from 'node:http';
import type { Server } from 'node:http';

/**
 * The public address in front of the webhook processors, as a reverse proxy would be in production: each
 * request goes to the next processor in turn. WEBHOOK_URL points here, so the resume URLs n8n builds do too.
 */
export interface LoadBalancer {
	url: string;
	/** How many requests each upstream got, in the order given. */
	served: number[];
	close(): Promise<void>;
}

export async function startLoadBalancer(port: number, upstreams: string[]): Promise<LoadBalancer> {
	const served = upstreams.map(() => 0);
	let next = 0;
	const server: Server = createServer((incoming, outgoing) => {
		const index = next++ % upstreams.length;
		served[index] += 1;
		const target = new URL(incoming.url ?? '/', upstreams[index]);
		const forwarded = httpRequest(
			target,
			{ method: incoming.method, headers: { ...incoming.headers, host: target.host } },
			(answer) => {
				outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(outgoing);
			},
		);
		forwarded.on('error', (error) => {
			outgoing.writeHead(502, { 'content-type': 'text/plain' });
			outgoing.end(`load balancer: ${upstreams[index]} did not answer (${error.message})`);
		});
		incoming.pipe(forwarded);
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve());
	});
	return {
		url: `http://127.0.0.1:${port}`,
		served,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
