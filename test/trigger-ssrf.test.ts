import type { StoredCredential } from './harness';
import { newSigningSecret } from './sandbox/webhook-delivery';
import { startWaitingEndpoint } from './trigger-waiting';

/**
 * n8n's SSRF protection switched on by the operator (read when n8n first sends a request, so set before):
 * the relay to this instance's own waiting address (127.0.0.1, a blocked range) is refused, and the
 * trigger says so, naming the setting that allows it. The real-n8n version is in test/e2e/trigger.e2e.ts.
 */
process.env.N8N_SSRF_PROTECTION_ENABLED = 'true';
afterAll(() => {
	delete process.env.N8N_SSRF_PROTECTION_ENABLED;
});

const signingSecret = newSigningSecret();
const credential: StoredCredential = {
	id: 'cred-trigger-ssrf',
	name: 'Levers (trigger, SSRF on)',
	type: 'leversApi',
	data: {
		authType: 'accessToken',
		accessToken: 'unit-trigger-token',
		baseUrl: 'http://127.0.0.1:9',
		webhookSigningSecret: signingSecret,
	},
};

test('the relay refused by SSRF protection: answered 200, not retried, and the reason with N8N_SSRF_ALLOWED_IP_RANGES in the log, the answer and the item', async () => {
	const waiting = await startWaitingEndpoint(
		[{ status: 200, body: { resumed: true } }],
		credential,
		signingSecret,
	);
	try {
		const answer = await waiting.server.post(waiting.signed.headers, waiting.signed.body);
		const retry = await waiting.server.post(waiting.signed.headers, waiting.signed.body);

		expect(waiting.relayed).toEqual([]);
		const [warning] = waiting.server.warnings;
		expect(warning).toContain("n8n's SSRF protection refused");
		expect(warning).toContain(`${waiting.base}/7/levers-call-node`);
		expect(warning).toContain('N8N_SSRF_ALLOWED_IP_RANGES (e.g. 127.0.0.1/32)');
		expect(warning).not.toContain('signature=');
		expect(answer).toEqual({ status: 200, body: { received: true, relayError: warning } });
		expect(retry.body).toEqual({ received: true, duplicate: true });
		expect(waiting.server.executions).toHaveLength(1);
		expect(waiting.server.executions[0][0].json).toMatchObject({
			providerCallId: 'call-7',
			relayError: warning,
		});
	} finally {
		await waiting.server.close();
		await waiting.close();
	}
});
