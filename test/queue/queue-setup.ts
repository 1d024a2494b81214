import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { createCallResultsTable } from '../e2e/call-results-table';
import { n8nCommand, succeeded } from '../e2e/n8n-process';
import type { N8nInstance } from '../e2e/n8n-process';
import { newSigningSecret } from '../sandbox/webhook-delivery';
import {
	ACCESS_TOKEN,
	CLIENT,
	CLUSTER_FILE_ENV,
	MainRest,
	TRIGGER_WEBHOOK_ID,
	WEBHOOK_KEY,
	eventually,
	n8nModule,
} from './cluster';
import type { Cluster } from './cluster';
import { startLoadBalancer } from './load-balancer';
import { prepareProcess, removeFolder, startProcess } from './queue-process';
import type { QueueProcess, QueueShared } from './queue-process';
import { ACCESS_CREDENTIAL, CLIENT_CREDENTIAL, QUEUE_WORKFLOWS } from './workflows';

/**
 * Starts a queue-mode n8n (once for the whole tier, also for the bench and the dev command): main (`n8n start`), two webhook processors and two workers, each in
 * its own user folder with the packed package, sharing Postgres, Redis and the encryption key; the load
 * balancer in front of the webhook processors is WEBHOOK_URL. Workflows are imported and published first.
 */

const SANDBOX_PORT = Number(process.env.LEVERS_QUEUE_SANDBOX_PORT ?? 5820);
const BALANCER_PORT = Number(process.env.LEVERS_QUEUE_BALANCER_PORT ?? 5821);
const NAME = 'levers_queue';

export interface Running {
	processes: QueueProcess[];
	stopBalancer?: () => Promise<void>;
	folders: string[];
	describedIn: string;
}

declare global {
	var leversQueue: Running | undefined;
}

export async function createDatabase(name: string): Promise<void> {
	type Client = {
		connect(): Promise<void>;
		query(sql: string): Promise<unknown>;
		end(): Promise<void>;
	};
	const { Client } = n8nModule<{ Client: new (config: object) => Client }>('pg');
	const client = new Client({
		host: '127.0.0.1',
		port: Number(process.env.LEVERS_QUEUE_PG_PORT),
		user: process.env.LEVERS_QUEUE_PG_USER,
		database: 'postgres',
	});
	await client.connect();
	try {
		await client.query(`DROP DATABASE IF EXISTS ${name}`);
		await client.query(`CREATE DATABASE ${name}`);
	} finally {
		await client.end();
	}
}

async function importWorkflows(main: N8nInstance, signingSecret: string) {
	const baseUrl = `http://127.0.0.1:${SANDBOX_PORT}`;
	const credentials = [
		{
			...ACCESS_CREDENTIAL,
			type: 'leversApi',
			data: {
				authType: 'accessToken',
				accessToken: ACCESS_TOKEN,
				baseUrl,
				webhookSigningSecret: signingSecret,
			},
		},
		{
			...CLIENT_CREDENTIAL,
			type: 'leversApi',
			data: { authType: 'clientCredentials', ...CLIENT, baseUrl },
		},
		{
			id: 'LeversWebhookKey',
			name: 'Levers webhook key',
			type: 'httpHeaderAuth',
			data: WEBHOOK_KEY,
		},
	];
	const folder = path.join(main.userFolder, 'import');
	mkdirSync(folder);
	writeFileSync(path.join(folder, 'credentials.json'), JSON.stringify(credentials));
	succeeded(await n8nCommand(main, 'import:credentials', `--input=${folder}/credentials.json`));
	const workflows = QUEUE_WORKFLOWS();
	const workflowFolder = path.join(folder, 'workflows');
	mkdirSync(workflowFolder);
	for (const workflow of workflows) {
		writeFileSync(path.join(workflowFolder, `${workflow.id}.json`), JSON.stringify(workflow));
	}
	succeeded(await n8nCommand(main, 'import:workflow', '--separate', `--input=${workflowFolder}`));
	// Published before main starts: main registers their webhooks, the webhook processors read them from
	// Postgres. (import --activeState=fromJson does not publish them from the CLI.) One id per command.
	const published = await Promise.all(
		workflows.map(({ id }) => n8nCommand(main, 'publish:workflow', `--id=${id}`)),
	);
	published.forEach(succeeded);
}

