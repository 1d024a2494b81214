/**
 * Runs the Levers sandbox for the dev command: `node test/sandbox/main.ts` (Node 24 type stripping).
 * First stdout line is `{"url":"..."}` for scripts to parse; then one log line per request.
 */
import { DEFAULT_ACCESS_TOKEN, DEFAULT_CLIENT, LeversSandbox } from './levers-sandbox.ts';

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
	const sandbox = await LeversSandbox.start({
		port: portFromEnv(env.LEVERS_SANDBOX_PORT),
		accessTokens: [env.LEVERS_SANDBOX_TOKEN || DEFAULT_ACCESS_TOKEN],
		clients: [
			{
				clientId: env.LEVERS_SANDBOX_CLIENT_ID || DEFAULT_CLIENT.clientId,
				clientSecret: env.LEVERS_SANDBOX_CLIENT_SECRET || DEFAULT_CLIENT.clientSecret,
			},
		],
		log: (line) => writeLine(`${new Date().toISOString()} ${line}`),
		inspectRoute: true,
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
