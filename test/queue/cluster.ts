import { readFileSync } from 'node:fs';
import path from 'node:path';

export { eventually } from '../e2e/n8n-process';

/**
 * What the test files know of the queue-mode setup that global-setup.ts started (one for the whole tier:
 * its start costs a minute): addresses, logs, the owner's session, and the secrets in its credentials.
 */

export const ACCESS_TOKEN = 'queue-tier-token-4b7e19';
export const CLIENT = { clientId: 'queue-tier-client', clientSecret: 'queue-tier-secret-9d2c55' };
export const WEBHOOK_KEY = { name: 'X-Webhook-Key', value: 'queue-tier-webhook-key-61a0' };
export const TRIGGER_WEBHOOK_ID = '7c1e4b2a-9d3f-4a6e-8b5c-1f2e3d4c3001';
export const COLLECT_WORKFLOW_ID = 'LeversExample003';

export interface ProcessInfo {
	label: string;
	url: string;
	logFile: string;
}

export interface Cluster {
	name: string;
	encryptionKey: string;
	/** WEBHOOK_URL: the load balancer in front of the webhook processors. */
	publicUrl: string;
	sandboxPort: number;
	signingSecret: string;
	cookie: string;
	/** The collect-results example's Data Table (created by the setup). */
	callResults: { base: string; id: string };
	main: ProcessInfo;
	webhooks: ProcessInfo[];
	workers: ProcessInfo[];
}

export const CLUSTER_FILE_ENV = 'LEVERS_QUEUE_CLUSTER';

export function readCluster(): Cluster {
	const file = process.env[CLUSTER_FILE_ENV];
	if (!file)
		throw new Error(`${CLUSTER_FILE_ENV} is not set: jest.queue.config.js starts the setup`);
	return JSON.parse(readFileSync(file, 'utf8')) as Cluster;
}

/** n8n's own modules (pg, flatted), from the cached n8n install scripts/queue-test.sh points at. */
export function n8nModule<T>(name: string): T {
	const modules = process.env.LEVERS_N8N_MODULES;
	if (!modules) throw new Error('LEVERS_N8N_MODULES is not set: run through scripts/queue-test.sh');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(require.resolve(name, { paths: [path.join(modules, '..')] })) as T;
}

export interface ExecutionSummary {
	id: string;
	status: string;
	workflowId: string;
	mode: string;
	retryOf?: string | null;
}

export class MainRest {
	constructor(
		private readonly url: string,
		private readonly cookie: string,
	) {}

	async call<T>(route: string, init: RequestInit = {}): Promise<T> {
		const response = await fetch(`${this.url}/rest${route}`, {
			...init,
			headers: { 'content-type': 'application/json', cookie: this.cookie, ...init.headers },
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`${route} -> ${response.status} ${text}`);
		return (JSON.parse(text) as { data: T }).data;
	}

	async executionsOf(workflowId: string): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		return (
			await this.call<{ results: ExecutionSummary[] }>(`/executions?filter=${filter}&limit=100`)
		).results;
	}

	/** The execution's data (n8n sends it "flatted"), parsed. */
	async executionData(id: string): Promise<ExecutionData> {
		const { data } = await this.call<{ data: string }>(`/executions/${id}`);
		const { parse } = n8nModule<{ parse(text: string): unknown }>('flatted');
		return parse(data) as ExecutionData;
	}

	/** What createCallResultsTable and callResultsTable need of an owner's session. */
	rest<T>(route: string, init?: RequestInit): Promise<T> {
		return this.call<T>(route, init);
	}

	async runData(id: string): Promise<RunData> {
		return (await this.executionData(id)).resultData.runData;
	}
}

export type RunData = Record<
	string,
	Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }> | null> } }>
>;

export interface ExecutionData {
	resultData: { runData: RunData; error?: { message: string } };
}

/** The items a node output on `output` in its run `run`. */
export const outputOf = (runData: RunData, node: string, run = 0, output = 0) =>
	(runData[node]?.[run]?.data?.main[output] ?? []).map((item) => item.json);

/** What the campaign workflows (workflows.ts) answer with once the execution has finished on a worker. */
export interface CampaignSummary {
	executionId: string;
	items: number;
	outcomes: Record<string, number>;
}

/** Starts a campaign workflow through the public address: `count` numbers from `first`; its answer. */
export async function runCampaign(
	cluster: Cluster,
	webhookPath: string,
	first: number,
	count: number,
): Promise<{ status: number; summary?: CampaignSummary; body: string }> {
	const response = await fetch(`${cluster.publicUrl}/webhook/${webhookPath}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ first, count }),
	});
	const body = await response.text();
	const summary = response.status === 200 ? (JSON.parse(body) as CampaignSummary) : undefined;
	return { status: response.status, summary, body };
}

/** The numbers a campaign from `first` calls, in order. */
export const campaignNumbers = (first: number, count: number) =>
	Array.from({ length: count }, (_, index) => `+9665${String(first + index).padStart(8, '0')}`);
