import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Runs the pinned n8n through scripts/n8n.sh, exactly as the dev command does. */

// The benchmark runs compiled from .tmp/bench and says where the repository is.
const REPO_ROOT = process.env.LEVERS_BENCH_REPO ?? path.resolve(__dirname, '../..');
const N8N_SCRIPT = path.join(REPO_ROOT, 'scripts/n8n.sh');
const COMMAND_TIMEOUT_MS = 90_000;

export interface N8nRun {
	code: number | null;
	output: string;
}

export interface N8nInstance {
	userFolder: string;
	env: NodeJS.ProcessEnv;
	/** Everything every n8n process printed, for the secrets check. */
	log: string[];
}

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const probe = createServer().listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => resolve(port));
		});
		probe.on('error', reject);
	});
}

/** A fresh user folder for an n8n with ports of its own; `env` adds to what n8n is started with. */
export async function newN8nInstance(
	folderPrefix: string,
	env: NodeJS.ProcessEnv = {},
): Promise<N8nInstance> {
	const userFolder = mkdtempSync(path.join(tmpdir(), folderPrefix));
	const ports = {
		N8N_PORT: String(await freePort()),
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
	};
	return { userFolder, env: { ...ports, ...env }, log: [] };
}

/** Installs the packed package into the user folder as Community Nodes does; returns the package's folder. */
export function installPackage(n8n: N8nInstance): string {
	const script = path.join(REPO_ROOT, 'scripts/install-package.sh');
	return execFileSync('bash', [script, n8n.userFolder], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	}).trim();
}

function start(n8n: N8nInstance, args: string[]): ChildProcess {
	// detached: its own process group, so stopping it also stops the task runner it spawns.
	return spawn('bash', [N8N_SCRIPT, n8n.userFolder, ...args], {
		env: { ...process.env, ...n8n.env },
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
}

/** One CLI command (import, publish, execute) to completion. Asynchronous: the sandbox lives in this process. */
export async function n8nCommand(n8n: N8nInstance, ...args: string[]): Promise<N8nRun> {
	const child = start(n8n, args);
	let output = '';
	child.stdout?.on('data', (chunk) => (output += chunk));
	child.stderr?.on('data', (chunk) => (output += chunk));
	// A hung command must not outlive the test run: stop its whole process group.
	const watchdog = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), COMMAND_TIMEOUT_MS);
	const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
	clearTimeout(watchdog);
	n8n.log.push(output);
	return { code, output };
}

/** The run, if n8n exited cleanly; otherwise an error with the end of what it printed. */
export function succeeded(run: N8nRun): N8nRun {
	if (run.code !== 0) throw new Error(`n8n exited with ${run.code}:\n${run.output.slice(-4000)}`);
	return run;
}

/** `execute --rawOutput` prints log lines, then the run as JSON from the first line that is "{". */
export function executionJson(run: N8nRun): ExecutionJson {
	const start = run.output.search(/^\{/m);
	if (start < 0)
		throw new Error(`n8n printed no execution JSON (exit ${run.code}):\n${run.output}`);
	return JSON.parse(run.output.slice(start)) as ExecutionJson;
}

export interface ExecutionJson {
	data: {
		resultData: {
			runData: Record<
				string,
				Array<{
					data?: { main: Array<Array<{ json: Record<string, unknown>; pairedItem?: unknown }>> };
				}>
			>;
		};
	};
}

export function nodeOutput(execution: ExecutionJson, nodeName: string) {
	return execution.data.resultData.runData[nodeName][0].data?.main[0] ?? [];
}

export interface N8nServer {
	url: string;
	stop(): Promise<void>;
}

/** `readyWithinMs`: a loaded machine (several n8n at once) can take over a minute to answer /healthz. */
export async function startN8nServer(
	n8n: N8nInstance,
	port: number,
	readyWithinMs = 60_000,
): Promise<N8nServer> {
	const child = start(n8n, ['start']);
	let output = '';
	child.stdout?.on('data', (chunk) => (output += chunk));
	child.stderr?.on('data', (chunk) => (output += chunk));
	const url = `http://127.0.0.1:${port}`;
	// If the test run is cut short (Ctrl-C, a crash) afterAll never runs: still take n8n down with it.
	const killOnExit = () => child.exitCode === null && process.kill(-child.pid!, 'SIGKILL');
	process.once('exit', killOnExit);
	const stop = async () => {
		process.off('exit', killOnExit);
		if (child.exitCode === null) {
			const closed = new Promise((resolve) => child.on('close', resolve));
			process.kill(-child.pid!, 'SIGTERM');
			await closed;
		}
		n8n.log.push(output);
	};
	const deadline = Date.now() + readyWithinMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) break;
		const healthy = await fetch(`${url}/healthz/readiness`).then(
			(response) => response.ok,
			() => false,
		);
		if (healthy) return { url, stop };
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	await stop();
	throw new Error(`n8n did not become healthy on ${url}:\n${output}`);
}

/** A node of a workflow to import: its id is the workflow's prefix and its name. */
export function workflowNode(
	idPrefix: string,
	name: string,
	type: string,
	typeVersion: number,
	parameters: object,
	extra: object = {},
) {
	const id = `${idPrefix}-${name.toLowerCase().replace(/\W+/g, '-')}`;
	return { id, name, type, typeVersion, position: [0, 0], parameters, ...extra };
}
