import { createServer } from 'node:http';

import type { StoredCredential } from './harness';
import { callEndedPayload, signDelivery } from './sandbox/webhook-delivery';
import { TriggerServer } from './trigger-support';

export interface WaitingAnswer {
	status: number;
	body: unknown;
	/** Held this long before it is sent: a relay still in flight when another request comes. */
	delayMs?: number;
}

/**
 * Stands in for n8n's /webhook-waiting/ endpoint: answers from a script (the last answer repeats), records
 * the paths it was sent. Returns a trigger whose own waiting address is this endpoint, and a signed result
 * whose resume URL points at it.
 */
export async function startWaitingEndpoint(
	answers: WaitingAnswer[],
	credential: StoredCredential,
	signingSecret: string,
) {
	const relayed: string[] = [];
	const waitingServer = createServer((req, res) => {
		relayed.push(req.url ?? '');
		const answer = answers.length > 1 ? answers.shift()! : answers[0];
		setTimeout(() => {
			res.writeHead(answer.status, { 'content-type': 'application/json' });
			res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
		}, answer.delayMs ?? 0);
	});
	await new Promise<void>((resolve) => waitingServer.listen(0, '127.0.0.1', resolve));
	const origin = `http://127.0.0.1:${(waitingServer.address() as { port: number }).port}`;
	const base = `${origin}/webhook-waiting`;
	const server = await TriggerServer.start({ options: {} }, credential, {
		webhookWaitingBaseUrl: base,
	});
	const path = `/webhook-waiting/7/levers-call-node?signature=${'a'.repeat(64)}`;
	const body = JSON.stringify(
		callEndedPayload({
			callId: 'call-7',
			body: {
				numberToCall: '+966123412345',
				metadata: { n8nResumeUrl: `${origin}${path}`, n8nWaitId: 'w' },
			},
		}),
	);
	const close = () => new Promise<void>((resolve) => waitingServer.close(() => resolve()));
	return { server, base, relayed, path, signed: signDelivery(signingSecret, body), close };
}
