/**
 * `npm run dev:queue`: the queue tier's setup to try by hand (main, two webhook processors, two workers,
 * Postgres and Redis) with the Levers sandbox, which delivers each call's signed result to the Levers Trigger
 * through the public address 5 s after the call, as Levers would. Ctrl-C stops everything.
 */
import { LeversSandbox } from '../sandbox/levers-sandbox';
import { WebhookDelivery } from '../sandbox/webhook-delivery';
import { ACCESS_TOKEN, CLIENT, TRIGGER_WEBHOOK_ID, WEBHOOK_KEY } from './cluster';
import { OWNER, startCluster, stopCluster } from './queue-setup';
import { CAMPAIGN_PATH } from './workflows';

async function main() {
	const { cluster } = await startCluster();
	const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
	const delivery = new WebhookDelivery(
		`${cluster.publicUrl}/webhook/${TRIGGER_WEBHOOK_ID}/webhook`,
		cluster.signingSecret,
		log,
		{ delayMs: 5000 },
	);
	const sandbox = await LeversSandbox.start({
		port: cluster.sandboxPort,
		accessTokens: [ACCESS_TOKEN],
		clients: [CLIENT],
		latencyMs: 50,
		log,
		inspectRoute: true,
		onCallAccepted: delivery.onCallAccepted,
	});
	const key = `-H '${WEBHOOK_KEY.name}: ${WEBHOOK_KEY.value}'`;
	process.stdout.write(`
  Editor (main)       ${cluster.main.url}   sign in: ${OWNER.email} / ${OWNER.password}
  Public address      ${cluster.publicUrl}   (WEBHOOK_URL: both webhook processors behind it)
  Webhook processors  ${cluster.webhooks.map((process) => process.url).join('  ')}
  Workers (health)    ${cluster.workers.map((process) => process.url).join('  ')}
  A campaign          curl -X POST ${cluster.publicUrl}/webhook/${CAMPAIGN_PATH} -H 'content-type: application/json' \\
                        -d '{"first":0,"count":100}'
  Call and wait       curl -X POST ${cluster.publicUrl}/webhook/levers-call-and-wait ${key} \\
                        -H 'content-type: application/json' -d '{"numberToCall":"+966123412345"}'
  Calls received      ${sandbox.url}/__sandbox/requests
  Logs                ${[cluster.main, ...cluster.webhooks, ...cluster.workers].map((process) => process.logFile).join('\n                      ')}
  Stop                Ctrl-C

`);
	await new Promise<void>((resolve) => {
		process.once('SIGINT', resolve);
		process.once('SIGTERM', resolve);
	});
	await sandbox.close();
	await stopCluster();
	process.stdout.write('Stopped n8n, the sandbox, Redis and Postgres.\n');
}

main().catch(async (error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	await stopCluster();
	process.exitCode = 1;
});
