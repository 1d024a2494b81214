import type { IDataObject, INode } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { runWorkflow } from './run-workflow';
import {
	AGENT_CONSUMER_TYPE,
	DIRECT_CONSUMER_TYPE,
	PASS_THROUGH_TYPE,
	toolConsumerNodeTypes,
} from './tool-consumers';
import type { AgentObservation, DirectCallResult, ToolView } from './tool-consumers';
import type { StoredCredential, WorkflowRunResult } from './types';

export const CONSUMER_NODE_NAME = 'Agent';

export type ToolPath = 'direct' | 'agent';

export interface ToolFlow {
	/** The node used as a tool; its type is the synthetic '<package>.<node>Tool'. */
	tool: INode;
	credentials?: StoredCredential[];
	/** 'direct': `tool.invoke(args)` (AI Agent 1.x/2.x, MCP); 'agent': engine requests (AI Agent 3.1). */
	path: ToolPath;
	/** The arguments of each tool call, in order, as a model would send them. */
	toolCalls: IDataObject[];
	/** Agent path: how many tool calls each model reply carries (parallel tool calls); default 1. */
	callsPerTurn?: number;
	/** The community package to load; defaults to the repo root. */
	packageDir?: string;
}

export interface ToolFlowResult {
	run: WorkflowRunResult;
	/** The tool as the consumer got it: name, description, argument schema. */
	tool: ToolView;
	/** What each call gave back to the consumer, one string per call: what a model would read. */
	replies: string[];
	direct?: DirectCallResult[];
	agent?: AgentObservation[];
}

/**
 * Start → consumer, with the tool on the consumer's ai_tool input, run by n8n-core's WorkflowExecute
 * with execution order v1 as n8n gives new workflows.
 */
export async function runToolFlow(flow: ToolFlow): Promise<ToolFlowResult> {
	const start: INode = node('Start', PASS_THROUGH_TYPE, {});
	const consumer: INode = node(
		CONSUMER_NODE_NAME,
		flow.path === 'direct' ? DIRECT_CONSUMER_TYPE : AGENT_CONSUMER_TYPE,
		flow.path === 'direct'
			? { toolCalls: JSON.stringify(flow.toolCalls) }
			: { toolCalls: JSON.stringify(flow.toolCalls), callsPerTurn: flow.callsPerTurn ?? 1 },
	);
	const run = await runWorkflow({
		nodes: [start, consumer, flow.tool],
		connections: {
			[start.name]: { main: [[{ node: consumer.name, type: NodeConnectionTypes.Main, index: 0 }]] },
			[flow.tool.name]: {
				ai_tool: [[{ node: consumer.name, type: NodeConnectionTypes.AiTool, index: 0 }]],
			},
		},
		credentials: flow.credentials,
		packageDir: flow.packageDir,
		nodeTypes: toolConsumerNodeTypes,
		settings: { executionOrder: 'v1' },
	});
	const [output] = run.output(CONSUMER_NODE_NAME);
	if (!output) {
		throw new Error(
			`The consumer produced no output (run ${run.status}): ${run.error?.message ?? run.nodeError(CONSUMER_NODE_NAME)?.message}`,
		);
	}
	const json = output.json as unknown as {
		tool: ToolView;
		results?: DirectCallResult[];
		observations?: AgentObservation[];
	};
	const replies =
		flow.path === 'direct'
			? (json.results ?? []).map((result) => result.result ?? `Error: ${result.error}`)
			: (json.observations ?? []).map((observation) => observation.observation);
	return { run, tool: json.tool, replies, direct: json.results, agent: json.observations };
}

function node(name: string, type: string, parameters: INode['parameters']): INode {
	return { id: name, name, type, typeVersion: 1, position: [0, 0], parameters };
}
