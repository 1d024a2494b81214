import { readFileSync } from 'node:fs';
import path from 'node:path';

import { REPO_ROOT } from './n8n-process';

const EXAMPLES = path.join(REPO_ROOT, 'examples');

/** The branch example (Call and Wait) again with a one-minute time limit, for the "Timed Out" path. */
export function timeLimitedBranchExample(id: string) {
	const workflow = JSON.parse(readFileSync(path.join(EXAMPLES, 'call-wait-branch.json'), 'utf8'));
	workflow.id = id;
	workflow.name += ' (1 minute)';
	for (const node of workflow.nodes) {
		node.id = node.id.replace(/4(\d{3})$/, '9$1');
		if (node.webhookId) node.webhookId = node.id;
		if (node.parameters.path) node.parameters.path = 'levers-call-and-wait-1-minute';
		if (node.parameters.waitTimeLimit) node.parameters.waitTimeLimit = 1;
	}
	return workflow;
}
