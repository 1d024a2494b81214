import { readFileSync } from 'node:fs';
import path from 'node:path';

import { REPO_ROOT, workflowNode } from '../e2e/n8n-process';
import { timeLimitedBranchExample } from '../e2e/time-limited-example';

/** The workflows the queue tier imports besides the examples, each started by a webhook (as in production). */

const EXAMPLES = path.join(REPO_ROOT, 'examples');

export const ACCESS_CREDENTIAL = { id: 'LeversSandbox001', name: 'Levers sandbox' };
export const CLIENT_CREDENTIAL = { id: 'LeversClient0001', name: 'Levers sandbox (client)' };

export const CAMPAIGN_PATH = 'levers-queue-campaign';
export const CLIENT_CAMPAIGN_PATH = 'levers-queue-campaign-client';
export const RETRY_PATH = 'levers-queue-retry';
export const TIMEOUT_WORKFLOW_ID = 'LeversQueueTime01';

/** `count` distinct numbers starting at `first` (8 digits after +9665), one contact each. */
const CONTACTS_CODE = `const { first, count } = $json.body;
return Array.from({ length: count }, (_, index) => ({
	json: { phone: '+9665' + String(first + index).padStart(8, '0') },
}));`;

/** What the execution output: how many items, how each ended, and which execution it was. */
const SUMMARY_CODE = `const items = $input.all();
const outcomes = {};
for (const item of items) outcomes[item.json.outcome] = (outcomes[item.json.outcome] ?? 0) + 1;
return [{ json: { executionId: $execution.id, items: items.length, outcomes } }];`;

/**
 * Webhook (answers with the last node) → contacts from the body → Levers Call (Concurrency 10) → summary.
 * `levers` adds to the Levers Call node (Retry On Fail, On Error).
 */
export function campaignWorkflow(
	id: string,
	webhookPath: string,
	credential: { id: string; name: string },
	levers: object = {},
) {
	const node = (name: string, type: string, typeVersion: number, parameters: object, extra = {}) =>
		workflowNode(id, name, type, typeVersion, parameters, extra);
	return {
		id,
		name: `Levers queue tier: ${webhookPath}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			node(
				'Webhook',
				'n8n-nodes-base.webhook',
				2,
				{ httpMethod: 'POST', path: webhookPath, responseMode: 'lastNode', options: {} },
				{ webhookId: `${id}-webhook` },
			),
			node('Contacts', 'n8n-nodes-base.code', 2, { jsCode: CONTACTS_CODE }),
			node(
				'Levers Call',
				'n8n-nodes-levers.leversCall',
				1,
				{ numberToCall: '={{ $json.phone }}', options: { concurrency: 10 } },
				{ credentials: { leversApi: credential }, ...levers },
			),
			node('Summary', 'n8n-nodes-base.code', 2, { jsCode: SUMMARY_CODE }),
		],
		connections: {
			Webhook: { main: [[{ node: 'Contacts', type: 'main', index: 0 }]] },
			Contacts: { main: [[{ node: 'Levers Call', type: 'main', index: 0 }]] },
			'Levers Call': { main: [[{ node: 'Summary', type: 'main', index: 0 }]] },
		},
	};
}

export const readExample = (file: string) =>
	JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')) as {
		id: string;
		name: string;
		nodes: Array<{ id: string; webhookId?: string; parameters: Record<string, unknown> }>;
	};

export const QUEUE_WORKFLOWS = () => [
	campaignWorkflow('LeversQueueCamp01', CAMPAIGN_PATH, ACCESS_CREDENTIAL),
	campaignWorkflow('LeversQueueCamp02', CLIENT_CAMPAIGN_PATH, CLIENT_CREDENTIAL),
	campaignWorkflow('LeversQueueRetry1', RETRY_PATH, ACCESS_CREDENTIAL, {
		retryOnFail: true,
		maxTries: 3,
		waitBetweenTries: 100,
	}),
	readExample('collect-call-results.json'),
	readExample('call-wait-branch.json'),
	readExample('call-list-and-wait.json'),
	timeLimitedBranchExample(TIMEOUT_WORKFLOW_ID),
];
