/**
 * Runs the Levers sandbox for the dev command: `node test/sandbox/main.ts` (Node 24 type stripping).
 * First stdout line is `{"url":"..."}` for scripts to parse; then one log line per request.
 * With LEVERS_SANDBOX_WEBHOOK_URL (a Levers Trigger's production URL) and LEVERS_SANDBOX_WEBHOOK_SECRET (the
 * whsec_ value in its credential), each accepted call's signed phone_call.ended is delivered there after
 * LEVERS_SANDBOX_WEBHOOK_DELAY_MS (default 5000), as Levers would once the call ends. With
 * LEVERS_SANDBOX_WEBHOOK_TEST_URL (the same trigger's test URL) too, it is also delivered there, so n8n's
 * "Listen for test event" gets it (n8n answers 404 there while nothing listens).
 */
import { DEFAULT_ACCESS_TOKEN, DEFAULT_CLIENT, LeversSandbox } from './levers-sandbox.ts';
import { WebhookDelivery } from './webhook-delivery.ts';

function portFromEnv(text: string | undefined): number {
	const port = Number(text ?? '0');
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new Error(`LEVERS_SANDBOX_PORT must be a port number, got "${text}"`);
	}
	return port;
}

function writeLine(line: string): void {
	process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
	const env = process.env;
	const log = (line: string) => writeLine(`${new Date().toISOString()} ${line}`);
	const secret = env.LEVERS_SANDBOX_WEBHOOK_SECRET;
	const deliverTo = (url: string | undefined, label = '') =>
		url && secret
			? new WebhookDelivery(url, secret, (line) => log(`${label}${line}`), {
					delayMs: Number(env.LEVERS_SANDBOX_WEBHOOK_DELAY_MS ?? 5000),
				})
			: undefined;
	const deliveries = [
		deliverTo(env.LEVERS_SANDBOX_WEBHOOK_URL),
		deliverTo(env.LEVERS_SANDBOX_WEBHOOK_TEST_URL, 'test URL (404 unless listening): '),
	].filter((delivery) => delivery !== undefined);
	const sandbox = await LeversSandbox.start({
		port: portFromEnv(env.LEVERS_SANDBOX_PORT),
		accessTokens: [env.LEVERS_SANDBOX_TOKEN || DEFAULT_ACCESS_TOKEN],
		clients: [
			{
				clientId: env.LEVERS_SANDBOX_CLIENT_ID || DEFAULT_CLIENT.clientId,
				clientSecret: env.LEVERS_SANDBOX_CLIENT_SECRET || DEFAULT_CLIENT.clientSecret,
			},
		],
		log,
		inspectRoute: true,
		onCallAccepted:
			deliveries.length > 0
				? (call) => deliveries.forEach((delivery) => delivery.onCallAccepted(call))
				: undefined,
	});
	writeLine(JSON.stringify({ url: sandbox.url }));

	const stop = () => {
		sandbox.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
	process.stderr.write(`levers sandbox failed to start: ${String(error)}\n`);
	process.exit(1);
});
