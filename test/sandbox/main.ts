/**
 * Runs the Levers sandbox for the dev command: `node test/sandbox/main.ts` (Node 24 type stripping).
 * First stdout line is `{"url":"..."}` for scripts to parse; then one log line per request.
 * With LEVERS_SANDBOX_WEBHOOK_URL (a Levers Trigger's production URL) and LEVERS_SANDBOX_WEBHOOK_SECRET (the
 * whsec_ value in its credential), each accepted call's signed phone_call.ended is delivered there after
 * LEVERS_SANDBOX_WEBHOOK_DELAY_MS (default 5000), as Levers would once the call ends.
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
	const delivery =
		env.LEVERS_SANDBOX_WEBHOOK_URL && env.LEVERS_SANDBOX_WEBHOOK_SECRET
			? new WebhookDelivery(
					env.LEVERS_SANDBOX_WEBHOOK_URL,
					env.LEVERS_SANDBOX_WEBHOOK_SECRET,
					log,
					{
						delayMs: Number(env.LEVERS_SANDBOX_WEBHOOK_DELAY_MS ?? 5000),
					},
				)
			: undefined;
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
		onCallAccepted: delivery?.onCallAccepted,
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
