import { workflowNode } from './n8n-process';

/**
 * The three cases of issue 14 as workflows for a real n8n: Start → the items (Code) → Levers Call with Continue
 * On Fail, its Options as given.
 */
export const REPEATED = '+966520000001';
export const OTHER = '+966520000002';
export const THIRD = '+966520000003';

export const EXACTNESS_CASES = {
	repeated: {
		id: 'LeversE2EExact001',
		items: [REPEATED, REPEATED, REPEATED, OTHER].map((phone) => ({ phone })),
		options: { concurrency: 5, skipDuplicates: true },
	},
	timeout: {
		id: 'LeversE2EExact002',
		items: [
			{ phone: REPEATED, timeout: -5 },
			{ phone: OTHER, timeout: 'abc' },
		],
		options: { timeout: '={{ $json.timeout }}' },
	},
	dryRun: {
		id: 'LeversE2EExact003',
		items: [REPEATED, OTHER, REPEATED, THIRD].map((phone) => ({ phone })),
		options: { dryRun: true, skipDuplicates: true, maxCallsPerExecution: 2 },
	},
};

export function exactnessWorkflow(name: keyof typeof EXACTNESS_CASES, credential: object) {
	const { id, items, options } = EXACTNESS_CASES[name];
	const node = (
		nodeName: string,
		type: string,
		typeVersion: number,
		parameters: object,
		extra = {},
	) => workflowNode(id, nodeName, type, typeVersion, parameters, extra);
	const jsCode = `return ${JSON.stringify(items)}.map((json) => ({ json }));`;
	return {
		id,
		name: `Levers e2e: exactness, ${name}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', 1, {}),
			node('Items', 'n8n-nodes-base.code', 2, { jsCode }),
			node(
				'Levers Call',
				'n8n-nodes-levers.leversCall',
				1,
				{ numberToCall: '={{ $json.phone }}', options },
				{ onError: 'continueRegularOutput', credentials: { leversApi: credential } },
			),
		],
		connections: {
			Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: 'Levers Call', type: 'main', index: 0 }]] },
		},
	};
}
