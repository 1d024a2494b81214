import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { runToolFlow } from './harness';
import type { ToolFlowResult, ToolPath } from './harness';
import { loadPackage } from './harness/package-loader';
import {
	accessTokenCredential,
	ACCESS_TOKEN,
	leversCallNode,
	NODE_NAME,
	rows,
	useSandbox,
} from './levers-support';

/**
 * Levers Call as an AI Agent tool ('leversCallTool', made as n8n's CLI makes it), used both ways n8n
 * 2.41 uses a tool: invoked directly (AI Agent 1.x/2.x, MCP Server Trigger) and run by the engine
 * on the agent's request (AI Agent 3.1, the default). Arguments stand in for what a model would send.
 */
const sandbox = useSandbox();

const NUMBER_DESCRIPTION =
	'The phone number to call, in international E.164 format: + then country code and number, e.g. +14155550100';
const TASK_DESCRIPTION = 'What the AI caller should achieve on this call';

/** A tool node as a user sets one up: the number and a prompt tag left to the model through $fromAI. */
const fromAiParameters: INodeParameters = {
	numberToCall: `={{ $fromAI('numberToCall', '${NUMBER_DESCRIPTION}', 'string') }}`,
	specifyPromptTags: 'keypair',
	promptTags: rows({ task: `={{ $fromAI('task', '${TASK_DESCRIPTION}', 'string') }}` }),
};

function toolNode(
	parameters: INodeParameters = fromAiParameters,
	settings: Partial<INode> = {},
): INode {
	return leversCallNode(parameters, accessTokenCredential(sandbox()), {
		type: 'n8n-nodes-levers.leversCallTool',
		...settings,
	});
}

async function callTool(
	path: ToolPath,
	toolCalls: IDataObject[],
	tool: INode = toolNode(),
): Promise<ToolFlowResult> {
	return await runToolFlow({
		tool,
		credentials: [accessTokenCredential(sandbox())],
		path,
		toolCalls,
	});
}

/** A reply is the JSON of the tool node's output items, or (direct path) the text of what it threw. */
function errorText(reply: string): string {
	try {
		return (JSON.parse(reply) as IDataObject[]).map((item) => String(item.error)).join('\n');
	} catch {
		return reply;
	}
}

const call = (numberToCall: string, task = 'Remind Sara about invoice 42') => ({
	numberToCall,
	task,
});

describe.each<ToolPath>(['direct', 'agent'])('used as a tool, %s path', (path) => {
	test('the model sees the tool by the node name, with the node description and one argument per $fromAI key', async () => {
		const { tool } = await callTool(path, []);
		const { description } = (await loadPackage()).getNode('leversCall').type as {
			description: { description: string };
		};

		expect(tool).toEqual({
			name: 'Levers_Call',
			description: description.description,
			sourceNodeName: NODE_NAME,
			schema: {
				numberToCall: { type: 'string', description: NUMBER_DESCRIPTION, optional: false },
				task: { type: 'string', description: TASK_DESCRIPTION, optional: false },
			},
		});
		expect(sandbox().requests).toEqual([]);
	});

	test('the Description the user writes is what the model reads', async () => {
		const toolDescription =
			'Calls a customer about an unpaid invoice. Only for numbers the user gave.';
		const { tool } = await callTool(
			path,
			[],
			// "Set Manually": n8n adds this switch to a tool whose node has an operation.
			toolNode({ ...fromAiParameters, descriptionType: 'manual', toolDescription }),
		);
		expect(tool.description).toBe(toolDescription);
	});

	test('a call: one request to Levers with the number, the prompt tag and the bearer token', async () => {
		const { run, replies } = await callTool(path, [call('+1 415 555 0100')]);

		expect(run.status).toBe('success');
		const calls = sandbox().callRequests();
		expect(calls.map((request) => request.json)).toEqual([
			{ numberToCall: '+14155550100', promptTags: { task: 'Remind Sara about invoice 42' } },
		]);
		expect(calls[0].headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
		expect(replies).toHaveLength(1);
		expect(replies[0]).not.toContain(ACCESS_TOKEN);
	});

	test('a number that is not E.164 is refused before sending, and the model reads why', async () => {
		const { run, replies } = await callTool(path, [call('0555 123')]);

		expect(sandbox().requests).toEqual([]);
		expect(run.status).toBe('success');
		expect(replies).toHaveLength(1);
		expect(errorText(replies[0])).toContain('"0555 123" is not an international phone number');
	});
});
