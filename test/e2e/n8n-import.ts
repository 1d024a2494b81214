import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { n8nCommand, succeeded } from './n8n-process';
import type { N8nInstance } from './n8n-process';

/**
 * What a user does before the first start, by n8n's CLI: import credentials and workflows, publish the
 * workflows whose webhooks must answer (n8n registers them at start). Workflows are example file names
 * (from examples/) or workflow objects.
 */
const EXAMPLES = path.resolve(__dirname, '../../examples');

type ExampleParameters = Record<string, unknown> & { path?: string; waitTimeLimit?: number };

/**
 * The credentials the examples name: the Levers one (on the sandbox, with the delivery's signing secret)
 * and the header key their Webhook nodes ask for (Header Auth).
 */
export function exampleCredentials(levers: {
	accessToken: string;
	baseUrl: string;
	webhookSigningSecret: string;
	webhookKey?: { name: string; value: string };
}): object[] {
	const { webhookKey, ...data } = levers;
	const credentials: object[] = [
		{
			id: 'LeversSandbox001',
			name: 'Levers sandbox',
			type: 'leversApi',
			data: { authType: 'accessToken', ...data },
		},
	];
	if (webhookKey) {
		credentials.push({
			id: 'LeversWebhookKey',
			name: 'Levers webhook key',
			type: 'httpHeaderAuth',
			data: webhookKey,
		});
	}
	return credentials;
}

export const exampleWorkflow = (file: string) =>
	JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')) as {
		id: string;
		name: string;
		nodes: Array<{ id: string; name: string; webhookId?: string; parameters: ExampleParameters }>;
		[key: string]: unknown;
	};

export async function importAndPublish(
	n8n: N8nInstance,
	{
		credentials,
		workflows,
		publish,
	}: { credentials: object[]; workflows: Array<string | object>; publish: string[] },
): Promise<void> {
	const { userFolder } = n8n;
	writeFileSync(path.join(userFolder, 'credentials.json'), JSON.stringify(credentials));
	succeeded(await n8nCommand(n8n, 'import:credentials', `--input=${userFolder}/credentials.json`));
	const folder = path.join(userFolder, 'workflows');
	mkdirSync(folder, { recursive: true });
	workflows.forEach((workflow, index) => {
		const json = typeof workflow === 'string' ? exampleWorkflow(workflow) : workflow;
		writeFileSync(path.join(folder, `${index}.json`), JSON.stringify(json));
	});
	succeeded(await n8nCommand(n8n, 'import:workflow', '--separate', `--input=${folder}`));
	for (const id of publish) succeeded(await n8nCommand(n8n, 'publish:workflow', `--id=${id}`));
}

/** After a suite: stops what it started, keeps n8n's output in $LEVERS_E2E_LOG if set, removes the folder. */
export async function cleanUp(
	n8n: N8nInstance | undefined,
	server: { stop(): Promise<void> } | undefined,
	sandbox?: { close(): Promise<void> },
): Promise<void> {
	await server?.stop();
	await sandbox?.close();
	if (!n8n) return;
	if (process.env.LEVERS_E2E_LOG) writeFileSync(process.env.LEVERS_E2E_LOG, n8n.log.join('\n'));
	rmSync(n8n.userFolder, { recursive: true, force: true });
}
