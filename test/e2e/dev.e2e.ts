import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { type DevRun, START_TIMEOUT_MS, startDev } from './dev-process';
import { freePort } from './n8n-process';

/**
 * `npm run dev` started twice on one dev folder, as a user restarts it: the first start imports and
 * publishes the examples; the restart keeps them (no n8n CLI boot), reads its own sandbox's URL, and the
 * webhook example still places a call. n8n's broker takes the port after N8N_PORT and nothing calls n8n's
 * Strapi API.
 */

const PLACED = { status: 200, body: { success: true, statusCode: 201 } };

async function callThroughWebhookExample(n8nPort: string) {
	const response = await fetch(`http://127.0.0.1:${n8nPort}/webhook/levers-call`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'X-Webhook-Key': 'levers-demo-webhook-key' },
		body: JSON.stringify({ numberToCall: '+96612341234', firstName: 'John' }),
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

test(
	'a restart keeps the imported examples, boots no n8n CLI, and the demo still places calls',
	async () => {
		const home = mkdtempSync(path.join(tmpdir(), 'levers-dev-e2e-'));
		const env = {
			LEVERS_DEV_HOME: home,
			N8N_PORT: String(await freePort()),
			LEVERS_SANDBOX_PORT: String(await freePort()),
		};
		// Whatever fails, no dev n8n outlives the test.
		const running: DevRun[] = [];
		try {
			const first = await startDev(env);
			running.push(first);
			expect(first.output).toContain('Importing the demo credentials and the example workflows');
			expect(first.output).toContain('Publishing the webhook examples and the results trigger');
			// The example answers with the node's success and Levers' answer.
			expect(await callThroughWebhookExample(env.N8N_PORT)).toMatchObject(PLACED);
			expect(await first.stop()).toContain('Stopped n8n and the Levers sandbox.');

			const restart = await startDev(env);
			running.push(restart);
			expect(restart.output).toContain('unchanged since the last start: kept as they are');
			expect(restart.output).not.toContain('Importing');
			expect(restart.output).not.toContain('Unexpected end of JSON input');
			expect(restart.output).toContain(`http://127.0.0.1:${env.LEVERS_SANDBOX_PORT}/__sandbox`);
			// Still published across the restart.
			expect(await callThroughWebhookExample(env.N8N_PORT)).toMatchObject(PLACED);
			process.stdout.write(
				`[dev e2e] first start ${first.seconds} s, restart ${restart.seconds} s\n`,
			);
			await restart.stop();

			const n8nLog = readFileSync(path.join(home, 'n8n.log'), 'utf8');
			expect(n8nLog).toContain(`Task Broker ready on 127.0.0.1, port ${Number(env.N8N_PORT) + 1}`);
			expect(n8nLog).not.toMatch(/Strapi|api-staging\.n8n\.io/);
		} finally {
			await Promise.all(running.map((run) => run.stop()));
			rmSync(home, { recursive: true, force: true });
		}
	},
	2 * START_TIMEOUT_MS + 60_000,
);
