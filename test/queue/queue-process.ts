import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import { installPackage, newN8nInstance, startN8nServer } from '../e2e/n8n-process';
import type { N8nInstance, N8nServer } from '../e2e/n8n-process';

/**
 * One n8n process of a queue-mode setup (main, webhook processor or worker): its own user folder (as each
 * container has in production) with the packed package installed there, the shared Postgres, Redis and
 * encryption key, and everything it prints kept in a file the test files can read.
 */

export type Role = 'main' | 'webhook' | 'worker';

/** What every process of one setup shares. */
export interface QueueShared {
	/** Postgres database and Redis key prefix: processes with the same one see the same queue. */
	name: string;
	encryptionKey: string;
	/** The public address of the webhook processors (n8n builds resume URLs from it). */
	webhookUrl: string;
}

export interface QueueProcess {
	role: Role;
	label: string;
	url: string;
	logFile: string;
	userFolder: string;
	stop(): Promise<void>;
}

const required = (name: string) => {
	const value = process.env[name];
	if (!value)
		throw new Error(`${name} is not set: run the queue tier through scripts/queue-test.sh`);
	return value;
};

export function queueEnv(shared: QueueShared): NodeJS.ProcessEnv {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: required('LEVERS_QUEUE_REDIS_PORT'),
		QUEUE_BULL_PREFIX: shared.name,
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: required('LEVERS_QUEUE_PG_PORT'),
		DB_POSTGRESDB_USER: required('LEVERS_QUEUE_PG_USER'),
		DB_POSTGRESDB_PASSWORD: '',
		DB_POSTGRESDB_DATABASE: shared.name,
		N8N_ENCRYPTION_KEY: shared.encryptionKey,
		WEBHOOK_URL: shared.webhookUrl,
		// Runs started from the editor go to the workers too; production webhooks only to webhook processors.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
	};
}

const COMMANDS: Record<Role, string[]> = {
	main: ['start'],
	webhook: ['webhook'],
	worker: ['worker', '--concurrency=10'],
};

/** A user folder and ports for one process; the package installed unless `withPackage` is false. */
export async function prepareProcess(
	shared: QueueShared,
	label: string,
	options: { withPackage?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<N8nInstance> {
	const n8n = await newN8nInstance(`levers-queue-${label}-`, queueEnv(shared));
	// A worker listens only for its health check, on the port a server would use.
	n8n.env.QUEUE_HEALTH_CHECK_ACTIVE = 'true';
	n8n.env.QUEUE_HEALTH_CHECK_PORT = n8n.env.N8N_PORT;
	Object.assign(n8n.env, options.env);
	if (options.withPackage !== false) installPackage(n8n);
	return n8n;
}

export async function startProcess(
	n8n: N8nInstance,
	role: Role,
	label: string,
): Promise<QueueProcess> {
	const logFile = path.join(n8n.userFolder, `${label}.log`);
	appendFileSync(logFile, '');
	const server: N8nServer = await startN8nServer(n8n, Number(n8n.env.N8N_PORT), {
		command: COMMANDS[role],
		onOutput: (chunk) => appendFileSync(logFile, chunk),
		readyWithinMs: 120_000,
	});
	return {
		role,
		label,
		url: server.url,
		logFile,
		userFolder: n8n.userFolder,
		stop: () => server.stop(),
	};
}

/** Deletes a stopped process's user folder, unless LEVERS_QUEUE_KEEP_LOGS asks to keep it (and its log). */
export function removeFolder(folder: string): void {
	if (process.env.LEVERS_QUEUE_KEEP_LOGS) process.stdout.write(`[queue] kept ${folder}\n`);
	else rmSync(folder, { recursive: true, force: true });
}

export const logOf = (process: { logFile: string }) => readFileSync(process.logFile, 'utf8');

/** The execution ids a worker's log says it ran ("Worker started execution 12 (job 7)"). */
export function executionsRunBy(worker: { logFile: string }): string[] {
	return [...logOf(worker).matchAll(/Worker started execution (\d+)/g)].map((match) => match[1]);
}
