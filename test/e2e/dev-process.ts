import { spawn } from 'node:child_process';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const START_TIMEOUT_MS = 240_000;

export interface DevRun {
	output: string;
	seconds: number;
	stop(): Promise<string>;
}

/** `npm run dev` as a user runs it, in a process group of its own, once it says "Ready"; stop() is Ctrl-C. */
export async function startDev(env: NodeJS.ProcessEnv): Promise<DevRun> {
	const child = spawn('bash', ['scripts/dev.sh'], {
		cwd: REPO_ROOT,
		// Built by test:e2e already; rebuilding would empty dist/ under the other suites.
		env: { ...process.env, ...env, LEVERS_DEV_SKIP_BUILD: '1' },
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const killOnExit = () => child.exitCode === null && process.kill(-child.pid!, 'SIGKILL');
	process.once('exit', killOnExit);
	const closed = new Promise((resolve) => child.on('close', resolve));
	const stop = async () => {
		process.off('exit', killOnExit);
		// Ctrl-C, as a user stops it: dev.sh stops n8n and the sandbox itself.
		if (child.exitCode === null) process.kill(-child.pid!, 'SIGINT');
		await closed;
		return output;
	};
	const deadline = Date.now() + START_TIMEOUT_MS;
	while (!/Ready in \d+ s/.test(output)) {
		if (child.exitCode !== null || Date.now() > deadline) {
			await stop();
			throw new Error(`npm run dev did not get ready:\n${output.slice(-4000)}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	return { output, seconds: Number(/Ready in (\d+) s/.exec(output)![1]), stop };
}