/** The owner account the setup creates (the dev command prints it to sign in with). */
export const OWNER = { email: 'queue-tier@levers.local', password: 'Levers-queue-1' };

async function ownerCookie(mainUrl: string): Promise<string> {
	const setup = await fetch(`${mainUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ ...OWNER, firstName: 'Queue', lastName: 'Owner' }),
	});
	if (setup.status !== 200) throw new Error(`owner setup: ${setup.status} ${await setup.text()}`);
	return (setup.headers.get('set-cookie') ?? '').split(';')[0];
}

/** Starts the setup (stopped by stopCluster, also when it fails half-way) and describes it in a file. */
export async function startCluster(): Promise<{ cluster: Cluster; running: Running }> {
	let started: { cluster: Cluster; running: Running } | undefined;
	try {
		started = await startProcesses();
	} finally {
		if (!started) await stopCluster();
	}
	return started;
}

async function startProcesses(): Promise<{ cluster: Cluster; running: Running }> {
	const started = Date.now();
	const running: Running = { processes: [], folders: [], describedIn: '' };
	globalThis.leversQueue = running;
	const shared: QueueShared = {
		name: NAME,
		encryptionKey: randomBytes(24).toString('hex'),
		webhookUrl: `http://127.0.0.1:${BALANCER_PORT}/`,
	};
	const signingSecret = newSigningSecret();
	await createDatabase(NAME);

	const mainInstance = await prepareProcess(shared, 'main');
	running.folders.push(mainInstance.userFolder);
	await importWorkflows(mainInstance, signingSecret);
	const main = await startProcess(mainInstance, 'main', 'main');
	running.processes.push(main);

	const others = [
		['webhook', 'webhook-1'],
		['webhook', 'webhook-2'],
		['worker', 'worker-1'],
		['worker', 'worker-2'],
	] as const;
	const instances: N8nInstance[] = [];
	for (const [, label] of others) {
		const instance = await prepareProcess(shared, label);
		running.folders.push(instance.userFolder);
		instances.push(instance);
	}
	const startedOthers = await Promise.all(
		others.map(([role, label], index) => startProcess(instances[index], role, label)),
	);
	running.processes.push(...startedOthers);
	const webhooks = startedOthers.filter((process) => process.role === 'webhook');
	const workers = startedOthers.filter((process) => process.role === 'worker');
	const balancer = await startLoadBalancer(
		BALANCER_PORT,
		webhooks.map((webhook) => webhook.url),
	);
	running.stopBalancer = balancer.close;
	// Main reports ready before its webhooks are registered: the trigger answers 404 until then, then 401.
	const unsigned = () =>
		fetch(`${balancer.url}/webhook/${TRIGGER_WEBHOOK_ID}/webhook`, { method: 'POST' }).then(
			(response) => response.status,
		);
	const status = await eventually(unsigned, (answer) => answer === 401);
	if (status !== 401) throw new Error(`the trigger is not registered: ${status}`);

	const cookie = await ownerCookie(main.url);
	// The collect-results example upserts into this table (by name), as a user creates it once.
	const { base, id } = await createCallResultsTable(new MainRest(main.url, cookie));
	const info = ({ label, url, logFile }: QueueProcess) => ({ label, url, logFile });
	const cluster: Cluster = {
		name: NAME,
		encryptionKey: shared.encryptionKey,
		publicUrl: balancer.url,
		sandboxPort: SANDBOX_PORT,
		signingSecret,
		cookie,
		callResults: { base, id },
		main: info(main),
		webhooks: webhooks.map(info),
		workers: workers.map(info),
	};
	const folder = mkdtempSync(path.join(tmpdir(), 'levers-queue-tier-'));
	running.folders.push(folder);
	running.describedIn = path.join(folder, 'cluster.json');
	writeFileSync(running.describedIn, JSON.stringify(cluster, null, 2));
	process.env[CLUSTER_FILE_ENV] = running.describedIn;
	process.stdout.write(
		`\n[queue] main, 2 webhook processors and 2 workers ready in ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
	);
	return { cluster, running };
}

export async function stopCluster(): Promise<void> {
	const running = globalThis.leversQueue;
	if (!running) return;
	await running.stopBalancer?.();
	await Promise.all(running.processes.map((process) => process.stop()));
	running.folders.forEach(removeFolder);
	globalThis.leversQueue = undefined;
}
